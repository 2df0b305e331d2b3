"""Fixtures for py-aiohttp-ssl-disabled."""
import ssl

import aiohttp
import asyncpg
import redis
from aiohttp import TCPConnector
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("fetcher")
CA_FILE = "/etc/ssl/certs/internal-ca.pem"


@mcp.tool()
async def fetch(url: str) -> str:
    async with aiohttp.ClientSession() as session:
        # ruleid: py-aiohttp-ssl-disabled
        async with session.get(url, ssl=False) as resp:
            return await resp.text()


@mcp.tool()
async def post(url: str, body: dict) -> int:
    # ruleid: py-aiohttp-ssl-disabled
    connector = aiohttp.TCPConnector(ssl=False, limit=10)
    async with aiohttp.ClientSession(connector=connector) as session:
        # ruleid: py-aiohttp-ssl-disabled
        async with session.post(
            url,
            json=body,
            ssl=False,
        ) as resp:
            return resp.status


async def legacy():
    # ruleid: py-aiohttp-ssl-disabled
    conn = TCPConnector(verify_ssl=False)
    # ruleid: py-aiohttp-ssl-disabled
    conn2 = TCPConnector(ssl=False)
    # ruleid: py-aiohttp-ssl-disabled
    async with aiohttp.request("GET", "https://example.com", ssl=False) as r:
        pass
    async with aiohttp.ClientSession() as s:
        # ruleid: py-aiohttp-ssl-disabled
        ws = await s.ws_connect("wss://example.com/ws", ssl=False)
    return conn, conn2, ws


# --- negatives -------------------------------------------------------------

async def safe(url: str):
    ctx = ssl.create_default_context(cafile=CA_FILE)
    # ok: py-aiohttp-ssl-disabled
    connector = aiohttp.TCPConnector(ssl=ctx)
    # ok: py-aiohttp-ssl-disabled
    connector2 = aiohttp.TCPConnector(ssl=True)
    async with aiohttp.ClientSession(connector=connector) as session:
        # ok: py-aiohttp-ssl-disabled
        async with session.get(url) as resp:
            pass
        # ok: py-aiohttp-ssl-disabled
        async with session.get(url, ssl=ctx) as resp:
            pass
    # ssl=False on a database or cache client means "plaintext", not "unverified TLS"
    # ok: py-aiohttp-ssl-disabled
    cache = redis.Redis(host="localhost", ssl=False)
    # ok: py-aiohttp-ssl-disabled
    conn = await asyncpg.connect(dsn, ssl=False)
    # ok: py-aiohttp-ssl-disabled
    conn2 = TCPConnector(verify_ssl=True)
    # ok: py-aiohttp-ssl-disabled
    note = "session.get(url, ssl=False) disables verification"
    return connector, connector2, cache, conn, conn2, note
