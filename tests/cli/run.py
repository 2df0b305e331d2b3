#!/usr/bin/env python3
"""End-to-end CLI tests for mcp-sentinel (ctags Tmain style).

Usage: python3 tests/cli/run.py --bin PATH/TO/mcp-sentinel [--update] [-j N] [-v] [CASE...]

Every directory tests/cli/<case>.d/ is one case:

  cmd                  bash script, run as `bash cmd` in a fresh temporary copy of the case
                       directory, stdin from /dev/null, with MS = absolute path of the binary and
                       ROOT = the repository root in the environment (everything else inherited).
                       Its exit code is the case's exit code. Generate big, binary or special
                       files (FIFOs, symlinks) here; never commit them.
  exit-expected.txt    required: the expected exit code of cmd.
  stdout-expected.txt  optional: exact expected stdout, after normalisation (below).
  stderr-expected.txt  optional: exact expected stderr, after normalisation.
  check.py             optional: run as `python3 check.py` in the temporary directory after cmd,
                       with the raw captured output in stdout.txt and stderr.txt and the exit code
                       in exit.txt; exit 0 means pass. tests/cli/_lib is on PYTHONPATH
                       (`import mscheck`).
  bug.txt              optional: the case documents a known bug in the binary (first line is
                       the summary). The case still fails while the bug is there; the runner
                       says so, and says when the case passes again so bug.txt can go.

A case can skip itself (for example when it needs `setpriv` and it is missing) by writing the
reason to a file named SKIP in its working directory; it then counts as passed.

Normalisation of stdout/stderr before comparing: the temporary directory becomes $TMP, the
binary's path $MS, the repository root $ROOT; `in 0.01s` becomes `in X.XXs`; the values of
"started_at" and "duration_ms" become "$TIME" and $DURATION.

On failure the temporary copy is kept, holding actual-stdout.txt, actual-stderr.txt and
diff.txt, and its path is printed. --update rewrites exit-expected.txt and the stdout/stderr
expected files that exist from the actual output (review the diff before committing); cases
with a bug.txt are never rewritten.

Prints `ok <case>` or `FAIL <case>: reason` per case in sorted order and ends with the single
line `cli tests: N passed, M failed`. Exit status: 0 all passed, 1 some failed, 2 usage error.
"""

import argparse
import concurrent.futures
import difflib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
META_FILES = ("cmd", "exit-expected.txt", "stdout-expected.txt", "stderr-expected.txt", "check.py", "bug.txt")


def discover(selected):
    cases = sorted(n[:-2] for n in os.listdir(HERE) if n.endswith(".d") and os.path.isdir(os.path.join(HERE, n)))
    if not selected:
        return cases, []
    wanted = [s[:-2] if s.endswith(".d") else s for s in (os.path.basename(x.rstrip("/")) for x in selected)]
    unknown = [w for w in wanted if w not in cases]
    return sorted(set(w for w in wanted if w in cases)), unknown


def normalise(text, tmp, binary):
    # Longest paths first so that a path under another one is replaced whole.
    subs = {tmp: "$TMP", os.path.realpath(tmp): "$TMP", binary: "$MS", ROOT: "$ROOT"}
    for path in sorted(subs, key=len, reverse=True):
        text = text.replace(path, subs[path])
    text = re.sub(r"\bin \d+(?:\.\d+)?s\b", "in X.XXs", text)
    text = re.sub(r'"started_at": "[^"]*"', '"started_at": "$TIME"', text)
    text = re.sub(r'"duration_ms": \d+', '"duration_ms": $DURATION', text)
    return text


def decode(data):
    return data.decode("utf-8", errors="surrogateescape")


def encode(text):
    return text.encode("utf-8", errors="surrogateescape")


def run_bash(argv, cwd, env, timeout):
    """Runs argv in its own process group; on timeout kills that group. Returns
    (exit code or None on timeout, stdout bytes, stderr bytes)."""
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        return proc.returncode, out, err
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the group of the process we started, only
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        return None, out, err


def read_text(path):
    with open(path, "rb") as f:
        return decode(f.read())


def write_text(path, text):
    with open(path, "wb") as f:
        f.write(encode(text))


def unified(expected, actual, name):
    return "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        fromfile=name, tofile="actual-" + name.replace("-expected", "")))


def make_work_dir(base, case):
    work = tempfile.mkdtemp(prefix=case + ".", dir=base)
    os.rmdir(work)
    shutil.copytree(os.path.join(HERE, case + ".d"), work, symlinks=True)
    # Cases may run the scanner as an unprivileged user: let it in.
    os.chmod(work, 0o755)
    return work


