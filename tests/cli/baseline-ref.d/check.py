import mscheck as m

ODD = "odd dir/new\nline \ufffd.py"


def check():
    out = m.stdout()
    m.expect(out == "rc top=6\nstatus unchanged\nrc sub=6\nrc clean=0\nrc dash=2\nrc unknown=2\n", "output %r" % out)
    m.expect(m.read("leftovers.txt") == "", "temporary files left: %r" % m.read("leftovers.txt"))
    top = m.check_report(m.load_json("top.json"))
    states = [(f["file"], f["start"]["line"], f["baseline_state"]) for f in top["findings"]]
    m.expect(states == [(ODD, 3, "unchanged"), (ODD, 5, "new"), ("src/new_name.py", 3, "unchanged"),
                        ("src/tool.py", 7, "unchanged"), ("src/tool.py", 11, "new")], "states %r" % states)
    b = top["summary"]["baseline"]
    m.expect(b["new"] == 2 and b["unchanged"] == 3 and b["fixed"] == 1 and b["against"].startswith("main ("),
             "summary %r" % b)
    m.expect([(f["file"], f["start"]["line"]) for f in top["fixed"]] == [("src/tool.py", 9)], "fixed %r" % top["fixed"])
    sub = m.check_report(m.load_json("sub.json"))
    states = [(f["file"], f["baseline_state"]) for f in sub["findings"]]
    m.expect(states == [("new_name.py", "unchanged"), ("tool.py", "unchanged"), ("tool.py", "new")], "sub %r" % states)
    m.expect([f["file"] for f in sub["fixed"]] == ["tool.py"], "sub fixed %r" % sub["fixed"])
    err = m.stderr()
    m.expect("'--output' is not a git revision" in err, "stderr %r" % err)
    m.expect("git revision 'no-such-branch' not found in this repository; fetch it first" in err, "stderr %r" % err)


m.main(check)
