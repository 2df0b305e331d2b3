import json

out = open("stdout.txt").read()
for line in ("rc=6", "cache in store/", "rc env=6", "rc off=6", "rc flag=6", "rc bad=2", "rc bad timeout=2"):
    assert line in out, (line, out)
c = [json.load(open("r%d.json" % i))["scan"]["cache"] for i in range(1, 5)]
assert c[0]["enabled"] and c[0]["misses"] == 1, c[0]
assert not c[1]["enabled"], c[1]
assert not c[2]["enabled"], c[2]
assert not c[3]["enabled"], "the file's cache.enabled: false is not overridden by --cache-dir alone"
err = open("stderr.txt").read()
assert ".mcp-sentinel.yml:2:13: invalid value 'lots' for 'cache.max_size'" in err, err
assert ".mcp-sentinel.yml:1:15: invalid value '-1' for 'file_timeout'" in err, err
