"""Fixtures for py-subprocess-shell-true."""
import asyncio
import shlex
import subprocess
import subprocess as sp
from subprocess import Popen, check_output, run

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("devtools")
WORKSPACE = "/srv/workspace"
LIST_CMD = "ls -la /srv/workspace"

CLEANUP_SCRIPT = "rm -rf /tmp/build-*"


@mcp.tool()
def run_command(command: str) -> str:
    # ruleid: py-subprocess-shell-true
    result = subprocess.run(
        command,
        shell=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


@mcp.tool()
def git_log(branch: str) -> str:
    # ruleid: py-subprocess-shell-true
    return subprocess.check_output(f"git log --oneline {branch}", shell=True, text=True)


@mcp.tool()
def grep(pattern: str, path: str) -> str:
    # ruleid: py-subprocess-shell-true
    out = check_output("grep -rn " + pattern + " " + path, shell=True)
    # ruleid: py-subprocess-shell-true
    proc = Popen("tar czf %s %s" % (path, WORKSPACE), shell=True)
    # ruleid: py-subprocess-shell-true
    sp.call("cat {}".format(path), shell=True)
    # ruleid: py-subprocess-shell-true
    run(" ".join(["find", path, "-name", pattern]), shell=True, check=True)
    # ruleid: py-subprocess-shell-true
    subprocess.Popen(args["cmd"], shell=True)
    # ruleid: py-subprocess-shell-true
    subprocess.check_call("echo " f"{pattern}", shell=True)
    return out.decode()


@mcp.tool()
def disk_usage(path: str) -> str:
    # ruleid: py-subprocess-shell-true
    return subprocess.getoutput(f"du -sh {path}")


@mcp.tool()
def ping(host: str) -> str:
    # ruleid: py-subprocess-shell-true
    status, out = subprocess.getstatusoutput("ping -c 1 " + host)
    return out


@mcp.tool()
async def async_run(cmd: str) -> str:
    # ruleid: py-subprocess-shell-true
    proc = await asyncio.create_subprocess_shell(cmd, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return out.decode()


def commented(cmd: str) -> None:
    # ruleid: py-subprocess-shell-true
    subprocess.run(
        # taken from the tool call as is
        cmd,
        shell=True,
    )


def explicit_shell(path: str, pattern: str) -> None:
    # an explicit `sh -c` with an argument list is a shell too
    # ruleid: py-subprocess-shell-true
    subprocess.run(["bash", "-c", f"tar czf /tmp/out.tgz {path}"], check=True)
    # ruleid: py-subprocess-shell-true
    subprocess.check_output(["/bin/sh", "-ec", "grep -r " + pattern])
    # ruleid: py-subprocess-shell-true
    subprocess.Popen(["cmd.exe", "/c", path])


async def explicit_shell_async(path: str) -> None:
    # ruleid: py-subprocess-shell-true
    await asyncio.create_subprocess_exec("sh", "-c", f"du -sh {path}")
    # ok: py-subprocess-shell-true
    await asyncio.create_subprocess_exec("du", "-sh", "--", path)
    # ok: py-subprocess-shell-true
    await asyncio.create_subprocess_exec("sh", "-c", "uptime")


def explicit_shell_safe(path: str) -> None:
    # ok: py-subprocess-shell-true
    subprocess.run(["bash", "-c", "ls -la | wc -l"], check=True)
    # ok: py-subprocess-shell-true
    subprocess.run(["bash", "-c", CLEANUP_SCRIPT], check=True)
    # a script file with arguments: they are not parsed by the shell
    # ok: py-subprocess-shell-true
    subprocess.run(["bash", "backup.sh", path], check=True)
    # ok: py-subprocess-shell-true
    subprocess.run(["bash", "-c", "tar czf /tmp/out.tgz \"$1\"", "tar", path], check=True)


# --- negatives -------------------------------------------------------------

@mcp.tool()
def safe_tools(branch: str, path: str) -> str:
    # ok: py-subprocess-shell-true
    subprocess.run(["git", "checkout", "--", branch], check=True)
    # ok: py-subprocess-shell-true
    subprocess.run(f"git checkout {branch}", shell=False)
    # ok: py-subprocess-shell-true
    subprocess.run("ls -la | wc -l", shell=True)
    # ok: py-subprocess-shell-true
    subprocess.run(LIST_CMD, shell=True)
    # ok: py-subprocess-shell-true
    subprocess.run(f"du -sh {shlex.quote(path)}", shell=True)
    # ok: py-subprocess-shell-true
    subprocess.run("git show " + shlex.quote(branch), shell=True)
    # ok: py-subprocess-shell-true
    subprocess.run(shlex.join(["git", "log", branch]), shell=True)
    # ok: py-subprocess-shell-true
    out = subprocess.check_output(["du", "-sh", path])
    # ok: py-subprocess-shell-true
    status = subprocess.getoutput("uptime")
    # ok: py-subprocess-shell-true
    proc = asyncio.create_subprocess_exec("git", "log", branch)
    # ok: py-subprocess-shell-true
    doc = "subprocess.run(cmd, shell=True) is dangerous"
    # ok: py-subprocess-shell-true
    task_runner.run(job, shell=False)
    return status + doc
