import urllib.parse

import mscheck as m
import sarif_check as s


def check():
    doc = s.load("out.sarif")
    s.validate(doc)
    run = s.check_github(doc)
    files = [f["file"] for f in m.check_report(m.load_json("out.json"))["findings"]]
    uris = [res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in run["results"]]
    m.expect(len(uris) == 5, "results %r" % uris)
    m.expect([urllib.parse.unquote(u) for u in uris] == files, "decoded %r != %r" % (uris, files))
    want = {
        "src/my dir/a b.py": "src/my%20dir/a%20b.py",
        "src/caf\u00e9/\u00fc.py": "src/caf%C3%A9/%C3%BC.py",
        "src/x#1%20.py": "src/x%231%2520.py",
        "src/q?[1]:2.py": "src/q%3F%5B1%5D%3A2.py",
        "src/it's(1)+2,~@=&.py": "src/it's(1)+2,~@=&.py",
    }
    m.expect(dict(zip(files, uris)) == want, "uris %r" % dict(zip(files, uris)))
    for res in run["results"]:
        m.expect("primaryLocationLineHash" in res["partialFingerprints"], "no line hash: %r" % res)


m.main(check)
