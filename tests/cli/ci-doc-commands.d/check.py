import json
import os
import re
import subprocess

import mscheck as m

PAGES = ["docs/ci/github-actions.md", "docs/ci/gitlab-ci.md", "docs/ci/jenkins.md", "docs/ci/azure-pipelines.md",
         "docs/ci/pre-commit.md"]
# Valid stand-ins for values that are shell variables or CI expressions in the examples.
PLACEHOLDER = {"--severity-threshold": "HIGH", "--exit-code-on-critical": "3", "--exit-code-on-high": "0",
               "--exit-code-on-medium": "0", "--exit-code-on-low": "0", "-j": "2", "--max-concurrent-files": "2",
               "--timeout": "60", "--output": "json", "--color": "auto", "--max-file-size": "1MiB"}
# Formats that another part of the tool provides: a build without them says so in --help.
# (None now: every format the CI pages use is built in, so each must be accepted.)
PENDING_FORMATS = set()


def supported_formats(ms):
    err = subprocess.run([ms, "scan", "--output", "no-such-format", "."], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE).stderr.decode()
    mt = re.search(r"supported: ([a-z, ]+)\)", err)
    m.expect(mt, "no list of formats in %r" % err)
    return set(x.strip() for x in mt.group(1).split(","))


def check():
    ms = os.environ["MS"]
    formats = supported_formats(ms)
    cmds = [json.loads(line) for line in m.read("commands.jsonl").splitlines()]
    for page in PAGES + ["action.yml", ".pre-commit-hooks.yaml"]:
        m.expect(any(c["source"] == page for c in cmds), "%s has no mcp-sentinel scan command" % page)
    for page in PAGES:
        text = open(os.path.join(os.environ["ROOT"], page)).read()
        m.expect("exit code" in text.lower(), "%s does not explain the exit codes" % page)
    checked = 0
    for c in cmds:
        words = c["words"][2:]
        for i in range(1, len(words)):
            if words[i] == "X" and words[i - 1] in PLACEHOLDER:
                words[i] = PLACEHOLDER[words[i - 1]]
        for i in range(1, len(words)):
            if words[i - 1] == "--output" and words[i] not in formats:
                m.expect(words[i] in PENDING_FORMATS, "%s: unknown --output %r" % (c["source"], words[i]))
                print("note: %s uses --output %s, not in this build" % (c["source"], words[i]))
                words[i] = "json"
        r = subprocess.run([ms, "scan", "--help"] + words, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        m.expect(r.returncode == 0, "%s: `mcp-sentinel scan %s` is rejected: %s" % (c["source"], " ".join(c["words"][2:]),
                                                                                   r.stderr.decode().strip()))
        checked += 1
    m.expect(checked >= 10, "only %d commands found" % checked)


m.main(check)
