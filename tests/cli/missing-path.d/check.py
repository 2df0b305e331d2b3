import mscheck as m


def check():
    m.expect(m.stdout() == "", "stdout not empty: %r" % m.stdout())
    m.expect("does-not-exist/server.py" in m.stderr(), "stderr does not name the path: %r" % m.stderr())


m.main(check)
