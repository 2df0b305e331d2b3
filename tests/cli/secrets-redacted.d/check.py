import glob
import json

import mscheck as m
import sarif_check as s


def check():
    tokens = m.read("tokens.txt").split()
    m.expect(len(tokens) == 4, "tokens %r" % tokens)
    rcs = m.read("rc.txt").splitlines()
    want = ["rc=3"] + ["rc %s=3" % f for f in ("html", "gitlab", "junit", "markdown", "compact")]
    m.expect(rcs == want, "exit codes %r (a critical finding is expected)" % rcs)
    outputs = ["out.txt", "out.json", "out.sarif"] + sorted(set(glob.glob("out.*")) - {"out.txt", "out.json", "out.sarif"})
    for name in outputs:
        text = m.read(name)
        for t in tokens:
            m.expect(t not in text, "%s shows the secret %s..." % (name, t[:4]))
            m.expect(t[-10:] not in text, "%s shows the end of the secret %s..." % (name, t[:4]))
    doc = m.check_report(m.load_json("out.json"))
    sarif = s.load("out.sarif")
    s.validate(sarif)
    s.check_github(sarif)
    s.validate_gitlab(json.loads(m.read("out.gitlab")))

    by_file = {}
    for f in doc["findings"]:
        by_file.setdefault(f["file"], set()).add(f["rule_id"])
    expect = {
        ".vscode/mcp.json": {"secret-github-token"},
        ".cursor/mcp.json": {"secret-slack-token"},
        "claude_desktop_config.json": {"secret-anthropic-key", "secret-generic-assignment"},
        ".env": {"secret-generic-config"},
        "src/server.py": {"secret-github-token", "py-tls-verify-disabled"},
    }
    for path, rules in expect.items():
        m.expect(rules <= by_file.get(path, set()), "%s: findings %r, expected %r" % (path, by_file.get(path), rules))
    for f in doc["findings"]:
        if f["rule_id"].startswith("secret-"):
            m.expect("…(" in f["message"] and "…(" in f["snippet"], "not shown redacted: %r" % f)
    # The TLS finding on the token's line has the token redacted from its snippet too.
    tls = [f for f in doc["findings"] if f["rule_id"] == "py-tls-verify-disabled"]
    m.expect(len(tls) == 1 and "ghp_…(40 chars)" in tls[0]["snippet"], "tls snippet %r" % tls)
    m.expect("ghp_…(40 chars)" in m.read("out.txt"), "terminal output lacks the redacted form")

    # Test code: still reported, with low confidence (JSON and SARIF).
    in_tests = [f for f in doc["findings"] if f["file"] == "tests/test_server.py"]
    m.expect([(f["rule_id"], f["confidence"]) for f in in_tests] == [("secret-slack-token", "low")], "tests %r" % in_tests)
    results = s.run_of(sarif)["results"]
    conf = [r["properties"]["confidence"] for r in results
            if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "tests/test_server.py"]
    m.expect(conf == ["low"], "SARIF confidence in tests %r" % conf)
    others = {f["confidence"] for f in doc["findings"] if f["rule_id"] == "secret-slack-token" and f not in in_tests}
    m.expect(others == {"high"}, "confidence outside tests %r" % others)

    raw = m.read("raw.json") + m.read("raw.txt")
    for t in tokens:
        m.expect(t in raw, "--no-redact output lacks %s..." % t[:4])
    # The same findings either way: redaction changes what is shown, not what is found.
    rawdoc = json.loads(m.read("raw.json"))
    key = lambda d: sorted((f["file"], f["rule_id"], f["start"]["line"]) for f in d["findings"])
    m.expect(key(rawdoc) == key(doc), "--no-redact changed the findings")


m.main(check)
