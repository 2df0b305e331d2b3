"""Fixtures for py-os-system."""
import os
import shlex

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("devtools")
WORKSPACE = "/srv/workspace"
CLEANUP_CMD = "rm -rf /tmp/devtools-cache"


@mcp.tool()
def git_checkout(branch: str) -> str:
    # ruleid: py-os-system
    status = os.system(f"cd {WORKSPACE} && git checkout {branch}")
    return str(status)


@mcp.tool()
def archive(path: str, name: str) -> str:
    # ruleid: py-os-system
    os.system("tar czf /tmp/" + name + ".tgz " + path)
    # ruleid: py-os-system
    os.system("zip -r %s.zip %s" % (name, path))
    # ruleid: py-os-system
    os.system("gzip {}".format(path))
    return name


@mcp.tool()
def run(command: str) -> str:
    # ruleid: py-os-system
    return os.popen(command).read()


@mcp.tool()
def lookup(args: dict) -> str:
    # ruleid: py-os-system
    with os.popen(
        "nslookup " + args["host"]
    ) as pipe:
        return pipe.read()


@mcp.tool()
def commented(path: str) -> str:
    # ruleid: py-os-system
    os.system(  # the tool input goes straight into the shell
        "rm -rf " + path
    )
    # ok: py-os-system
    os.system(  # a fixed command
        "sync"
    )
    return path


# --- negatives -------------------------------------------------------------

@mcp.tool()
def safe(path: str) -> str:
    # ok: py-os-system
    os.system("clear")
    # ok: py-os-system
    os.system(CLEANUP_CMD)
    # ok: py-os-system
    uptime = os.popen("uptime").read()
    # ok: py-os-system
    os.system(f"du -sh {shlex.quote(path)}")
    # ok: py-os-system
    os.path.join(WORKSPACE, path)
    # ok: py-os-system
    platform.system()
    # ok: py-os-system
    hint = "os.system(f'rm {path}') would be injectable"
    # os.system(cmd) mentioned in a comment
    # ok: py-os-system
    return uptime + hint
