"""Ops MCP server built on the low-level SDK.

Provides on-call helpers: disk usage, service logs, ad-hoc Python snippets
and TLS endpoint checks. Runs over stdio for use from a desktop client.
"""

import asyncio
import logging
import os
import socket
import ssl
import subprocess
import urllib.request
from typing import Any

import aiohttp
import mcp.server.stdio
import mcp.types as types
from mcp.server.lowlevel import Server

logger = logging.getLogger("ops-server")

server = Server("ops-tools")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [
        types.Tool(
            name="disk_usage",
            description="Show disk usage for a directory on the host.",
            inputSchema={"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
        ),
        types.Tool(
            name="service_logs",
            description="Return the last lines of a systemd unit's journal.",
            inputSchema={
                "type": "object",
                "properties": {"unit": {"type": "string"}, "lines": {"type": "integer"}},
                "required": ["unit"],
            },
        ),
        types.Tool(
            name="run_snippet",
            description="Execute a short Python snippet for quick diagnostics.",
            inputSchema={"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]},
        ),
        types.Tool(
            name="check_endpoint",
            description="Fetch an HTTPS endpoint and report its status and certificate subject.",
            inputSchema={"type": "object", "properties": {"url": {"type": "string"}}, "required": ["url"]},
        ),
    ]


def _disk_usage(path: str) -> str:
    with os.popen("du -sh " + path) as pipe:
        return pipe.read().strip()


def _service_logs(unit: str, lines: int) -> str:
    cmd = f"journalctl -u {unit} -n {lines} --no-pager"
    return subprocess.check_output(cmd, shell=True, stderr=subprocess.STDOUT, text=True)


def _run_snippet(code: str) -> str:
    scope: dict[str, Any] = {}
    exec(code, scope)
    return repr(scope.get("result", "ok"))


def _peer_certificate(host: str, port: int = 443) -> dict:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with socket.create_connection((host, port), timeout=10) as sock:
        with ctx.wrap_socket(sock, server_hostname=host) as tls:
            return {"version": tls.version(), "cipher": tls.cipher()[0]}


async def _check_endpoint(url: str) -> str:
    connector = aiohttp.TCPConnector(ssl=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get(url) as response:
            status = response.status
    host = url.split("/")[2].split(":")[0]
    info = await asyncio.to_thread(_peer_certificate, host)
    return f"{url}: HTTP {status}, {info['version']} {info['cipher']}"


def _legacy_probe(url: str) -> int:
    context = ssl._create_unverified_context()
    with urllib.request.urlopen(url, context=context, timeout=10) as response:
        return response.status


@server.call_tool()
async def call_tool(name: str, arguments: dict) -> list[types.TextContent]:
    logger.info("call_tool %s", name)
    try:
        if name == "disk_usage":
            text = _disk_usage(arguments["path"])
        elif name == "service_logs":
            text = _service_logs(arguments["unit"], int(arguments.get("lines", 100)))
        elif name == "run_snippet":
            text = _run_snippet(arguments["code"])
        elif name == "check_endpoint":
            try:
                text = await _check_endpoint(arguments["url"])
            except aiohttp.ClientError:
                text = f"fallback status {_legacy_probe(arguments['url'])}"
        else:
            raise ValueError(f"unknown tool: {name}")
    except (subprocess.CalledProcessError, OSError) as exc:
        text = f"error: {exc}"
    return [types.TextContent(type="text", text=text)]


async def main() -> None:
    async with mcp.server.stdio.stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
