import asyncio
import os
import shlex
import subprocess

from mcp.server.fastmcp import FastMCP
from mcp.server.lowlevel import Server

mcp = FastMCP("ops")
server = Server("ops-lowlevel")


@mcp.tool()
def run_command(command: str) -> str:
    """Run a shell command."""
    # ruleid: py-mcp-tool-command-injection
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout


@mcp.tool()
def checkout(branch: str) -> int:
    cmd = f"git checkout {branch}"
    full = "cd /srv && " + cmd
    # ruleid: py-mcp-tool-command-injection
    return os.system(full)


@mcp.tool()
def disk_usage(path: str) -> str:
    # ruleid: py-mcp-tool-command-injection
    with os.popen("du -sh %s" % path) as pipe:
        return pipe.read()


@mcp.tool()
def quoted(path: str) -> int:
    # ok: py-mcp-tool-command-injection
    return os.system("du -sh " + shlex.quote(path))


@mcp.tool()
def requoted(path: str) -> int:
    path = shlex.quote(path)
    # ok: py-mcp-tool-command-injection
    return os.system("du -sh " + path)


@mcp.tool()
def count(n: str) -> str:
    lines = int(n)
    # ok: py-mcp-tool-command-injection
    return subprocess.check_output(f"seq {lines}", shell=True, text=True)


@mcp.tool()
def constant(name: str) -> str:
    # ok: py-mcp-tool-command-injection
    return subprocess.check_output("uptime", shell=True, text=True)


@mcp.tool()
def no_shell(path: str) -> str:
    # ok: py-mcp-tool-command-injection
    return subprocess.run(["ls", "-l", "--", path], capture_output=True, text=True).stdout


def _logs(unit: str, lines: int) -> str:
    cmd = f"journalctl -u {unit} -n {lines}"
    # ruleid: py-mcp-tool-command-injection
    return subprocess.check_output(cmd, shell=True, text=True)


def _not_called_from_a_tool(x: str) -> str:
    # ok: py-mcp-tool-command-injection
    return subprocess.check_output(x, shell=True, text=True)


@mcp.tool()
def service_logs(unit: str) -> str:
    return _logs(unit, 100)


@mcp.resource("logs://{unit}")
def unit_logs(unit: str) -> str:
    # ruleid: py-mcp-tool-command-injection
    return subprocess.getoutput("journalctl -u " + unit)


@server.call_tool()
async def call_tool(name: str, arguments: dict):
    if name == "ping":
        host = arguments["host"]
        # ruleid: py-mcp-tool-command-injection
        proc = await asyncio.create_subprocess_shell(f"ping -c 1 {host}")
        return await proc.wait()
    if name == "safe":
        # ok: py-mcp-tool-command-injection
        return os.system("true")


def register(app):
    @app.tool(name="grep")
    def grep(pattern: str, ctx=None) -> str:
        args = {"p": pattern}
        # ruleid: py-mcp-tool-command-injection
        return subprocess.run("grep -r " + args["p"], shell=True, text=True, capture_output=True).stdout


class Helper:
    def build(self, target):
        return "make " + target

    def go(self, target):
        # ruleid: py-mcp-tool-command-injection
        return os.system(self.build(target))

    def run(self, command, cwd):
        # ruleid: py-mcp-tool-command-injection
        return subprocess.run(command, shell=True, cwd=cwd)


class Quoted:
    def go(self, target):
        # ok: py-mcp-tool-command-injection
        return os.system("make " + shlex.quote(target))

    def run(self, command, cwd):
        # ok: py-mcp-tool-command-injection
        return subprocess.run(command, shell=True, cwd=cwd)


@mcp.tool()
def make(target: str) -> int:
    return Helper().go(target)


@mcp.tool()
def make_quoted(target: str) -> int:
    # A method of the instance's own class is followed, not one of the same name elsewhere.
    return Quoted().go(target)


@mcp.tool()
def run_in(command: str, workdir: str) -> int:
    helper = Helper()
    helper.run(command, "/srv")
    quoted = Quoted()
    return quoted.run("make all", workdir)


@mcp.tool()
async def archive(path: str, pattern: str) -> str:
    # An explicit shell in an argument list.
    # ruleid: py-mcp-tool-command-injection
    subprocess.run(["bash", "-c", f"tar czf /tmp/out.tgz {path}"], check=True)
    # ruleid: py-mcp-tool-command-injection
    await asyncio.create_subprocess_exec("sh", "-c", "grep -r " + pattern)
    # The input is an argument of the script, not part of it: "$1" is not parsed.
    # ok: py-mcp-tool-command-injection
    subprocess.run(["bash", "-c", 'tar czf /tmp/out.tgz "$1"', "tar", path], check=True)
    # ok: py-mcp-tool-command-injection
    subprocess.run(["bash", "-c", f"tar czf /tmp/out.tgz {shlex.quote(path)}"], check=True)
    # ok: py-mcp-tool-command-injection
    subprocess.run(["tar", "czf", "/tmp/out.tgz", "--", path], check=True)
    return "ok"
