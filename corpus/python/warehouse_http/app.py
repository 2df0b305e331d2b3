"""The web app that serves the warehouse MCP server over SSE, next to a health check."""

import os

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

from .mcp_server import sse_app


async def health(request):
    return JSONResponse({"status": "ok"})


app = Starlette(
    routes=[Route("/health", health), Mount("/", app=sse_app)],
    middleware=[
        Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"], allow_credentials=True),
    ],
)

if __name__ == "__main__":
    uvicorn.run(app, host=os.environ.get("WAREHOUSE_HOST", "0.0.0.0"), port=int(os.environ.get("PORT", "8040")))
