import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    files = m.finding_files(doc)
    m.expect(files == ["src/app/keep.py", "src/gen/g.js"], "findings in %r" % files)
    # The user's excludes are listed with what matched; the defaults (node_modules) are not.
    skipped = {s["file"]: (s["reason"], s["detail"]) for s in doc["skipped"]}
    m.expect(skipped == {"src/vendor": ("excluded", "exclude dir vendor"),
                         "src/third_party": ("excluded", "exclude dir third_party"),
                         "src/gen/c.generated.js": ("excluded", "exclude pattern *.generated.js"),
                         "src/app/d.tmp.py": ("excluded", "exclude pattern *.tmp.py"),
                         "src/app/f.js": ("excluded", "exclude pattern f.js")}, "skipped %r" % skipped)


m.main(check)
