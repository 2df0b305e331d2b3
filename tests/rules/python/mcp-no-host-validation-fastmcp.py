# The standalone fastmcp package leaves Host/Origin protection off by default.
from fastmcp import FastMCP

mcp = FastMCP("files")

# ruleid: mcp-no-host-validation
mcp.run(transport="http")
