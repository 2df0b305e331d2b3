import mscheck as m
import sarif_check as s


def check():
    for name, category in (("default", "mcp-sentinel/"), ("named", "backend-python/"), ("slash", "monorepo/api/")):
        doc = s.load(name + ".sarif")
        s.validate(doc)
        run = s.check_github(doc, category=category)
        m.expect(len(run["results"]) == 1, "%s: %d results" % (name, len(run["results"])))


m.main(check)
