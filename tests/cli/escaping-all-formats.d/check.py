import html.parser
import json
import re
import xml.etree.ElementTree as ET

import mscheck as m
import sarif_check as s


def shown(s):
    """What the line-oriented formats print for scanned text: controls as \\xNN."""
    return "".join("\\x%02x" % ord(c) if ord(c) < 0x20 or ord(c) == 0x7f else c for c in s)


def check():
    doc = m.check_report(m.load_json("r.json"))
    findings = doc["findings"]
    m.expect(len(findings) == 4, "expected 4 findings, got %d" % len(findings))
    m.expect(any("\n" in f["file"] for f in findings) and any("\x01" in f["message"] for f in findings),
             "the fixture lost its newline / control character")

    # compact: one line per finding, fields escaped, message round-trips.
    lines = m.read("r.compact").split("\n")
    m.expect(lines[-1] == "" and len(lines) - 1 == len(findings), "compact: %d lines for %d findings"
             % (len(lines) - 1, len(findings)))
    rx = re.compile(r"^(.+):(\d+):(\d+): (critical|high|medium|low|info): \[([^\]]+)\] (.*)$")
    for line, f in zip(lines, findings):
        mt = rx.match(line)
        m.expect(mt, "compact line does not parse: %r" % line)
        m.expect(not re.search(r"[\x00-\x1f\x7f]", line), "compact line holds a control character: %r" % line)
        esc = lambda s: shown(s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
        m.expect(mt.group(1) == esc(f["file"]), "compact path %r vs %r" % (mt.group(1), f["file"]))
        m.expect(mt.group(6) == esc(f["message"]), "compact message %r" % mt.group(6))
        m.expect((int(mt.group(2)), int(mt.group(3))) == (f["start"]["line"], f["start"]["column"]), "position")

    # JUnit: well-formed XML 1.0; one failing test case per finding with its message.
    root = ET.parse("r.xml").getroot()
    m.expect(root.tag == "testsuites", "root %r" % root.tag)
    failures = root.findall("./testsuite/testcase/failure")
    m.expect(len(failures) == len(findings) == int(root.get("failures")), "junit failures %d" % len(failures))
    cases = root.findall("./testsuite/testcase")
    m.expect(int(root.get("tests")) == len(cases), "junit tests=%s but %d cases" % (root.get("tests"), len(cases)))
    for fail, f in zip(failures, findings):
        m.expect(fail.get("message") == shown(f["message"]).replace("\\x0b", "\\x0b"),
                 "junit message %r vs %r" % (fail.get("message"), f["message"]))
    files = {c.get("file") for c in cases if c.get("file")}
    m.expect(files == {f["file"] for f in findings}, "junit file attributes %r" % files)

    # Markdown: every table row has exactly 6 cells; nothing raw that renders as HTML.
    md = m.read("r.md")
    rows = [l for l in md.splitlines() if l.startswith("| ") and ("CWE-" in l)]
    m.expect(len(rows) == len(findings), "markdown rows %d" % len(rows))
    for row in rows:
        cells = re.split(r"(?<!\\)\|", row)
        m.expect(len(cells) == 8 and cells[0] == "" and cells[-1] == "", "markdown row has %d cells: %r"
                 % (len(cells) - 2, row))
        m.expect("<" not in row and ">" not in row, "raw markup in a markdown row: %r" % row)
        m.expect(not re.search(r"(?<!\\)`", row), "unescaped backtick: %r" % row)
    m.expect(md.count("\n|") >= len(findings), "rows were split across lines")

    # GitLab: JSON with one vulnerability per finding, file names verbatim.
    gl = json.loads(m.read("r.gitlab"))
    s.validate_gitlab(gl)
    m.expect(sorted(v["location"]["file"] for v in gl["vulnerabilities"]) == sorted(f["file"] for f in findings),
             "gitlab files")

    # HTML: no element from the scanned text; names and messages come back as text.
    class P(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.files = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            a = dict(attrs)
            if tag == "section" and "data-file" in a:
                self.files.append(a["data-file"])

    p = P()
    p.feed(m.read("r.html"))
    m.expect("i" not in p.tags, "an <i> element from the scanned text is in the HTML")
    m.expect(p.tags.count("script") == 1, "%d script elements" % p.tags.count("script"))
    m.expect(sorted(p.files) == sorted(shown(f["file"]).replace("\\x0a", "\n") for f in findings),
             "html file names %r" % p.files)

    # Terminal: no raw control character from the scanned text (only newlines).
    txt = m.read("r.txt")
    m.expect(not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", txt), "terminal output holds a control character")


m.main(check)
