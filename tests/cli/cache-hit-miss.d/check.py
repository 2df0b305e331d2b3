import os

import mscheck as m


def strip(doc):
    del doc["scan"]["started_at"], doc["scan"]["duration_ms"], doc["scan"]["cache"]
    return doc


def check():
    files = len(os.listdir("src"))
    docs = {n: m.check_report(m.load_json(n + ".json")) for n in
            ("cold", "warm", "edited", "rule-changed", "only-one-rule", "other-build", "no-cache")}
    c = {n: d["scan"]["cache"] for n, d in docs.items()}
    m.expect(c["cold"]["enabled"] and c["cold"]["misses"] == files and c["cold"]["writes"] == files
             and c["cold"]["hits"] == 0, "cold: %r" % c["cold"])
    m.expect(c["warm"]["hits"] == files and c["warm"]["misses"] == 0 and c["warm"]["writes"] == 0,
             "warm: %r" % c["warm"])
    m.expect(strip(docs["warm"]) == strip(docs["cold"]), "the warm report differs from the cold one")
    m.expect(c["edited"]["hits"] == files - 1 and c["edited"]["misses"] == 1, "edited: %r" % c["edited"])
    m.expect(c["rule-changed"]["hits"] == 0 and c["rule-changed"]["misses"] == files,
             "a changed rule file must invalidate every entry: %r" % c["rule-changed"])
    titles = {f["title"] for f in docs["rule-changed"]["findings"] if f["rule_id"] == "test-danger-call"}
    m.expect(titles == {"Call to danger() (edited rule)"}, "titles %r" % titles)
    m.expect(c["only-one-rule"]["hits"] == 0, "--rule must not reuse all-rules entries: %r" % c["only-one-rule"])
    m.expect({f["rule_id"] for f in docs["only-one-rule"]["findings"]} == {"py-os-system"},
             "--rule py-os-system reported other rules")
    m.expect(c["other-build"]["hits"] == 0 and c["other-build"]["misses"] == files,
             "another build must not reuse entries: %r" % c["other-build"])
    m.expect(not c["no-cache"]["enabled"] and c["no-cache"]["hits"] == 0, "--no-cache: %r" % c["no-cache"])
    m.expect(strip(docs["no-cache"]) == strip(docs["rule-changed"]), "cached results differ from uncached ones")
    stats = m.read("stats.txt")
    entries = len([n for n in os.listdir(".mcp-sentinel-cache") if n.endswith(".entry")])
    m.expect("entries:  %d\n" % entries in stats and entries == 4 * files + 1, "stats: %r (%d entries)" % (stats, entries))
    m.expect(os.path.isfile(".mcp-sentinel-cache/CACHEDIR.TAG"), "no CACHEDIR.TAG")
    m.expect(m.read(".mcp-sentinel-cache/.gitignore").strip().endswith("*"), "no .gitignore of *")


m.main(check)
