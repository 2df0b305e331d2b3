from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from mcp.server.fastmcp import FastMCP
from starlette.middleware import Middleware

mcp = FastMCP("files")
app = FastAPI()
app.mount("/mcp", mcp.streamable_http_app())

# ruleid: mcp-permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
# ok: mcp-permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
# ruleid: mcp-permissive-cors
middleware = [Middleware(CORSMiddleware, allow_origin_regex=".*")]


@app.middleware("http")
async def add_cors(request, call_next):
    response = await call_next(request)
    # ruleid: mcp-permissive-cors
    response.headers["Access-Control-Allow-Origin"] = request.headers.get("origin", "*")
    # ok: mcp-permissive-cors
    response.headers["Access-Control-Allow-Origin"] = "https://app.example.com"
    return response
