import os
import re

import mscheck as m


def check():
    text = m.read(".mcp-sentinel.yml")
    keys, section = [], None
    for line in text.splitlines():
        mt = re.match(r"^# ( *)([a-z_]+):", line)
        if not mt:
            continue
        if mt.group(1) == "":
            section = mt.group(2)
            keys.append(section)
        elif mt.group(1) == "  " and section:
            keys.append(section + "." + mt.group(2))
    docs = m.read(os.path.join(os.environ["ROOT"], "docs", "configuration.md"))
    m.expect(len(keys) >= 25, "only %d keys in the template" % len(keys))
    for k in keys:
        if k in ("exit_codes", "rules", "sarif", "cache"):  # sections: their keys are in the table
            continue
        m.expect(("| `%s` |" % k) in docs, "key %s is not in the table of docs/configuration.md" % k)


m.main(check)
