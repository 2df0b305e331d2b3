# No MCP transport in this project: a public API may well allow every origin.
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
# ok: mcp-permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=["*"])
