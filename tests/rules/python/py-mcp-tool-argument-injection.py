import asyncio
import subprocess
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("git-tools")
REPOS = Path("/srv/repos")


@mcp.tool()
def clone(url: str, name: str) -> str:
    # ruleid: py-mcp-tool-argument-injection
    subprocess.run(["git", "clone", "--depth", "1", url, str(REPOS / "checkout")], check=True)
    # ok: py-mcp-tool-argument-injection
    subprocess.run(["git", "clone", "--depth", "1", "--", url, str(REPOS / "checkout")], check=True)
    return "cloned"


@mcp.tool()
def history(ref: str, path: str) -> str:
    # ruleid: py-mcp-tool-argument-injection
    cmd = ["git", "log", "--oneline", "-n", "20", ref]
    # ok: py-mcp-tool-argument-injection
    safe = ["git", "log", "--oneline", "--", path]
    # ok: py-mcp-tool-argument-injection
    branch = ["git", "log", f"refs/heads/{ref}"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=REPOS).stdout
    return out + subprocess.run(safe + branch[2:], capture_output=True, text=True, cwd=REPOS).stdout


@mcp.tool()
async def download(url: str) -> str:
    # ruleid: py-mcp-tool-argument-injection
    proc = await asyncio.create_subprocess_exec("curl", "-sSL", url, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return out.decode()


@mcp.tool()
def search(pattern: str, limit: int) -> str:
    # ok: py-mcp-tool-argument-injection
    subprocess.run(["grep", "-rn", "-m", str(int(limit)), "-e", "TODO", str(REPOS)], check=False)
    # ok: py-mcp-tool-argument-injection
    return subprocess.run(["grep", "-rn", "--", pattern, str(REPOS)], capture_output=True, text=True).stdout


# ok: py-mcp-tool-argument-injection
STATUS = ["git", "status", "--short"]


@mcp.tool()
def checkout(ref: str, url: str) -> str:
    if ref.startswith("-"):
        raise ValueError("refs cannot start with '-'")
    # ok: py-mcp-tool-argument-injection
    subprocess.run(["git", "checkout", ref], check=True, cwd=REPOS)
    if url.startswith("-"):
        print("suspicious url")
    # ruleid: py-mcp-tool-argument-injection
    subprocess.run(["git", "fetch", url], check=True, cwd=REPOS)
    return "ok"


@mcp.tool()
def checkout_shell(ref: str) -> str:
    if ref[0] == "-":
        return "invalid ref"
    # ok: py-mcp-tool-argument-injection
    subprocess.run(["git", "switch", ref], check=True, cwd=REPOS)
    # the guard does not make the ref safe for a shell:
    # ruleid: py-mcp-tool-command-injection
    return subprocess.run(f"git log {ref}", shell=True, capture_output=True, text=True).stdout


@mcp.tool()
def commit(message: str, branch: str, flags: str) -> str:
    # ok: py-mcp-tool-argument-injection
    subprocess.run(["git", "commit", "-m", message], check=True, cwd=REPOS)
    # ok: py-mcp-tool-argument-injection
    subprocess.run(["git", "switch", "--branch", branch], check=True, cwd=REPOS)
    # ruleid: py-mcp-tool-argument-injection
    subprocess.run(["git", "status", "-s", flags], check=True, cwd=REPOS)
    return "committed"
