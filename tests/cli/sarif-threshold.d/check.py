import mscheck as m
import sarif_check as s

ORDER = ["INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"]


def check():
    for t in ORDER:
        doc = s.load(t + ".sarif")
        s.validate(doc)
        run = s.check_github(doc)
        rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
        for sev in ORDER:
            r = rules.get("danger-" + sev.lower())
            m.expect(r is not None, "%s: rule danger-%s missing from driver.rules" % (t, sev.lower()))
            m.expect(r["defaultConfiguration"]["level"] == s.LEVEL[sev], "%s default level %r" % (sev, r))
            m.expect(r["properties"].get("security-severity") == s.SECURITY_SEVERITY[sev], "%s security-severity %r"
                     % (sev, r["properties"].get("security-severity")))
            m.expect(("security-severity" in r["properties"]) == (sev != "INFO"), "INFO must have no security-severity")
        got = sorted((res["properties"]["severity"], res["level"]) for res in run["results"])
        want = sorted((sev, s.LEVEL[sev]) for sev in ORDER[ORDER.index(t):])
        m.expect(got == want, "threshold %s: results %r, expected %r" % (t, got, want))


m.main(check)
