import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    m.expect(doc["summary"]["files_with_syntax_errors"] == 2, "files_with_syntax_errors %r" % doc["summary"])
    m.expect(doc["summary"]["files_scanned"] == 3, "files_scanned %r" % doc["summary"]["files_scanned"])
    found = [(f["file"], f["start"]["line"]) for f in doc["findings"]]
    m.expect(("src/broken.py", 9) in found, "finding after the syntax error missing: %r" % found)
    m.expect(("src/broken.js", 4) in found, "finding after the JS syntax error missing: %r" % found)
    diag = sorted(d["file"] for d in doc["diagnostics"])
    m.expect(diag == ["src/broken.js", "src/broken.py"], "diagnostics %r" % doc["diagnostics"])


m.main(check)
