import json

out = open("stdout.txt").read()
assert "rc=0" in out and "rc raw=" in out and "rc raw=0" not in out, out
r = json.load(open("r.json"))
sup = {(f["rule_id"], f["suppressed"]["kind"]) for f in r["findings"] if f["suppressed"]}
assert sup == {("mcp-missing-auth", "inline"), ("mcp-no-host-validation", "inline"),
               ("mcp-bind-all-interfaces", "config")}, sup
assert r["summary"]["findings"] == 0 and r["summary"]["suppressed"]["total"] == 3, r["summary"]
raw = json.load(open("raw.json"))
assert {f["rule_id"] for f in raw["findings"] if not f["suppressed"]} >= {
    "mcp-missing-auth", "mcp-no-host-validation", "mcp-bind-all-interfaces"}, raw["findings"]
