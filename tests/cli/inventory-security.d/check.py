import mscheck as m


def check():
    doc = m.check_report(m.load_json("out.json"))
    inv = {e["file"]: e for e in doc["inventory"]}
    py = inv["src/server.py"]
    m.expect(py["transports"] == [{"kind": "sse", "line": 10, "host": "0.0.0.0", "port": None,
                                   "sdk_host_validation": False}], repr(py["transports"]))
    m.expect(py["auth"] == [{"what": "token_verifier=", "line": 6}], repr(py["auth"]))
    m.expect(py["host_validation"] == [{"what": "enable_dns_rebinding_protection=False", "enabled": False,
                                        "line": 7}], repr(py["host_validation"]))
    js = inv["src/app.js"]
    m.expect(js["cors"] == [{"what": "origin: true", "reflects_origin": True, "credentials": True, "line": 4}],
             repr(js["cors"]))
    m.expect(js["binds"] == [{"what": "listen()", "host": None, "port": 3000, "all_interfaces": True,
                              "line": 7}], repr(js["binds"]))
    m.expect(list(js)[:3] == ["file", "handlers", "transports"] and
             list(js)[3:] == ["auth", "host_validation", "binds", "cors"], "key order %r" % list(js))
    rules = sorted({f["rule_id"] for f in doc["findings"]})
    m.expect(rules == ["mcp-bind-all-interfaces", "mcp-no-host-validation", "mcp-permissive-cors"], repr(rules))


m.main(check)
