# A web app that serves no MCP transport: its bind is not this rule's business.
import uvicorn
from fastapi import FastAPI

app = FastAPI()

# ok: mcp-bind-all-interfaces
uvicorn.run(app, host="0.0.0.0", port=8080)
