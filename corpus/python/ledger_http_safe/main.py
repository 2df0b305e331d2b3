"""Entry point: the ledger MCP server over streamable HTTP on 127.0.0.1."""

from .server import mcp

if __name__ == "__main__":
    mcp.run(transport="streamable-http")
