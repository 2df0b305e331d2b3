#!/usr/bin/env python3
"""Golden files for every output format: `mcp-sentinel scan corpus` run from the repository
root, written once in each format (terminal, json, sarif, html, gitlab, junit, markdown,
compact) in a single run, must equal tests/golden/corpus.<format> after normalisation.

Usage: python3 tests/golden/check.py --bin PATH/TO/mcp-sentinel [--update] [FORMAT...]

Normalisation removes what legitimately changes between runs and machines: timestamps and
durations (JSON started_at/duration_ms, SARIF startTimeUtc/endTimeUtc, JUnit time/timestamp,
GitLab start_time/end_time, the HTML scan time, the terminal's "in 0.12s"), the tool version
(-> $VERSION) and SARIF's %SRCROOT% (the absolute working directory -> $SRCROOT). Paths are
relative because the scan runs from the repository root.

When rules or corpus files change, regenerate and review the diff:

    python3 tests/golden/check.py --bin build/mcp-sentinel --update
    git diff tests/golden/

On a mismatch prints a unified diff per format and exits 1. Ends with the single line
`golden: N passed, M failed`.
"""

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "cli", "_lib"))
import sarif_check  # noqa: E402  (the schema validators the CLI tests use)

# Before comparing, the formats that have a schema are validated against it, as written.
VALIDATE = {"json": sarif_check.validate_json_report, "sarif": sarif_check.validate,
            "gitlab": sarif_check.validate_gitlab}
FORMATS = {  # format -> golden file suffix
    "terminal": "terminal.txt", "json": "json", "sarif": "sarif", "html": "html", "gitlab": "gitlab.json",
    "junit": "junit.xml", "markdown": "md", "compact": "compact.txt",
}
FINDING_EXIT_CODES = (0, 3, 4, 5, 6)


def normalise(fmt, text, version):
    subs = [
        (r'"started_at": "[^"]*"', '"started_at": "$TIME"'),
        (r'"duration_ms": \d+', '"duration_ms": $DURATION'),
        (r'"(startTimeUtc|endTimeUtc|start_time|end_time)": "[^"]*"', r'"\1": "$TIME"'),
        (r'"uri": "file://[^"]*/"', '"uri": "$SRCROOT"'),
        (r' (time|timestamp)="[^"]*"', r' \1="$TIME"'),
        (r'<span class="when">[^<]*</span>', '<span class="when">$TIME</span>'),
        (r"\bin \d+(?:\.\d+)?s\b", "in X.XXs"),
    ]
    for pattern, repl in subs:
        text = re.sub(pattern, repl, text)
    if fmt == "html":  # the version is in the generator meta and the header
        text = text.replace('content="mcp-sentinel %s"' % version, 'content="mcp-sentinel $VERSION"')
        text = text.replace('<span class="version">%s</span>' % version, '<span class="version">$VERSION</span>')
    else:
        text = re.sub(r'"(version|semanticVersion)": "%s"' % re.escape(version), r'"\1": "$VERSION"', text)
    return text


def tool_version(binary):
    out = subprocess.run([binary, "version"], stdout=subprocess.PIPE, check=True).stdout.decode()
    return out.split()[1]


def generate(binary, formats):
    """Runs one scan writing every format; returns {format: normalised text}."""
    version = tool_version(binary)
    with tempfile.TemporaryDirectory(prefix="ms-golden.") as tmp:
        argv = [binary, "scan", "corpus", "--no-cache", "--color", "never"]
        for fmt in formats:
            if fmt != "terminal":
                argv += ["--output", fmt, "--output-file", os.path.join(tmp, fmt)]
        argv += ["--output", "terminal"]
        env = dict(os.environ, NO_COLOR="1")
        proc = subprocess.run(argv, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env, timeout=120)
        if proc.returncode not in FINDING_EXIT_CODES:
            raise RuntimeError("scan exited with %d: %s" % (proc.returncode, proc.stderr.decode(errors="replace")))
        out = {}
        for fmt in formats:
            if fmt == "terminal":
                raw = proc.stdout
            else:
                with open(os.path.join(tmp, fmt), "rb") as f:
                    raw = f.read()
            if fmt in VALIDATE:
                try:
                    VALIDATE[fmt](json.loads(raw.decode("utf-8")))
                except (sarif_check.SarifError, ValueError) as e:
                    raise RuntimeError("the %s output is not valid: %s" % (fmt, e))
            out[fmt] = normalise(fmt, raw.decode("utf-8"), version)
        return out


def main():
    ap = argparse.ArgumentParser(description="Compare every output format of the corpus scan with its golden file.")
    ap.add_argument("--bin", required=True, help="path to the mcp-sentinel binary")
    ap.add_argument("--update", action="store_true", help="rewrite the golden files from the actual output")
    ap.add_argument("formats", nargs="*", metavar="FORMAT", help="only these formats (default: all)")
    args = ap.parse_args()
    formats = args.formats or list(FORMATS)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        print("golden: unknown format %s (known: %s)" % (", ".join(unknown), ", ".join(FORMATS)), file=sys.stderr)
        return 2
    try:
        actual = generate(os.path.abspath(args.bin), formats)
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        print("golden: %s" % e)
        print("golden: 0 passed, %d failed" % len(formats))
        return 1
    passed = failed = 0
    for fmt in formats:
        path = os.path.join(HERE, "corpus." + FORMATS[fmt])
        rel = os.path.relpath(path, ROOT)
        if args.update:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(actual[fmt])
            print("golden: wrote %s" % rel)
            passed += 1
            continue
        try:
            with open(path, encoding="utf-8", newline="") as f:
                expected = f.read()
        except OSError as e:
            print("golden: cannot read %s: %s (run with --update)" % (rel, e))
            failed += 1
            continue
        if expected == actual[fmt]:
            passed += 1
            continue
        failed += 1
        sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual[fmt].splitlines(True),
                                                   fromfile=rel, tofile="actual (%s)" % fmt, n=2))
        print("golden: %s differs (run with --update if the change is intended)" % rel)
    print("golden: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
