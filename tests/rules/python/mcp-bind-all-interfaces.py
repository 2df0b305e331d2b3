import os

import uvicorn
from mcp.server.fastmcp import FastMCP

# ruleid: mcp-bind-all-interfaces
mcp = FastMCP("files", host="0.0.0.0", port=8000)
app = mcp.streamable_http_app()

if __name__ == "__main__":
    # ok: mcp-bind-all-interfaces
    uvicorn.run(app, host="127.0.0.1", port=8000)
    # ruleid: mcp-bind-all-interfaces
    uvicorn.run(app, host=os.getenv("HOST", "0.0.0.0"), port=8000)
    # ok: mcp-bind-all-interfaces
    uvicorn.run(app, port=8000)
    # ruleid: mcp-bind-all-interfaces
    mcp.settings.host = "::"
