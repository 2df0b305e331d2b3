import mscheck as m


def check():
    m.expect(m.stdout() == "rc missing=2\nrc fetched=6\n", "output %r" % m.stdout())
    msg = m.read("missing.txt")
    m.expect("git revision 'main' not found in this shallow clone" in msg and
             "git fetch --depth=1 origin main:refs/remotes/origin/main" in msg and "fetch-depth: 0" in msg,
             "message %r" % msg)
    doc = m.check_report(m.load_json("after.json"))
    m.expect([(f["start"]["line"], f["baseline_state"]) for f in doc["findings"]] == [(5, "unchanged"), (9, "new")],
             "findings %r" % doc["findings"])
    m.expect(doc["summary"]["baseline"]["against"].startswith("origin/main ("), "against %r" % doc["summary"])


m.main(check)
