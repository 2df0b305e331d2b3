"""Team gateway: GitHub helpers, report rendering and cached build artefacts for a team's agents.

Hosted as a Starlette app (SSE for older clients, streamable HTTP for newer ones) behind the
company's reverse proxy.
"""

import logging
import os
import pickle
import random
import string
import subprocess
import time
from pathlib import Path

import httpx
import jwt
from jinja2 import Template
from mcp.server.fastmcp import Context, FastMCP
from starlette.requests import Request
from starlette.responses import JSONResponse

logger = logging.getLogger("team-gateway")
mcp = FastMCP("team-gateway")

GITHUB_API = "https://api.github.com"
GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]
JWT_PUBLIC_KEY = Path("/etc/team-gateway/jwt.pub").read_text()
CACHE_DIR = Path("/var/cache/team-gateway")
WORKSPACE = Path("/srv/workspace")

logger.info("starting gateway, GitHub token %s", GITHUB_TOKEN)


def _caller(request: Request) -> dict:
    auth = request.headers.get("authorization", "")
    return jwt.decode(auth.removeprefix("Bearer "), options={"verify_signature": False})


def _new_api_key() -> str:
    api_key = "".join(random.choices(string.ascii_letters + string.digits, k=40))
    return api_key


def _new_session_id(user: str) -> str:
    session_id = f"{user}-{int(time.time())}"
    return session_id


def _warm_cache() -> dict[str, object]:
    artifacts = {}
    for path in CACHE_DIR.glob("*.pkl"):
        with path.open("rb") as handle:
            artifacts[path.stem] = pickle.load(handle)
    return artifacts


@mcp.tool()
async def list_my_repos(ctx: Context) -> str:
    """List the repositories of the calling user."""
    request = ctx.request_context.request
    auth = request.headers.get("authorization")
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(f"{GITHUB_API}/user/repos", headers={"Authorization": auth})
    response.raise_for_status()
    return "\n".join(repo["full_name"] for repo in response.json())


@mcp.tool()
def mirror_repo(url: str, name: str) -> str:
    """Mirror a repository into the shared workspace."""
    target = WORKSPACE / name.replace("/", "_")
    subprocess.run(["git", "clone", "--mirror", url, str(target)], check=True, timeout=300)
    return f"mirrored into {target}"


@mcp.tool()
def render_report(template: str, title: str) -> str:
    """Render a markdown report from a Jinja template."""
    return Template(template).render(title=title, generated=time.ctime())


@mcp.tool()
def artifact_summary(name: str) -> str:
    """Summarise a cached build artefact."""
    artifact = ARTIFACTS.get(name)
    return repr(artifact)[:2000] if artifact is not None else f"no artefact {name}"


async def issue_key(request: Request) -> JSONResponse:
    caller = _caller(request)
    return JSONResponse({"user": caller["sub"], "api_key": _new_api_key(), "session": _new_session_id(caller["sub"])})


async def sse_login(request: Request) -> JSONResponse:
    token = request.query_params.get("access_token")
    return JSONResponse({"ok": token is not None})


ARTIFACTS = _warm_cache()

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    mcp.run(transport="stdio")
