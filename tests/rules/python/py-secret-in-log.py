import hashlib
import logging
import os
import sys

import httpx
from mcp.server.fastmcp import FastMCP

logger = logging.getLogger(__name__)
mcp = FastMCP("deploy")

GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]
openai_key = os.getenv("OPENAI_API_KEY")
REGION = os.environ["AWS_REGION"]

# ruleid: py-secret-in-log
logger.info("starting with token %s", GITHUB_TOKEN)
# ruleid: py-secret-in-log
print(f"OpenAI key: {openai_key}")
# ruleid: py-secret-in-log
logging.debug("key=%s", os.environ.get("STRIPE_SECRET_KEY"))
# ok: py-secret-in-log
logger.info("token refreshed")
# ok: py-secret-in-log
logger.info("region %s", REGION)
# ok: py-secret-in-log
logger.info("GitHub token configured: %s", bool(GITHUB_TOKEN))
# ok: py-secret-in-log
logger.info("key fingerprint %s", hashlib.sha256(openai_key.encode()).hexdigest()[:8])
# ok: py-secret-in-log
logger.info("token is %s", "set" if GITHUB_TOKEN else "missing")
# ok: py-secret-in-log
logger.info("key prefix %s...", openai_key[:4])
# ruleid: py-secret-in-log
logger.info("key suffix %s", openai_key[4:])


def call_api(url: str, api_key: str) -> dict:
    headers = {"Authorization": f"Bearer {api_key}", "Accept": "application/json"}
    # ruleid: py-secret-in-log
    logger.debug("request headers: %s", headers)
    response = httpx.get(url, headers=headers, timeout=10)
    # ok: py-secret-in-log
    logger.info("GET %s -> %s", url, response.status_code)
    return response.json()


def refresh(token: dict, starting_token: str) -> None:
    # ok: py-secret-in-log
    logger.info("token expires at %s (page %s)", token["expires_at"], starting_token)
    # ruleid: py-secret-in-log
    logger.info("token %s", token["access_token"])


def _trace(value: str) -> None:
    # ruleid: py-secret-in-log
    sys.stderr.write("trace: " + value + "\n")


class Client:
    def __init__(self, password: str, max_tokens: int, page_token: str) -> None:
        self.password = password
        # ok: py-secret-in-log
        logger.info("max tokens %d, page %s", max_tokens, page_token)
        # ok: py-secret-in-log
        logger.info("password length %d", len(password))

    def connect(self) -> None:
        # ruleid: py-secret-in-log
        self.log.warning("login failed for password %s", self.password)
        _trace(GITHUB_TOKEN)


@mcp.tool()
def whoami(request_id: str) -> str:
    # ok: py-secret-in-log
    logger.info("whoami %s", request_id)
    return request_id


def middleware(request):
    auth = request.headers.get("Authorization")
    # ruleid: py-secret-in-log
    logger.info("incoming %s %s", request.url, auth)
    # ok: py-secret-in-log
    logger.info("incoming %s authenticated=%s", request.url, auth is not None)
