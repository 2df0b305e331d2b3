"""Fixtures for py-tls-verify-disabled."""
import ssl

import httpx
import jwt
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("probe")
CA_BUNDLE = "/etc/ssl/certs/internal-ca.pem"


@mcp.tool()
def check_health(url: str) -> dict:
    # ruleid: py-tls-verify-disabled
    resp = requests.get(url, timeout=5, verify=False)
    return {"status": resp.status_code}


@mcp.tool()
def post_event(url: str, payload: dict) -> int:
    # ruleid: py-tls-verify-disabled
    resp = requests.post(
        url,
        json=payload,
        verify=False,
    )
    return resp.status_code


def raw_request(method: str, url: str):
    # ruleid: py-tls-verify-disabled
    return requests.request(method, url, verify=False)


def make_session() -> requests.Session:
    session = requests.Session()
    # ruleid: py-tls-verify-disabled
    session.verify = False
    return session


class ApiClient:
    def __init__(self):
        self.session = requests.Session()
        # ruleid: py-tls-verify-disabled
        self.session.verify = False
        # ruleid: py-tls-verify-disabled
        self.http = httpx.Client(base_url="https://api.internal", verify=False)

    def get(self, path):
        # ruleid: py-tls-verify-disabled
        return self.session.get(path, verify=False)


@mcp.tool()
async def fetch_url(url: str) -> str:
    # ruleid: py-tls-verify-disabled
    async with httpx.AsyncClient(verify=False, timeout=30) as client:
        response = await client.get(url)
    # ruleid: py-tls-verify-disabled
    other = httpx.get(url, verify=False)
    return response.text + other.text


def via_kwargs(url: str):
    # the dict becomes TLS configuration when it is splatted into the call
    # ruleid: py-tls-verify-disabled
    opts = {"verify": False, "timeout": 5}
    return requests.get(url, **opts)


async def via_kwargs_await(url: str):
    # ruleid: py-tls-verify-disabled
    client_opts = {"timeout": 5, "verify": False}
    async with httpx.AsyncClient() as client:
        pass
    response = await client.get(url, **client_opts)
    # ruleid: py-tls-verify-disabled
    other = requests.post(url, **{"verify": False})
    return response, other


def via_kwargs_safe(url: str):
    # ok: py-tls-verify-disabled
    opts = {"verify": True, "timeout": 5}
    first = requests.get(url, **opts)
    # never splatted into a call: a record of settings, not TLS configuration
    # ok: py-tls-verify-disabled
    report = {"verify": False, "url": url}
    # ok: py-tls-verify-disabled
    settings = {"verify": False}
    requests.get(url, **other_opts(settings))
    return first, report


# --- negatives -------------------------------------------------------------

def safe_calls(url: str, token: str):
    # ok: py-tls-verify-disabled
    requests.get(url, verify=True)
    # ok: py-tls-verify-disabled
    requests.get(url, verify=CA_BUNDLE)
    # ok: py-tls-verify-disabled
    requests.get(url, verify="/etc/ssl/certs/ca.pem")
    ctx = ssl.create_default_context(cafile=CA_BUNDLE)
    # ok: py-tls-verify-disabled
    httpx.Client(verify=ctx)
    # ok: py-tls-verify-disabled
    requests.get(url, timeout=10)
    # ok: py-tls-verify-disabled
    requests.get(url, allow_redirects=False, stream=False)
    s = requests.Session()
    # ok: py-tls-verify-disabled
    s.verify = True
    # ok: py-tls-verify-disabled
    s.verify = CA_BUNDLE
    # PyJWT < 2 signature bypass is a different class (CWE-347), not TLS
    # ok: py-tls-verify-disabled
    claims = jwt.decode(token, verify=False)
    # ok: py-tls-verify-disabled
    print("never call requests.get(url, verify=False) in production")
    # requests.get(url, verify=False) in a comment is not code
    # ok: py-tls-verify-disabled
    return claims


class Options:
    def __init__(self):
        # an unrelated "verify" flag on a non-HTTP object
        # ok: py-tls-verify-disabled
        self.verify = False
        # ok: py-tls-verify-disabled
        self.args.verify = False
