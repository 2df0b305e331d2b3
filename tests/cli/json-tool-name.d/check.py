import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    got = [(f["file"], f["start"]["line"], f.get("function"), f.get("tool")) for f in doc["findings"]]
    want = [("src/server.py", 11, "disk_usage", "disk_usage"), ("src/server.py", 15, "helper", None),
            ("src/server.ts", 7, None, "calculate")]
    # `function` for an anonymous arrow handler is not pinned down by the design: ignore it there.
    got = [(f, l, fn if f.endswith(".py") else None, t) for f, l, fn, t in got]
    m.expect(got == want, "(file, line, function, tool) %r, expected %r" % (got, want))


m.main(check)
