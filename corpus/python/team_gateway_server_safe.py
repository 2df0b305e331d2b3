"""Team gateway (safe variant): the same jobs as team_gateway_server.py without its flaws."""

import hashlib
import json
import logging
import os
import re
import secrets
import subprocess
from pathlib import Path

import httpx
import jwt
from jinja2 import Environment, FileSystemLoader, select_autoescape
from mcp.server.fastmcp import FastMCP
from starlette.requests import Request
from starlette.responses import JSONResponse

logger = logging.getLogger("team-gateway")
mcp = FastMCP("team-gateway")

GITHUB_API = "https://api.github.com"
GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]
JWT_PUBLIC_KEY = Path("/etc/team-gateway/jwt.pub").read_text()
AUDIENCE = "https://gateway.example.com"
CACHE_DIR = Path("/var/cache/team-gateway")
WORKSPACE = Path("/srv/workspace")
NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
templates = Environment(loader=FileSystemLoader("/srv/team-gateway/templates"), autoescape=select_autoescape())

logger.info("starting gateway, GitHub token configured: %s", bool(GITHUB_TOKEN))
logger.debug("token fingerprint %s", hashlib.sha256(GITHUB_TOKEN.encode()).hexdigest()[:8])


def _caller(request: Request) -> dict:
    auth = request.headers.get("authorization", "")
    return jwt.decode(auth.removeprefix("Bearer "), JWT_PUBLIC_KEY, algorithms=["RS256"], audience=AUDIENCE)


def _new_api_key() -> str:
    api_key = secrets.token_urlsafe(32)
    return api_key


def _new_session_id() -> str:
    session_id = secrets.token_urlsafe(32)
    return session_id


def _load_artifact(name: str) -> object:
    return json.loads((CACHE_DIR / f"{name}.json").read_text())


@mcp.tool()
async def list_team_repos(org: str) -> str:
    """List the repositories of an organisation, with the gateway's own token."""
    if not NAME.match(org):
        raise ValueError("invalid organisation name")
    headers = {"Authorization": f"Bearer {GITHUB_TOKEN}", "Accept": "application/vnd.github+json"}
    async with httpx.AsyncClient(timeout=10, headers=headers) as client:
        response = await client.get(f"{GITHUB_API}/orgs/{org}/repos")
    response.raise_for_status()
    logger.info("listed %s -> HTTP %s", org, response.status_code)
    return "\n".join(repo["full_name"] for repo in response.json())


@mcp.tool()
def mirror_repo(url: str, name: str) -> str:
    """Mirror a repository into the shared workspace."""
    if not url.startswith("https://") or not NAME.match(name):
        raise ValueError("only https URLs and simple names are accepted")
    target = WORKSPACE / name
    subprocess.run(["git", "clone", "--mirror", "--", url, str(target)], check=True, timeout=300)
    return f"mirrored into {target}"


@mcp.tool()
def render_report(title: str, rows: list[str]) -> str:
    """Render the standard markdown report."""
    return templates.get_template("report.md.j2").render(title=title, rows=rows)


@mcp.tool()
def artifact_summary(name: str) -> str:
    """Summarise a cached build artefact."""
    return json.dumps(_load_artifact(os.path.basename(name)))[:2000]


async def issue_key(request: Request) -> JSONResponse:
    caller = _caller(request)
    return JSONResponse({"user": caller["sub"], "api_key": _new_api_key(), "session": _new_session_id()})


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    mcp.run(transport="stdio")
