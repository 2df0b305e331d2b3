"""Fixtures for py-ssl-unverified-context."""
import ssl
import urllib.request
from ssl import _create_unverified_context

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("web")

# ruleid: py-ssl-unverified-context
ssl._create_default_https_context = ssl._create_unverified_context


@mcp.tool()
def fetch(url: str) -> str:
    # ruleid: py-ssl-unverified-context
    ctx = ssl._create_unverified_context()
    with urllib.request.urlopen(url, context=ctx) as resp:
        return resp.read().decode()


@mcp.tool()
def fetch2(url: str) -> str:
    # ruleid: py-ssl-unverified-context
    with urllib.request.urlopen(url, context=ssl._create_unverified_context()) as resp:
        return resp.read().decode()


def bare():
    # ruleid: py-ssl-unverified-context
    ctx = _create_unverified_context()
    # ruleid: py-ssl-unverified-context
    ctx2 = ssl._create_stdlib_context()
    return ctx, ctx2


def patch_all():
    # ruleid: py-ssl-unverified-context
    ssl._create_default_https_context = _create_unverified_context


# --- negatives -------------------------------------------------------------

def safe(url: str):
    # ok: py-ssl-unverified-context
    ctx = ssl.create_default_context()
    # ok: py-ssl-unverified-context
    ctx2 = ssl.create_default_context(cafile="/etc/ssl/certs/internal-ca.pem")
    # ok: py-ssl-unverified-context
    ssl._create_default_https_context = ssl.create_default_context
    # ok: py-ssl-unverified-context
    msg = "do not call ssl._create_unverified_context() here"
    # ssl._create_unverified_context() mentioned in a comment only
    # ok: py-ssl-unverified-context
    return ctx, ctx2, msg
