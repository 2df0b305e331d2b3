import glob
import os
import re
import mscheck as m

LINE = re.compile(r"^([a-z0-9][a-z0-9._-]*) +(CRITICAL|HIGH|MEDIUM|LOW|INFO) +(CWE-\d+) +\S.*$")


def ids(name):
    out = []
    for line in m.read(name).splitlines():
        mt = LINE.match(line)
        m.expect(mt, "%s: unexpected line %r" % (name, line))
        out.append(mt.group(1))
    return out


def check():
    builtin = ids("builtin.txt")
    files = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(os.environ["ROOT"], "rules", "*", "*.yaml")))
    m.expect(sorted(builtin) == files, "listed %r, rules/ has %r" % (builtin, files))
    m.expect(builtin == sorted(builtin), "not sorted by id")
    user = ids("with-user.txt")
    m.expect(sorted(user) == sorted(builtin + ["test-danger-call"]), "with --rules: %r" % user)


m.main(check)
