import mscheck as m


def check():
    doc = m.check_report(m.load_json("out.json"))
    warm = m.check_report(m.load_json("warm.json"))
    m.expect(warm["findings"] == doc["findings"] and warm["inventory"] == doc["inventory"], "the warm scan differs")
    by_file = {}
    for f in doc["findings"]:
        by_file.setdefault(f["file"], set()).add(f["rule_id"])
    ts = by_file.get("src/server.ts", set())
    m.expect("js-mcp-tool-code-injection" in ts and "secret-github-token" in ts and "test-eval-anywhere" in ts,
             "the .ts file: %r" % sorted(ts))
    py = by_file.get("src/files.py", set())
    m.expect("py-mcp-tool-command-injection" in py, "the .py file: %r" % sorted(py))
    for name in ("types/server.d.ts", "types/server.d.mts", "types/styles.d.css.ts"):
        m.expect(by_file.get(name) == {"secret-github-token", "test-eval-anywhere"},
                 "%s: only the secret and the user rule, got %r" % (name, sorted(by_file.get(name, ()))))
    m.expect("types/files.pyi" not in by_file, "the stub: %r" % sorted(by_file.get("types/files.pyi", ())))
    inv = sorted(e["file"] for e in doc["inventory"])
    m.expect(inv == ["src/files.py", "src/server.ts"], "inventory: %r" % inv)
    errs = sorted(d["file"] for d in doc["diagnostics"] if d["kind"] == "syntax-error")
    m.expect(errs == ["types/broken.d.ts"], "syntax errors: %r" % errs)
    m.expect(doc["summary"]["files_scanned"] == 7, "files scanned: %r" % doc["summary"]["files_scanned"])


m.main(check)
