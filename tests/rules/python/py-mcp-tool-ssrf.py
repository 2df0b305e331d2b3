import urllib.request
from urllib.request import urlopen

import aiohttp
import httpx
import requests
from mcp.server.fastmcp import FastMCP
from mcp.server.lowlevel import Server

mcp = FastMCP("web")
server = Server("web-lowlevel")

API_BASE = "https://api.example.com/v1"
BARE_HOST = "https://api.example.com"
STATUS_URL = "https://status.example.com/health"


@mcp.tool()
def fetch(url: str) -> str:
    # ruleid: py-mcp-tool-ssrf
    return requests.get(url, timeout=10).text


@mcp.tool()
async def probe(host: str, port: int = 80) -> int:
    target = f"http://{host}:{port}/health"
    async with httpx.AsyncClient(timeout=5) as client:
        # ruleid: py-mcp-tool-ssrf
        response = await client.get(target)
    return response.status_code


@mcp.tool()
def post_webhook(webhook: str, message: str) -> int:
    # ruleid: py-mcp-tool-ssrf
    return requests.request("POST", webhook, json={"text": message}).status_code


@mcp.tool()
def download(source: str) -> bytes:
    # ruleid: py-mcp-tool-ssrf
    return httpx.get(url=source, follow_redirects=True).content


@mcp.tool()
def legacy(url: str) -> bytes:
    # ruleid: py-mcp-tool-ssrf
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


@mcp.tool()
def legacy_bare(url: str) -> bytes:
    # ruleid: py-mcp-tool-ssrf
    with urlopen("http://" + url) as response:
        return response.read()


async def _get_json(url: str) -> dict:
    async with aiohttp.ClientSession() as session:
        # ruleid: py-mcp-tool-ssrf
        async with session.get(url) as response:
            return await response.json()


@mcp.tool()
async def get_json(endpoint: str) -> dict:
    return await _get_json(endpoint)


@mcp.resource("proxy://{host}/status")
def proxied_status(host: str) -> str:
    # ruleid: py-mcp-tool-ssrf
    return requests.get("http://%s/status" % host).text


@server.call_tool()
async def call_tool(name: str, arguments: dict):
    if name == "fetch":
        url = arguments["url"]
        # ruleid: py-mcp-tool-ssrf
        return requests.post(url, data=arguments.get("body")).text
    if name == "status":
        # ok: py-mcp-tool-ssrf
        return requests.get(STATUS_URL, params={"q": arguments["q"]}).text


@mcp.tool()
def repo_info(repo: str) -> dict:
    # The host is fixed by the literal: only the path is chosen.
    # ok: py-mcp-tool-ssrf
    return requests.get(f"https://api.github.com/repos/{repo}", timeout=10).json()


@mcp.tool()
def user_info(user: str) -> dict:
    # ok: py-mcp-tool-ssrf
    return httpx.get(f"{API_BASE}/users/{user}").json()


@mcp.tool()
def user_info_via_variable(user: str) -> dict:
    url = f"{API_BASE}/users/{user}"
    # Only the path is tainted: the host is fixed by the constant prefix.
    # ok: py-mcp-tool-ssrf
    return httpx.get(url).json()


@mcp.tool()
def search(query: str) -> dict:
    # ok: py-mcp-tool-ssrf
    return requests.get(API_BASE + "/search", params={"q": query}).json()


@mcp.tool()
def health() -> int:
    # ok: py-mcp-tool-ssrf
    return requests.get(STATUS_URL).status_code


@mcp.tool()
def page(n: str) -> str:
    # ok: py-mcp-tool-ssrf
    return requests.get("http://internal/list?page=%d" % int(n)).text


def _not_called_from_a_tool(url: str) -> str:
    # ok: py-mcp-tool-ssrf
    return requests.get(url).text


@mcp.tool()
def cache_lookup(key: str) -> str:
    cache = {}
    # ok: py-mcp-tool-ssrf
    return cache.get(key, "")


@mcp.tool()
def host_from_input(host: str) -> dict:
    url = f"https://{host}/status"
    # ruleid: py-mcp-tool-ssrf
    return httpx.get(url).json()


@mcp.tool()
def base_without_slash(suffix: str) -> dict:
    # "https://api.example.com" + "@evil.example/" would change the host (the constant's value
    # is not looked at: a name alone does not fix the host).
    url = BARE_HOST + suffix
    # ruleid: py-mcp-tool-ssrf
    return httpx.get(url).json()


async def _nws(url: str) -> dict:
    async with httpx.AsyncClient() as client:
        # ok: py-mcp-tool-ssrf
        return (await client.get(url)).json()


@mcp.tool()
async def get_alerts(state: str) -> dict:
    url = f"{API_BASE}/alerts/active/area/{state}"
    return await _nws(url)
