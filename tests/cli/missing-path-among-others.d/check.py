import mscheck as m


def check():
    m.expect("missing-dir" in m.stderr(), "stderr does not name the path: %r" % m.stderr())


m.main(check)
