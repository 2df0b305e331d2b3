"""DevTools MCP server.

Exposes a handful of developer conveniences (shell helpers, a calculator,
workspace file access and an HTTP probe) to MCP clients over streamable HTTP.
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

import httpx
import requests
from mcp.server.fastmcp import FastMCP

logger = logging.getLogger("devtools")
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

WORKSPACE = Path(os.environ.get("DEVTOOLS_WORKSPACE", "/srv/workspace"))
DEFAULT_TIMEOUT = 30

mcp = FastMCP("devtools", host="0.0.0.0", port=8080)


@mcp.tool()
def run_command(command: str, cwd: str = ".") -> str:
    """Run a shell command inside the workspace and return its combined output."""
    logger.info("run_command: %s (cwd=%s)", command, cwd)
    result = subprocess.run(
        command,
        shell=True,
        cwd=WORKSPACE / cwd,
        capture_output=True,
        text=True,
        timeout=DEFAULT_TIMEOUT,
    )
    output = result.stdout + result.stderr
    return f"exit code {result.returncode}\n{output}"


@mcp.tool()
def git_checkout(branch: str) -> str:
    """Check out a branch in the workspace repository."""
    status = os.system(f"cd {WORKSPACE} && git checkout {branch}")
    if status != 0:
        return f"git checkout failed with status {status}"
    return f"switched to {branch}"


@mcp.tool()
def calculate(expression: str) -> str:
    """Evaluate an arithmetic expression such as '2 * (3 + 4)'."""
    try:
        value = eval(expression)
    except Exception as exc:  # noqa: BLE001 - report any error to the client
        return f"error: {exc}"
    return str(value)


@mcp.tool()
def read_file(path: str, max_bytes: int = 65536) -> str:
    """Read a text file from the workspace."""
    full_path = os.path.join(WORKSPACE, path)
    try:
        with open(full_path, "r", encoding="utf-8", errors="replace") as handle:
            return handle.read(max_bytes)
    except FileNotFoundError:
        return f"no such file: {path}"


@mcp.tool()
async def fetch_url(url: str) -> str:
    """Fetch a URL and return the first 4 KB of the response body."""
    async with httpx.AsyncClient(verify=False, timeout=DEFAULT_TIMEOUT) as client:
        response = await client.get(url, follow_redirects=True)
    logger.info("fetch_url %s -> %s", url, response.status_code)
    return response.text[:4096]


@mcp.tool()
def check_health(url: str) -> dict:
    """Probe a service health endpoint and report status and latency."""
    try:
        response = requests.get(url, timeout=5, verify=False)
    except requests.RequestException as exc:
        return {"url": url, "ok": False, "error": str(exc)}
    return {
        "url": url,
        "ok": response.ok,
        "status": response.status_code,
        "latency_ms": int(response.elapsed.total_seconds() * 1000),
    }


@mcp.resource("file://{path}")
def workspace_file(path: str) -> str:
    """Expose workspace files as MCP resources."""
    return (WORKSPACE / path).read_text(encoding="utf-8")


@mcp.prompt()
def review_changes(diff: str) -> str:
    """Ask the model to review a diff."""
    return f"Please review the following diff and point out bugs:\n\n{diff}"


if __name__ == "__main__":
    logger.info("starting devtools MCP server on port 8080")
    mcp.run(transport="streamable-http")
