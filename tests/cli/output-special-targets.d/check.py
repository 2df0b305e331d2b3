import json
import mscheck  # noqa: F401  (puts the shared helpers on the path)

out = open("stdout.txt").read()
err = open("stderr.txt").read()
for line in ("rc link=6", "link.json is still a link", "rc fifo=6", "pipe is still a FIFO",
             "rc dev-stdout=6", "rc dev-full=8", "rc dir=8"):
    assert line in out, f"missing {line!r} in:\n{out}"
for name in ("real.json", "from-pipe.json", "via-dev-stdout.json"):
    report = json.load(open(name))
    assert [f["rule_id"] for f in report["findings"]] == ["py-eval-exec"], (name, report["findings"])
assert "cannot write the report to /dev/full: No space left on device" in err, err
assert "cannot write adir: it is a directory" in err, err
# No temporary file left behind anywhere we wrote.
assert ".tmp." not in out, out
