# An MCP server served over SSE and streamable HTTP with no authentication anywhere.
import uvicorn
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes")


@mcp.tool()
def add_note(text: str) -> str:
    """Stores a note."""
    return text


# ruleid: mcp-missing-auth
app = mcp.sse_app()

if __name__ == "__main__":
    # ruleid: mcp-missing-auth
    mcp.run(transport="streamable-http")
    # ok: mcp-missing-auth
    mcp.run()
