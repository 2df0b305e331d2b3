import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    langs = sorted(set((f["file"], f["language"]) for f in doc["findings"]))
    m.expect(langs == [("bin/nodetool", "javascript"), ("bin/nodetool2", "javascript"), ("bin/pytool", "python"),
                       ("bin/pytool2", "python")], "findings %r" % langs)
    m.expect(doc["summary"]["files_scanned"] == 4, "files_scanned %r" % doc["summary"]["files_scanned"])


m.main(check)
