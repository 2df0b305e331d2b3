import mscheck as m


def check():
    out = m.stdout()
    m.expect("rc base=6\nrc same=0\nrc after=6\nrc terminal=6\n" == out, "exit codes %r" % out)
    base = m.check_report(m.load_json("base.json"))
    m.expect("baseline" not in base["summary"] and "fixed" not in base, "baseline keys without --baseline")
    m.expect(all("baseline_state" not in f for f in base["findings"]), "baseline_state without --baseline")

    same = m.check_report(m.load_json("same.json"))
    m.expect(same["summary"]["baseline"] == {"against": "base.json", "new": 0, "unchanged": 2, "fixed": 0},
             "same: %r" % same["summary"]["baseline"])
    m.expect([f["baseline_state"] for f in same["findings"]] == ["unchanged", "unchanged"], "same states")
    m.expect(same["fixed"] == [], "same: fixed %r" % same["fixed"])

    after = m.check_report(m.load_json("after.json"))
    states = [(f["file"], f["start"]["line"], f["baseline_state"]) for f in after["findings"]]
    m.expect(states == [("src/copy.py", 7, "new"), ("src/copy.py", 11, "new"),
                        ("src/tool.py", 7, "unchanged"), ("src/tool.py", 11, "new")], "states %r" % states)
    m.expect(after["summary"]["baseline"] == {"against": "base.json", "new": 3, "unchanged": 1, "fixed": 1},
             "after: %r" % after["summary"]["baseline"])
    fixed = after["fixed"]
    m.expect(len(fixed) == 1 and fixed[0]["file"] == "src/tool.py" and fixed[0]["start"]["line"] == 9
             and fixed[0]["rule_id"] == "py-os-system" and fixed[0]["snippet"] == 'os.system("ls " + x)'
             and fixed[0]["fingerprint"] == base["findings"][1]["fingerprint"], "fixed %r" % fixed)

    # Terminal: new findings only by default, unchanged ones marked with --include-baselined.
    listed = m.terminal_findings(m.read("after.txt"))
    m.expect([(f, l) for f, l, _c, _s, _r in listed] == [("src/copy.py", 7), ("src/copy.py", 11), ("src/tool.py", 11)],
             "terminal %r" % listed)
    m.expect("baseline base.json: 3 new, 1 unchanged, 1 fixed\n" in m.read("after.txt"), "terminal summary")
    text = m.read("all.txt")
    m.expect(len(m.terminal_findings(text)) == 4 and text.count("(unchanged)") == 1, "include-baselined %r" % text)


m.main(check)
