import mscheck as m
import sarif_check as s


def rule_ids(doc):
    return [r["id"] for r in s.run_of(doc)["tool"]["driver"]["rules"]]


def notes(doc, ident):
    return [n for n in s.run_of(doc)["invocations"][0]["toolExecutionNotifications"] if n["descriptor"]["id"] == ident]


def check():
    full = s.load("full.sarif")
    s.validate(full)
    s.check_github(full)
    all_ids = rule_ids(full)
    m.expect(len(all_ids) > 5 and not notes(full, "rules-dropped"), "full: %d rules" % len(all_ids))
    keys = s.result_keys(s.run_of(full))
    m.expect(sorted(k[3] for k in keys) == ["aa-danger-low"] * 2 + ["test-danger-call"] * 2, "results %r" % keys)

    for name in ("five.sarif", "merged.sarif"):
        five = s.load(name)
        s.validate(five)
        s.check_github(five)  # ruleIndex points at ruleId, rules in id order
        ids = rule_ids(five)
        # The two rules with results, then the first three others in rule order.
        others = [i for i in all_ids if i not in ("aa-danger-low", "test-danger-call")][:3]
        m.expect(ids == sorted(["aa-danger-low", "test-danger-call"] + others), "%s rules %r" % (name, ids))
        m.expect(s.result_keys(s.run_of(five)) == keys, "%s lost results" % name)
        n = notes(five, "rules-dropped")
        m.expect(len(n) == 1 and n[0]["level"] == "warning" and n[0]["message"]["text"].startswith(
            "%d rules were left out of tool.driver.rules" % (len(all_ids) - 5))
                 and "(0 results left out" in n[0]["message"]["text"], "%s notification %r" % (name, n))

    one = s.load("one.sarif")
    s.validate(one)
    s.check_github(one)
    m.expect(rule_ids(one) == ["test-danger-call"], "one: rules %r" % rule_ids(one))
    m.expect([k[3] for k in s.result_keys(s.run_of(one))] == ["test-danger-call"] * 2, "one: results")
    n = notes(one, "rules-dropped")
    m.expect(len(n) == 1 and "(2 results left out with their rules)" in n[0]["message"]["text"], "one: %r" % n)


m.main(check)
