"""Read-only ledger queries as MCP tools, authenticated and guarded against DNS rebinding.

Served over streamable HTTP by main.py on the loopback interface only.
"""

import os
import sqlite3

from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP
from mcp.server.transport_security import TransportSecuritySettings

LEDGER_DB = os.environ.get("LEDGER_DB", "ledger.sqlite3")
PORT = 8765


class SharedSecretVerifier(TokenVerifier):
    """Accepts the one token the operator configured for this machine."""

    async def verify_token(self, token: str) -> AccessToken | None:
        expected = os.environ.get("LEDGER_TOKEN")
        if not expected or token != expected:
            return None
        return AccessToken(token=token, client_id="ledger-cli", scopes=["ledger:read"])


mcp = FastMCP(
    "ledger",
    host="127.0.0.1",
    port=PORT,
    token_verifier=SharedSecretVerifier(),
    auth=AuthSettings(
        issuer_url="https://auth.internal.example",
        resource_server_url=f"http://127.0.0.1:{PORT}",
        required_scopes=["ledger:read"],
    ),
    transport_security=TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[f"127.0.0.1:{PORT}", f"localhost:{PORT}"],
        allowed_origins=[f"http://127.0.0.1:{PORT}", f"http://localhost:{PORT}"],
    ),
)


@mcp.tool()
def balance(account: str) -> dict:
    """The balance of one account."""
    with sqlite3.connect(LEDGER_DB) as conn:
        row = conn.execute("SELECT SUM(amount) FROM entries WHERE account = ?", (account,)).fetchone()
    return {"account": account, "balance": row[0] or 0}
