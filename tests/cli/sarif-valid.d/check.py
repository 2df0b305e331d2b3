import os

import mscheck as m
import sarif_check as s


def check():
    out = m.stdout()
    m.expect("identical\n" in out, "-j 1 and -j 8 SARIF differ: %r" % out)
    codes = [line.split("=")[1] for line in out.splitlines() if line.startswith("rc")]
    m.expect(len(codes) == 3 and codes[0] in ("3", "4") and codes[1] == codes[0], "exit codes %r" % out)
    doc = s.load("j1.sarif")
    s.validate(doc)
    run = s.check_github(doc)
    js = m.check_report(m.load_json("j1.json"))

    # Every rule of the ruleset, in ruleset order, whether or not it found anything.
    listed = [line.split()[0] for line in m.read("rules.txt").splitlines() if line.strip()]
    rules = run["tool"]["driver"]["rules"]
    m.expect([r["id"] for r in rules] == listed, "driver.rules %r != list-rules %r" % ([r["id"] for r in rules], listed))
    by_id = {r["id"]: r for r in rules}
    for r in rules:
        cwe = [t for t in r["properties"]["tags"] if t.startswith("external/cwe/cwe-")]
        m.expect(r["properties"]["tags"][:1] == ["security"] and "mcp" in r["properties"]["tags"], "tags %r" % r)
        m.expect(r["helpUri"].startswith("https://"), "helpUri %r" % r.get("helpUri"))
        m.expect("## Remediation" in r["help"]["markdown"] and "Remediation:" in r["help"]["text"], "help %r" % r["help"])
        m.expect(r["helpUri"] in r["help"]["markdown"], "references missing from help.markdown")
        m.expect(r["fullDescription"]["text"] == r["fullDescription"]["text"].strip(), "fullDescription not trimmed")
        m.expect(len(cwe) == 1, "cwe tags %r" % cwe)

    # Results: the JSON findings, in the same order, field for field.
    results = run["results"]
    m.expect(len(results) == len(js["findings"]) and len(results) >= 10, "%d results vs %d JSON findings"
             % (len(results), len(js["findings"])))
    cwd = os.getcwd()
    m.expect(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + cwd + "/",
             "%%SRCROOT%% %r, cwd %r" % (run["originalUriBaseIds"], cwd))
    levels = set()
    for res, f in zip(results, js["findings"]):
        pl = res["locations"][0]["physicalLocation"]
        reg = pl["region"]
        m.expect(res["ruleId"] == f["rule_id"], "order: %r vs %r" % (res["ruleId"], f["rule_id"]))
        m.expect(rules[res["ruleIndex"]]["id"] == f["rule_id"], "ruleIndex")
        m.expect(pl["artifactLocation"] == {"uri": f["file"], "uriBaseId": "%SRCROOT%"}, "artifactLocation %r" % pl)
        m.expect(f["file"].startswith("corpus/"), "file %r" % f["file"])
        m.expect((reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) ==
                 (f["start"]["line"], f["start"]["column"], f["end"]["line"], f["end"]["column"]), "region %r" % reg)
        m.expect(reg["snippet"]["text"] == f["snippet"], "snippet")
        m.expect(res["message"]["text"] == f["message"], "message")
        m.expect(res["partialFingerprints"]["mcpSentinel/v1"] == f["fingerprint"], "own fingerprint")
        m.expect(res["properties"]["severity"] == f["severity"], "severity property")
        m.expect(res["properties"]["confidence"] == f["confidence"], "confidence property")
        m.expect(res["properties"].get("tool") == f["tool"], "tool %r vs %r" % (res["properties"].get("tool"), f["tool"]))
        m.expect(res["level"] == s.LEVEL[f["severity"]], "level %r for %s" % (res["level"], f["severity"]))
        rule = by_id[f["rule_id"]]
        # A rule's severity is its findings' default: graded rules (metadata signals) may report
        # less, a project rule may raise one finding (missing auth next to a shell tool is
        # CRITICAL); the result's own level always follows the finding's severity.
        m.expect(res["level"] == s.LEVEL[f["severity"]], "result level does not follow its finding's severity")
        levels.add(res["level"])
        if f.get("trace"):
            steps = res["codeFlows"][0]["threadFlows"][0]["locations"]
            m.expect(len(steps) == len(f["trace"]) == len(res["relatedLocations"]), "trace length")
            first = steps[0]["location"]["physicalLocation"]["region"]
            m.expect((first["startLine"], first["startColumn"]) == (f["trace"][0]["start"]["line"],
                                                                    f["trace"][0]["start"]["column"]), "trace start")
        else:
            m.expect("codeFlows" not in res, "codeFlows on a finding without a trace")
    m.expect("error" in levels or "warning" in levels, "levels %r" % levels)
    inv = run["invocations"][0]
    m.expect(inv["executionSuccessful"] is True and inv["toolExecutionNotifications"] == [], "invocation %r" % inv)

    # An absolute scan path: file:// URIs, no uriBaseId, still valid.
    doc = s.load("abs.sarif")
    s.validate(doc)
    run = s.check_github(doc)
    m.expect(run["results"], "no results for the absolute path")
    for res in run["results"]:
        art = res["locations"][0]["physicalLocation"]["artifactLocation"]
        m.expect(art["uri"].startswith("file://" + cwd + "/corpus/python/") and "uriBaseId" not in art, "abs %r" % art)


m.main(check)
