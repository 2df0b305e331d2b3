import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    got = [(f["rule_id"], f["severity"], f["cwe"], f["file"], f["start"]["line"]) for f in doc["findings"]]
    want = [("mcp-missing-auth", "HIGH", "CWE-306", "srv/mcp_server.py", 5),
            ("mcp-no-host-validation", "MEDIUM", "CWE-346", "srv/mcp_server.py", 5),
            ("mcp-bind-all-interfaces", "MEDIUM", "CWE-1327", "srv/web.py", 10)]
    m.expect(got == want, "findings %r, expected %r" % (got, want))
    for f in doc["findings"]:
        m.expect(len(f["fingerprint"]) == 32, "fingerprint %r" % f["fingerprint"])
    bind = doc["findings"][2]
    m.expect(bind["snippet"] == 'uvicorn.run(app, host="0.0.0.0", port=8000)', bind["snippet"])
    m.expect(bind["function"] is None, "function %r" % bind["function"])
    inv = {e["file"]: e for e in doc["inventory"]}
    m.expect(inv["srv/web.py"]["binds"] == [{"what": "uvicorn.run()", "host": "0.0.0.0", "port": 8000,
                                              "all_interfaces": True, "line": 10}], repr(inv["srv/web.py"]))
    m.expect([t["kind"] for t in inv["srv/mcp_server.py"]["transports"]] == ["sse"], repr(inv))


m.main(check)
