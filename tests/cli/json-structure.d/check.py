import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    m.expect(doc["schema_version"].split(".")[0] == "1", "schema_version %r" % doc["schema_version"])
    m.expect(doc["tool"]["name"] == "mcp-sentinel", "tool.name %r" % doc["tool"]["name"])
    m.expect(doc["scan"]["roots"] == ["src"], "scan.roots %r" % doc["scan"]["roots"])
    m.expect(doc["scan"]["severity_threshold"] == "LOW", "scan.severity_threshold")
    m.expect(isinstance(doc["scan"]["duration_ms"], int), "scan.duration_ms is not an integer")
    s = doc["summary"]
    m.expect(s["files_scanned"] == 7, "files_scanned %r" % s["files_scanned"])
    m.expect(s["files_skipped"] == 0 and s["files_with_syntax_errors"] == 0, "skipped/syntax %r" % s)
    m.expect(s["by_severity"] == {"CRITICAL": 0, "HIGH": 0, "MEDIUM": 10, "LOW": 16, "INFO": 0},
             "by_severity %r" % s["by_severity"])
    files = []
    for f in doc["findings"]:
        if f["file"] not in files:
            files.append(f["file"])
    m.expect(files == ["src/B/c.py", "src/Z.py", "src/a-b.py", "src/a.py", "src/a/b.py", "src/z.js"],
             "file order %r" % files)
    line3 = [(f["start"]["column"], f["rule_id"]) for f in doc["findings"]
             if f["file"] == "src/a.py" and f["start"]["line"] == 3]
    m.expect(line3 == [(1, "aa-danger-call"), (1, "test-danger-call"), (12, "aa-danger-call"),
                       (12, "test-danger-call")], "order on src/a.py line 3: %r" % line3)
    f = next(f for f in doc["findings"] if f["rule_id"] == "test-danger-call")
    m.expect(f["cwe"] == "CWE-78" and f["severity"] == "MEDIUM" and f["confidence"] == "high", "fields %r" % f)
    m.expect(f["snippet"] == "danger(1); danger(2)", "snippet %r" % f["snippet"])
    m.expect(f["end"] == {"line": 3, "column": 10}, "end %r" % f["end"])
    m.expect(f["message"] == "`danger` is called.", "message %r" % f["message"])
    # Fingerprints identify a finding within its file.
    fps = [(x["file"], x["fingerprint"]) for x in doc["findings"]]
    m.expect(len(set(fps)) == len(fps), "fingerprints are not unique within a file")


m.main(check)
