# The official SDK's FastMCP guards a loopback server by itself (the default host).
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("files")

# ok: mcp-no-host-validation
mcp.run(transport="streamable-http")
