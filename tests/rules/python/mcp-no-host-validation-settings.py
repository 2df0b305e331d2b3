from fastmcp import FastMCP
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

mcp = FastMCP("files")
# ok: mcp-no-host-validation
app = mcp.http_app(middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1"])])
