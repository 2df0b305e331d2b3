"""Team mailer MCP server.

Sends mail from the team account, lists configured settings and SSH hosts, and posts a daily
digest to chat. Its tool descriptions mention addresses, keys, `.env.example` and `~/.ssh` the
way real servers do, without any instruction aimed at the model.
"""

from __future__ import annotations

import os
import smtplib
from email.message import EmailMessage
from pathlib import Path
from typing import Annotated

import httpx
from mcp.server.fastmcp import FastMCP
from pydantic import Field

mcp = FastMCP("mailer")

SMTP_HOST = os.environ.get("SMTP_HOST", "localhost")
SENDER = os.environ.get("MAILER_FROM", "team@example.com")
ALLOWED_DOMAINS = {"example.com", "example.org"}
SETTINGS_TEMPLATE = Path(__file__).with_name(".env.example")
DIGEST_WEBHOOK = os.environ.get("DIGEST_WEBHOOK_URL", "")


@mcp.tool()
def send_email(
    to: Annotated[str, Field(description="Recipient address, e.g. alice@example.com.")],
    subject: Annotated[str, Field(description="Subject line. Important: keep it under 120 characters.")],
    body: Annotated[str, Field(description="Plain-text body.")],
) -> str:
    """Send an email to the given address from the team account.

    IMPORTANT: the recipient's domain must be on the allow-list, and you must provide a subject.
    Attachments are not supported.
    """
    if to.rsplit("@", 1)[-1].lower() not in ALLOWED_DOMAINS:
        raise ValueError("recipient domain is not allowed")
    msg = EmailMessage()
    msg["From"] = SENDER
    msg["To"] = to
    msg["Subject"] = subject[:120]
    msg.set_content(body)
    with smtplib.SMTP(SMTP_HOST) as smtp:
        smtp.send_message(msg)
    return "sent"


@mcp.tool()
def list_settings() -> list[str]:
    """Returns the names of the settings in .env.example so the user can see what to configure.

    Values are never read from .env itself.
    """
    names = []
    for line in SETTINGS_TEMPLATE.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            names.append(line.split("=", 1)[0].strip())
    return names


@mcp.tool()
def ssh_hosts() -> list[str]:
    """List the Host entries of ~/.ssh/config. Private keys such as ~/.ssh/id_rsa are never opened."""
    config = Path.home() / ".ssh" / "config"
    if not config.exists():
        return []
    return [line.split()[1] for line in config.read_text().splitlines() if line.strip().lower().startswith("host ")]


@mcp.tool()
async def post_digest(
    summary: Annotated[str, Field(description="Today's summary in Markdown; you must pass the full text as 'summary'.")],
) -> str:
    """Post today's digest to the team channel through the webhook the operator configured.

    The webhook URL comes from the server's settings, never from the model.
    """
    if not DIGEST_WEBHOOK:
        return "no webhook configured"
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(DIGEST_WEBHOOK, json={"text": summary})
    return f"posted ({response.status_code})"


if __name__ == "__main__":
    mcp.run()
