import mscheck as m


def check():
    for name in ("auto.txt", "nocolor-env.txt", "no-color.txt", "never.txt"):
        text = m.read(name)
        m.expect("src/tool.py" in text, "%s: no report" % name)
        m.expect("\x1b" not in text, "%s has escape sequences" % name)


m.main(check)
