import mscheck as m
import sarif_check as s


def flow(res):
    return res["codeFlows"][0]["threadFlows"][0]["locations"]


def taint_result(doc):
    rs = [r for r in s.run_of(doc)["results"] if "codeFlows" in r]
    m.expect(len(rs) == 1, "one taint result expected, got %d" % len(rs))
    return rs[0]


def notes(doc, ident):
    return [n for n in s.run_of(doc)["invocations"][0]["toolExecutionNotifications"] if n["descriptor"]["id"] == ident]


def check():
    js = m.check_report(m.load_json("out.json"))
    trace = [f for f in js["findings"] if f.get("trace")][0]["trace"]
    # The engine keeps a long trace's source and the 63 steps before the sink.
    m.expect(len(trace) == 65 and trace[0]["label"] == "input `cmd` of MCP tool `run`"
             and trace[-1]["label"].startswith("reaches the sink"), "JSON trace %r" % trace[:2])

    full = s.load("full.sarif")
    s.validate(full)
    s.check_github(full)
    res = taint_result(full)
    m.expect([l["location"]["message"]["text"] for l in flow(res)] == [t["label"] for t in trace], "full trace")
    m.expect("traceSteps" not in res["properties"] and not notes(full, "locations-dropped"), "full was cut")

    cut = s.load("cut.sarif")
    s.validate(cut)
    s.check_github(cut)
    res = taint_result(cut)
    want = trace[:5] + trace[-5:]
    got = flow(res)
    m.expect([l["location"]["message"]["text"] for l in got] == [t["label"] for t in want], "kept steps %r" % got)
    m.expect([l["location"]["physicalLocation"]["region"]["startLine"] for l in got]
             == [t["start"]["line"] for t in want], "kept lines")
    m.expect([r["id"] for r in res["relatedLocations"]] == [1, 2, 3, 4, 5, 61, 62, 63, 64, 65],
             "relatedLocations ids %r" % [r["id"] for r in res["relatedLocations"]])
    m.expect(res["properties"]["traceSteps"] == 65 and res["properties"]["traceStepsOmitted"] == 55,
             "properties %r" % res["properties"])
    n = notes(cut, "locations-dropped")
    m.expect(len(n) == 1 and n[0]["level"] == "warning" and n[0]["message"]["text"].startswith(
        "1 results have a data-flow trace of more than 10 steps"), "notification %r" % n)
    # Everything else is as without the limit.
    m.expect(s.result_keys(s.run_of(cut)) == s.result_keys(s.run_of(full)), "results differ")

    raise_ = s.load("raise.sarif")
    m.expect(len(flow(taint_result(raise_))) == 65, "the variable raised the limit")

    merged = s.load("merged.sarif")
    s.validate(merged)
    s.check_github(merged)
    res = taint_result(merged)
    got = flow(res)
    m.expect(len(got) == 1000 and len(res["relatedLocations"]) == 1000, "merged: %d locations" % len(got))
    texts = [l["location"]["message"]["text"] for l in got]
    m.expect(texts[0] == trace[0]["label"] and texts[-1] == trace[-1]["label"], "merged lost the source or the sink")
    m.expect(texts[499] == "step 500" and texts[500] == "step 1001", "merged middle %r" % texts[498:502])
    m.expect(res["properties"]["traceSteps"] == 1500 and res["properties"]["traceStepsOmitted"] == 500, "merged props")
    m.expect(len(notes(merged, "locations-dropped")) == 1, "merged notification")


m.main(check)
