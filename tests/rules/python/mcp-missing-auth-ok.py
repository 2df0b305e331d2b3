# Authenticated: FastMCP's token verifier protects every HTTP transport of the project.
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP

from .auth import StaticVerifier

mcp = FastMCP(
    "notes",
    token_verifier=StaticVerifier(),
    auth=AuthSettings(issuer_url="https://auth.example.com", resource_server_url="http://127.0.0.1:8000"),
)

# ok: mcp-missing-auth
mcp.run(transport="sse")
