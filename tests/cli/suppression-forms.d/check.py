import mscheck as m
import sarif_check as s

# (file, line) -> suppression kind, None = reported. Lines not listed have no finding.
DEFAULT = {
    ("src/app.py", 2): "inline", ("src/app.py", 4): "inline", ("src/app.py", 5): None,
    ("src/app.py", 6): None, ("src/app.py", 7): None, ("src/app.py", 8): "inline",
    ("src/app.py", 9): None, ("src/app.py", 11): "inline",
    ("src/b.js", 1): "inline", ("src/b.js", 3): "inline", ("src/b.js", 4): None, ("src/b.js", 5): None,
    ("src/gen.ts", 3): "file", ("src/gen.ts", 4): "file",
    ("src/conf.yaml", 1): "inline", ("src/conf.yaml", 3): None,
    ("tests/test_x.py", 1): "config", ("tests/keep.py", 1): None,
}
DEFAULT.update({("src/late.ts", n): None for n in list(range(1, 11)) + [12]})


def states(doc):
    out = {}
    for f in doc["findings"]:
        key = (f["file"], f["start"]["line"])
        m.expect(key not in out, "two findings at %r" % (key,))
        out[key] = f["suppressed"]["kind"] if f["suppressed"] else None
    return out


def expect_states(name, doc, want):
    got = states(doc)
    for k in sorted(set(got) | set(want)):
        m.expect(got.get(k, "absent") == want.get(k, "absent"),
                 "%s: %s:%d is %r, expected %r" % (name, k[0], k[1], got.get(k, "absent"), want.get(k, "absent")))


def check():
    rc = dict(l.split("=") for l in m.read("rc.txt").split())
    for k in rc:
        if k != "clean":
            m.expect(rc[k] == "5", "%s: exit %s, MEDIUM findings remain" % (k, rc[k]))
    m.expect(rc["clean"] == "0", "only suppressed findings must exit 0, not %s" % rc["clean"])

    doc = m.check_report(m.load_json("default.json"))
    expect_states("default", doc, DEFAULT)
    reasons = {(f["file"], f["start"]["line"]): f["suppressed"]["reason"] for f in doc["findings"] if f["suppressed"]}
    m.expect(reasons[("src/app.py", 2)] == "a is a constant", "reason %r" % reasons[("src/app.py", 2)])
    m.expect(reasons[("src/app.py", 8)] is None, "no reason: null")
    m.expect(reasons[("src/b.js", 3)] == "block comment before the line", "block reason %r" % reasons[("src/b.js", 3)])
    m.expect(reasons[("tests/test_x.py", 1)] == "test fixtures evaluate trusted code", "config reason")
    m.expect(doc["summary"]["suppressed"] == {"total": 10, "inline": 7, "file": 2, "nosec": 0, "config": 1},
             "summary.suppressed %r" % doc["summary"]["suppressed"])
    diags = {(d["file"], d["line"]): d["message"] for d in doc["diagnostics"] if d["kind"] == "suppression"}
    m.expect(diags.get(("src/app.py", 8)) == "no reason given", "missing reason warning: %r" % diags)
    m.expect("no rule id" in diags.get(("src/app.py", 9), ""), "missing rule id warning: %r" % diags)
    m.expect("unknown rule id 'no-such-rule'" in diags.get(("src/app.py", 11), ""), "unknown id warning %r" % diags)
    m.expect("first 10 lines" in diags.get(("src/late.ts", 11), ""), "late ignore-file warning %r" % diags)
    m.expect(not any(d["kind"] == "unused-suppression" for d in doc["diagnostics"]), "unused only on request")

    nosec = dict(DEFAULT)
    nosec[("src/app.py", 7)] = "nosec"
    expect_states("--honor-nosec", m.check_report(m.load_json("nosec.json")), nosec)
    anyrule = dict(DEFAULT)
    anyrule[("src/app.py", 9)] = "inline"
    expect_states("require_suppression_rule_id=false", m.check_report(m.load_json("anyrule.json")), anyrule)
    noinline = {k: (v if v == "config" else None) for k, v in DEFAULT.items()}
    expect_states("--no-inline-suppressions", m.check_report(m.load_json("noinline.json")), noinline)
    norepo = {k: (None if v == "config" else v) for k, v in DEFAULT.items()}
    norepo[("rules/yaml-token.yaml", 11)] = None  # .mcp-sentinelignore is off too
    expect_states("--no-repo-config", m.check_report(m.load_json("norepo.json")), norepo)
    clean = m.check_report(m.load_json("clean.json"))
    m.expect(clean["summary"]["findings"] == 0 and clean["summary"]["suppressed"]["total"] == 3, "clean %r"
             % clean["summary"])

    text = m.read("unused.txt")
    m.expect("unused-suppression src/app.py:10: inline suppression of py-os-system suppresses nothing" in text, text)
    m.expect("unused-suppression .mcp-sentinel.yml:7: config suppression of js-eval in nowhere/ suppresses nothing"
             in text, text)
    m.expect("; 10 suppressed (7 inline, 2 file, 1 config)" in text, "terminal summary: %r" % text.splitlines()[-1])
    m.expect("[py-os-system" not in "".join(l for l in text.splitlines() if l.startswith("  2:")), "shown")

    dflt = s.load("default.sarif")
    s.validate(dflt)
    run = s.check_github(dflt)
    m.expect(len(run["results"]) == doc["summary"]["findings"], "SARIF keeps only unsuppressed results")
    m.expect(all("suppressions" not in r for r in run["results"]), "suppressions in default SARIF")
    m.expect(run["properties"]["suppressed"]["total"] == 10 and run["properties"]["suppressed"]["included"] is False,
             "run properties %r" % run["properties"])
    full = s.load("all.sarif")
    s.validate(full)
    run = s.check_github(full)
    m.expect(len(run["results"]) == len(doc["findings"]), "--include-suppressed keeps every result")
    kinds = sorted(r["suppressions"][0]["kind"] for r in run["results"] if "suppressions" in r)
    m.expect(kinds == ["external"] + ["inSource"] * 9, "suppression kinds %r" % kinds)
    just = [r["suppressions"][0].get("justification") for r in run["results"] if "suppressions" in r]
    m.expect("test fixtures evaluate trusted code" in just and "generated code, reviewed upstream" in just, just)


m.main(check)
