"""Runs the repository's CI integrations the way their hosts would, for the tests/cli cases.

  python3 ci_integrations.py hook REPO [FILE...]
      The `mcp-sentinel` hook of .pre-commit-hooks.yaml, as pre-commit runs it: its entry split
      like a shell command, then the hook's args, then the files (when pass_filenames), in
      REPO. Without FILEs, the staged files (what pre-commit passes on a commit). Exits with the
      hook's exit code.
  python3 ci_integrations.py action WORKDIR KEY=VALUE...
      The run steps of action.yml, as the GitHub runner runs a composite action: inputs from
      their defaults and KEY=VALUE, `${{ ... }}` expressions evaluated for inputs, step outputs
      and the action path, `env:` of each step, `GITHUB_OUTPUT`, and steps skipped after a
      failure unless their `if:` says always(). The build step is replaced by the binary on
      PATH; `uses:` steps are printed (`would run UPLOAD with {...}`), not run. Exits with the
      job's outcome: the exit code of the step that failed, else 0.
  python3 ci_integrations.py commands
      Every `mcp-sentinel` command line in action.yml, .pre-commit-hooks.yaml and docs/ci/*.md,
      one per line as JSON arrays of words (shell variables and `${{ }}` become placeholders).

The pre-commit tool and the Actions runner are not installable here; these emulate the parts
that decide whether our files work: YAML structure, the command lines and the exit codes.
"""

import json
import os
import re
import shlex
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def load(name):
    with open(os.path.join(ROOT, name)) as f:
        return yaml.safe_load(f)


def staged_files(repo):
    out = subprocess.run(["git", "-C", repo, "diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR"],
                         check=True, stdout=subprocess.PIPE).stdout
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def run_hook(repo, files):
    hooks = load(".pre-commit-hooks.yaml")
    assert isinstance(hooks, list), ".pre-commit-hooks.yaml must be a list of hooks"
    hook = next(h for h in hooks if h["id"] == "mcp-sentinel")
    for key in ("id", "name", "entry", "language"):
        assert key in hook, "hook without %r" % key
    assert hook["language"] == "system", "a native binary is a system hook"
    argv = shlex.split(hook["entry"]) + list(hook.get("args", []))
    if hook.get("pass_filenames", True):
        argv += files if files else staged_files(repo)
    print("hook runs: %s" % " ".join(shlex.quote(a) for a in argv), file=sys.stderr)
    return subprocess.run(argv, cwd=repo).returncode


EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def evaluate(expr, ctx):
    """The expressions action.yml uses: inputs.X, steps.ID.outputs.X, github.action_path,
    always(), hashFiles(inputs.X), ==, != and &&."""
    expr = expr.strip()
    if "&&" in expr:
        return all(evaluate(part, ctx) for part in expr.split("&&"))
    for op in ("!=", "=="):
        if op in expr:
            left, right = (evaluate(x, ctx) for x in expr.split(op, 1))
            return (left != right) if op == "!=" else (left == right)
    if expr == "always()":
        return True
    if expr.startswith("'") and expr.endswith("'"):
        return expr[1:-1]
    m = re.fullmatch(r"hashFiles\((.*)\)", expr)
    if m:
        path = os.path.join(ctx["workdir"], evaluate(m.group(1), ctx))
        return "hash-of-" + path if os.path.isfile(path) else ""
    m = re.fullmatch(r"inputs\.([\w-]+)", expr)
    if m:
        return ctx["inputs"][m.group(1)]
    m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
    if m:
        return ctx["outputs"].get(m.group(1), {}).get(m.group(2), "")
    if expr == "github.action_path":
        return ROOT
    raise ValueError("expression not understood: %r" % expr)


def substitute(text, ctx):
    return EXPR.sub(lambda m: str(evaluate(m.group(1), ctx)), str(text))


def run_action(workdir, overrides):
    action = load("action.yml")
    assert action["runs"]["using"] == "composite", "a composite action"
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    for k in overrides:
        assert k in inputs, "action.yml has no input %r" % k
    inputs.update(overrides)
    ctx = {"inputs": inputs, "outputs": {}, "workdir": workdir}
    failed_rc = 0
    for step in action["runs"]["steps"]:
        cond = step.get("if")
        if cond is not None:
            cond = cond.strip()
            if cond.startswith("${{") and cond.endswith("}}"):
                cond = cond[3:-2]
            if not evaluate(cond, ctx) or (failed_rc and "always()" not in cond):
                continue
        elif failed_rc:
            continue
        if "uses" in step:
            with_ = {k: substitute(v, ctx) for k, v in step.get("with", {}).items()}
            print("would run %s with %s" % (step["uses"], json.dumps(with_, sort_keys=True)))
            continue
        if step.get("working-directory", "").strip() == "${{ github.action_path }}":
            continue  # the build: the binary under test is already on PATH
        assert step.get("shell") == "bash", "composite run steps need shell: bash"
        env = dict(os.environ)
        env.update({k: substitute(v, ctx) for k, v in step.get("env", {}).items()})
        out_file = os.path.join(workdir, ".github-output")
        open(out_file, "w").close()
        env["GITHUB_OUTPUT"] = out_file
        # The runner's bash: `bash --noprofile --norc -eo pipefail {0}`.
        rc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", substitute(step["run"], ctx)],
                            cwd=workdir, env=env).returncode
        outputs = {}
        for line in open(out_file):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                outputs[k] = v
        if "id" in step:
            ctx["outputs"][step["id"]] = outputs
        if rc != 0:
            failed_rc = rc
    return failed_rc


def command_lines(text):
    """mcp-sentinel invocations in text: backslash continuations joined, comments dropped."""
    text = re.sub(r"\\\n\s*", " ", text)
    found = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0]
        m = re.search(r"(?:^|[\s;|&(`\"'-])(mcp-sentinel\s+scan\b.*)", line)
        if not m:
            continue
        cmd = m.group(1)
        cmd = re.split(r"\s(?:\|\||&&|\||;)\s|\)\s*$|`", cmd)[0]
        cmd = EXPR.sub("X", cmd)
        cmd = re.sub(r"\$\{[A-Za-z_][A-Za-z_0-9]*:\+([^{}]*)\}", r"\1", cmd)  # ${VAR:+words}: the words
        cmd = re.sub(r"\$\{[^{}]*\}", "X", cmd)
        cmd = re.sub(r"\$\(([^()]*)\)", "X", cmd)
        cmd = re.sub(r"\$\{?[A-Za-z_][A-Za-z_0-9]*\}?|%[A-Za-z_]+%|\$\([A-Za-z_.]+\)", "X", cmd)
        try:
            words = shlex.split(cmd)
        except ValueError:
            words = cmd.split()
        found.append(words)
    return found


def all_commands():
    sources = ["action.yml", ".pre-commit-hooks.yaml"]
    ci = os.path.join(ROOT, "docs", "ci")
    sources += ["docs/ci/" + n for n in sorted(os.listdir(ci)) if n.endswith(".md")]
    for src in sources:
        with open(os.path.join(ROOT, src)) as f:
            for words in command_lines(f.read()):
                print(json.dumps({"source": src, "words": words}))


def main(argv):
    if argv[:1] == ["hook"]:
        return run_hook(os.path.abspath(argv[1]), argv[2:])
    if argv[:1] == ["action"]:
        return run_action(os.path.abspath(argv[1]), dict(a.split("=", 1) for a in argv[2:]))
    if argv[:1] == ["commands"]:
        all_commands()
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