def run_case(case, args, base):
    """Returns (passed, message lines)."""
    src = os.path.join(HERE, case + ".d")
    if not os.path.isfile(os.path.join(src, "cmd")):
        return False, ["FAIL %s: no cmd file" % case]
    if not os.path.isfile(os.path.join(src, "exit-expected.txt")) and not args.update:
        return False, ["FAIL %s: no exit-expected.txt" % case]
    bug = None
    if os.path.isfile(os.path.join(src, "bug.txt")):
        lines = read_text(os.path.join(src, "bug.txt")).strip().splitlines()
        bug = lines[0] if lines else "see bug.txt"

    work = make_work_dir(base, case)
    env = dict(os.environ)
    env["MS"] = args.bin
    env["ROOT"] = ROOT
    env["PYTHONPATH"] = os.path.join(HERE, "_lib") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ in tests/cli/_lib
    # The result cache's HMAC key: outside the case's directory, never in the user's home.
    env["MCP_SENTINEL_CACHE_KEY_FILE"] = os.path.join(base, "cache-key")
    env.pop("MCP_SENTINEL_CACHE_KEY", None)

    # A case with bug.txt documents the behaviour the binary should have: never overwrite it.
    update = args.update and not bug
    code, out, err = run_bash(["bash", "cmd"], work, env, args.timeout)
    write_text(os.path.join(work, "stdout.txt"), decode(out))
    write_text(os.path.join(work, "stderr.txt"), decode(err))
    write_text(os.path.join(work, "exit.txt"), "%s\n" % ("timeout" if code is None else code))

    skip_file = os.path.join(work, "SKIP")
    if code is not None and os.path.isfile(skip_file):
        reason = read_text(skip_file).strip() or "no reason given"
        shutil.rmtree(work, ignore_errors=True)
        return True, ["ok %s # SKIP %s" % (case, reason)]

    actual_out = normalise(decode(out), work, args.bin)
    actual_err = normalise(decode(err), work, args.bin)
    problems = []
    diffs = []

    if code is None:
        problems.append("timed out after %ss" % args.timeout)
    elif update:
        write_text(os.path.join(src, "exit-expected.txt"), "%d\n" % code)
    else:
        want = read_text(os.path.join(src, "exit-expected.txt")).strip()
        if want != str(code):
            problems.append("exit code %d, expected %s" % (code, want))

    for stream, actual in (("stdout", actual_out), ("stderr", actual_err)):
        exp_path = os.path.join(src, stream + "-expected.txt")
        if not os.path.isfile(exp_path):
            continue
        if update and code is not None:
            write_text(exp_path, actual)
            continue
        expected = read_text(exp_path)
        if expected != actual:
            problems.append("%s differs" % stream)
            diffs.append(unified(expected, actual, stream + "-expected.txt"))

    if code is not None and os.path.isfile(os.path.join(work, "check.py")):
        c_code, c_out, c_err = run_bash([sys.executable, "check.py"], work, env, args.timeout)
        if c_code != 0:
            detail = (decode(c_out) + decode(c_err)).strip().splitlines()
            last = detail[-1] if detail else ("timed out" if c_code is None else "exit %d" % c_code)
            problems.append("check.py: %s" % last)
            diffs.append("check.py output:\n" + "\n".join(detail) + "\n")

    if not problems:
        shutil.rmtree(work, ignore_errors=True)
        if bug:
            return True, ["ok %s (bug.txt says '%s' but the case passes: delete bug.txt?)" % (case, bug)]
        return True, ["ok %s" % case]

    write_text(os.path.join(work, "actual-stdout.txt"), actual_out)
    write_text(os.path.join(work, "actual-stderr.txt"), actual_err)
    write_text(os.path.join(work, "diff.txt"), "\n".join(diffs))
    msg = "FAIL %s: %s" % (case, "; ".join(problems))
    if bug:
        msg += " [known bug: %s]" % bug
    lines = [msg, "  output kept in %s" % work]
    if args.verbose:
        lines += ["  " + l for l in "\n".join(diffs).splitlines()]
    return False, lines


def main():
    ap = argparse.ArgumentParser(description="Run the mcp-sentinel CLI end-to-end tests.")
    ap.add_argument("--bin", required=True, help="path to the mcp-sentinel binary")
    ap.add_argument("--update", action="store_true", help="rewrite expected files from the actual output")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="cases run at once (default 2)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per cmd / check.py (default 60)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the diffs of failing cases")
    ap.add_argument("cases", nargs="*", metavar="CASE")
    args = ap.parse_args()

    args.bin = os.path.abspath(args.bin)
    if not (os.path.isfile(args.bin) and os.access(args.bin, os.X_OK)):
        print("run.py: %s is not an executable file" % args.bin, file=sys.stderr)
        return 2
    cases, unknown = discover(args.cases)
    if unknown:
        print("run.py: no such case: %s" % ", ".join(unknown), file=sys.stderr)
        return 2

    base = tempfile.mkdtemp(prefix="ms-cli-tests.")
    os.chmod(base, 0o755)
    passed = failed = 0
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = [pool.submit(run_case, c, args, base) for c in cases]
            for case, fut in zip(cases, futures):  # results in sorted order
                try:
                    ok, lines = fut.result()
                except Exception as e:  # a runner bug must not hide the other cases
                    ok, lines = False, ["FAIL %s: runner error: %r" % (case, e)]
                passed += ok
                failed += not ok
                for line in lines:
                    print(line, flush=True)
    finally:
        try:
            os.rmdir(base)  # only when no failing case left its output there
        except OSError:
            pass
    print("cli tests: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
