# Low-level server on Starlette: the bearer backend authenticates the routes.
from mcp.server.auth.middleware.bearer_auth import BearerAuthBackend, RequireAuthMiddleware
from mcp.server.sse import SseServerTransport
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware

# ok: mcp-missing-auth
sse = SseServerTransport("/messages/")
app = Starlette(middleware=[Middleware(AuthenticationMiddleware, backend=BearerAuthBackend(verifier))])


def stdio_only():
    # ok: mcp-missing-auth
    return stdio_server()
