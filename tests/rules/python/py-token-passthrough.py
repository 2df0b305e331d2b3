import os

import httpx
import requests
from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.fastmcp import Context, FastMCP

mcp = FastMCP("github-proxy")
SERVICE_TOKEN = os.environ["GITHUB_SERVICE_TOKEN"]


@mcp.tool()
async def list_repos(ctx: Context) -> str:
    request = ctx.request_context.request
    auth = request.headers.get("authorization")
    async with httpx.AsyncClient(timeout=10) as client:
        # ruleid: py-token-passthrough
        response = await client.get("https://api.github.com/user/repos", headers={"Authorization": auth})
    return response.text


@mcp.tool()
def list_issues(repo: str) -> str:
    access_token = get_access_token()
    headers = {"Authorization": f"Bearer {access_token.token}", "Accept": "application/vnd.github+json"}
    # ruleid: py-token-passthrough
    return requests.get(f"https://api.github.com/repos/{repo}/issues", headers=headers, timeout=10).text


@mcp.tool()
async def whoami(ctx: Context) -> str:
    # ruleid: py-token-passthrough
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {get_access_token().token}"}) as client:
        return (await client.get("https://api.github.com/user")).text


def forward(request):
    # ruleid: py-token-passthrough
    return requests.post("https://upstream.internal/v1", data=request.body, headers={"authorization": request.headers["Authorization"]})


@mcp.tool()
async def list_gists(ctx: Context) -> str:
    request = ctx.request_context.request
    agent = request.headers.get("user-agent", "mcp")
    async with httpx.AsyncClient(timeout=10) as client:
        # ok: py-token-passthrough
        response = await client.get(
            "https://api.github.com/gists", headers={"Authorization": f"Bearer {SERVICE_TOKEN}", "User-Agent": agent}
        )
    return response.text


@mcp.tool()
def audit(ctx: Context) -> str:
    auth = ctx.request_context.request.headers.get("authorization")
    # ok: py-token-passthrough
    requests.post("https://audit.internal/events", json={"authenticated": auth is not None}, timeout=5)
    # ok: py-token-passthrough
    requests.post("https://audit.internal/events", json={"event": "call"}, headers={"X-Service": "mcp"}, timeout=5)
    return "ok"


async def proxy_all(request):
    headers = dict(request.headers)
    headers.pop("host", None)
    async with httpx.AsyncClient() as client:
        # ruleid: py-token-passthrough
        upstream = await client.request(request.method, "https://upstream.internal/api", headers=headers)
        agent = request.headers.get("user-agent", "")
        # ok: py-token-passthrough
        await client.post("https://audit.internal/", headers={"User-Agent": agent, "X-Request-Id": request.headers["x-request-id"]})
    return upstream
