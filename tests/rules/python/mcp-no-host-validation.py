# Low-level SSE transport without security settings: no Origin/Host validation.
from mcp.server.sse import SseServerTransport
from starlette.applications import Starlette
from starlette.routing import Mount, Route

# ruleid: mcp-no-host-validation
sse = SseServerTransport("/messages/")
app = Starlette(routes=[Mount("/messages/", app=sse.handle_post_message)])
