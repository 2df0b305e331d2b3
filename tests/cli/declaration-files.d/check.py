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
    # The user rule reads the tree of the file that names eval; nothing reads the other's.
    errs = sorted(d["file"] for d in doc["diagnostics"] if d["kind"] == "syntax-error")
    m.expect(errs == ["types/broken-eval.d.ts"], "syntax errors: %r" % errs)
    m.expect(by_file.get("types/broken-eval.d.ts") == {"test-eval-anywhere"},
             "broken-eval.d.ts: %r" % sorted(by_file.get("types/broken-eval.d.ts", ())))
    # A secret found before the declaration file was parsed gets its enclosing function, and
    # the same fingerprint as in the .ts copy (it hashes the function's name).
    tokens = {f["file"]: f for f in doc["findings"] if f["rule_id"] == "secret-github-token"}
    ts_tok, dts_tok = tokens.get("src/token.ts"), tokens.get("types/token.d.ts")
    m.expect(ts_tok is not None and dts_tok is not None, "token findings: %r" % sorted(tokens))
    m.expect(dts_tok["function"] == "connect" == ts_tok["function"], "function: %r" % dts_tok["function"])
    m.expect(dts_tok["fingerprint"] == ts_tok["fingerprint"], "fingerprints differ")
    # The suppression comment of a declaration file is read from its tree.
    quiet = [f for f in doc["findings"] if f["file"] == "types/quiet.d.ts"]
    m.expect(len(quiet) == 1 and quiet[0]["suppressed"] is not None, "quiet.d.ts: %r" % quiet)
    m.expect(doc["summary"]["files_scanned"] == 11, "files scanned: %r" % doc["summary"]["files_scanned"])


m.main(check)
