# stdio only: nothing listens on the network.
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("local")

# ok: mcp-missing-auth
mcp.run(transport="stdio")
