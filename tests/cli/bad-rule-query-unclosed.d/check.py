import re
import mscheck as m


def check():
    err = m.stderr()
    mt = re.search(r"rules/bad\.yaml:(\d+):(\d+): ", err)
    m.expect(mt, "no FILE:LINE:COL in stderr: %r" % err)
    line, col = int(mt.group(1)), int(mt.group(2))
    lines = open("rules/bad.yaml").read().split("\n")[:-1]
    m.expect(1 <= line <= len(lines), "reported line %d is outside the file (%d lines): %r" % (line, len(lines), err))
    m.expect(1 <= col <= len(lines[line - 1]) + 1, "reported column %d is outside line %d" % (col, line))
    # The query block is lines 15-16; the error is in it.
    m.expect(15 <= line <= 16, "reported line %d is not in the query (lines 15-16)" % line)


m.main(check)
