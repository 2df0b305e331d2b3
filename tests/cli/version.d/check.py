import re
import mscheck as m


def check():
    out = m.stdout()
    m.expect(re.fullmatch(r"mcp-sentinel \d+\.\d+\.\d+\S*( \(.*\))?\n", out), "unexpected version line %r" % out)


m.main(check)
