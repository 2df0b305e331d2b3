import mscheck as m


def check():
    for how in ("truncate", "corrupt", "swap", "forge-wrong-key", "foreign-version"):
        doc = m.check_report(m.load_json(how + ".json"))
        after = m.load_json(how + ".after.json")
        rules = [f["rule_id"] for f in doc["findings"]]
        m.expect("py-os-system" in rules, "%s: the tampered entry hid the finding (%r)" % (how, rules))
        c = doc["scan"]["cache"]
        m.expect(c["rejected"] == 1 and c["hits"] == 0 and c["writes"] == 1, "%s: cache %r" % (how, c))
        c = after["scan"]["cache"]
        m.expect(c["hits"] == 1 and c["rejected"] == 0, "%s: the entry was not rewritten: %r" % (how, c))
        m.expect(after["findings"] == doc["findings"], "%s: the rewritten entry differs" % how)
    control = m.load_json("forge-real-key.json")
    m.expect(control["findings"] == [] and control["scan"]["cache"]["hits"] == 1,
             "control: a well-formed entry under the real key must be used: %r" % control["scan"]["cache"])


m.main(check)
