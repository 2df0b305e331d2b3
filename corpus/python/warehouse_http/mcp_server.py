"""Warehouse stock lookups exposed as MCP tools (the MCP server; the web app is in app.py)."""

import sqlite3
from pathlib import Path

from mcp.server.fastmcp import FastMCP

DB_PATH = Path(__file__).with_name("stock.db")

mcp = FastMCP("warehouse")


def _connect() -> sqlite3.Connection:
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


@mcp.tool()
def stock_level(sku: str) -> dict:
    """Current quantity on hand for one SKU."""
    with _connect() as conn:
        row = conn.execute("SELECT sku, quantity, bin FROM stock WHERE sku = ?", (sku,)).fetchone()
    return dict(row) if row else {"sku": sku, "quantity": 0}


@mcp.tool()
def low_stock(threshold: int = 5) -> list[dict]:
    """SKUs whose quantity is at or below the threshold."""
    with _connect() as conn:
        rows = conn.execute("SELECT sku, quantity FROM stock WHERE quantity <= ? ORDER BY quantity", (threshold,))
        return [dict(r) for r in rows]


@mcp.resource("warehouse://bins")
def bins() -> str:
    """The bin layout."""
    with _connect() as conn:
        return "\n".join(r["bin"] for r in conn.execute("SELECT DISTINCT bin FROM stock ORDER BY bin"))


# The SSE app is mounted by app.py; nothing here authenticates it.
sse_app = mcp.sse_app()
