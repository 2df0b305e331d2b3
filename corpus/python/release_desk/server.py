"""Release-desk MCP server: wires the tool modules onto one FastMCP app.

Each module exposes `register(app)`, which defines its tools on whatever server object it is
given, so the same tools can be mounted on a test server or the production one.
"""
from mcp.server.fastmcp import FastMCP

from . import artifacts, changelog

app = FastMCP("release-desk")
artifacts.register(app)
changelog.register(app)

if __name__ == "__main__":
    app.run(transport="stdio")
