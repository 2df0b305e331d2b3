import mscheck as m


def check():
    before = m.check_report(m.load_json("before.json"))["findings"]
    after = m.check_report(m.load_json("after.json"))["findings"]
    m.expect(len(before) == 1 and len(after) == 1, "expected one finding each: %r / %r" % (before, after))
    m.expect(before[0]["start"]["line"] == 5 and after[0]["start"]["line"] == 8, "lines moved unexpectedly")
    m.expect(before[0]["fingerprint"] == after[0]["fingerprint"],
             "fingerprint changed: %s -> %s" % (before[0]["fingerprint"], after[0]["fingerprint"]))


m.main(check)
