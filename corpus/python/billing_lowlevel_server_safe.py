"""Billing support MCP server (safe variant): the same jobs as billing_lowlevel_server.py.

Parameterised SQL, JSON snapshots, pinned JWT algorithms with expiry checks, and the nightly
export run with argument lists and no shell. Runs over stdio.
"""

import asyncio
import base64
import json
import os
import re
import sqlite3
import ssl
import subprocess

import aiohttp
import jwt
import mcp.server.stdio
import mcp.types as types
from mcp.server.lowlevel import Server

DB_PATH = os.environ.get("BILLING_DB", "/srv/billing/billing.db")
PARTNER_KEY = open("/etc/billing/partner.pub").read()
EXPORT_DIR = "/srv/billing/exports"
NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")

server = Server("billing-support")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [
        types.Tool(
            name="invoice_lookup",
            description="Invoices of a customer account, newest first. Important: the account id is case-sensitive.",
            inputSchema={
                "type": "object",
                "properties": {"account": {"type": "string", "description": "Account id, e.g. ACME-0042."}},
                "required": ["account"],
            },
        ),
        types.Tool(
            name="restore_snapshot",
            description="Restore a billing snapshot exported by the admin console (base64 JSON). Credentials in snapshots are redacted.",
            inputSchema={"type": "object", "properties": {"blob": {"type": "string"}}, "required": ["blob"]},
        ),
    ]


def _invoices(account: str) -> str:
    with sqlite3.connect(DB_PATH) as conn:
        rows = conn.execute("SELECT id, total, due FROM invoices WHERE account = ? ORDER BY due DESC", (account,)).fetchall()
    return "\n".join(f"{r[0]} {r[1]} {r[2]}" for r in rows)


def _restore(blob: str) -> str:
    snapshot = json.loads(base64.b64decode(blob))
    return f"restored {len(snapshot)} records"


def partner_claims(token: str) -> dict:
    return jwt.decode(token, PARTNER_KEY, algorithms=["RS256"], audience="billing", options={"verify_exp": True})


def partner_tls() -> ssl.SSLContext:
    """The partner API uses a private CA: trust it, and keep every check on."""
    ctx = ssl.create_default_context(cafile="/etc/billing/partner-ca.pem")
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


async def partner_ping() -> int:
    connector = aiohttp.TCPConnector(ssl=partner_tls())
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get("https://partner.example.com/health") as resp:
            return resp.status


def nightly_export(settings: dict) -> None:
    name = settings["name"] if NAME.match(settings.get("name", "")) else "billing"
    target = os.path.join(EXPORT_DIR, f"{name}.sql")
    with open(target, "w") as out:
        subprocess.run(["sqlite3", DB_PATH, ".dump"], stdout=out, check=True)
    subprocess.run(["gzip", "-9", "--", target], check=True)
    keep = int(settings.get("retention_days", 30))
    print(f"export done, keeping {keep} days")


@server.call_tool()
async def call_tool(name: str, arguments: dict) -> list[types.TextContent]:
    if name == "invoice_lookup":
        text = _invoices(arguments["account"])
    elif name == "restore_snapshot":
        text = _restore(arguments["blob"])
    else:
        raise ValueError(f"unknown tool: {name}")
    return [types.TextContent(type="text", text=text)]


async def main() -> None:
    async with mcp.server.stdio.stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


if __name__ == "__main__":
    asyncio.run(main())
