import itertools
import random
import secrets
import string
import time
import uuid
from random import choices

ALPHABET = string.ascii_letters + string.digits
_ids = itertools.count(1)


def create_client(name: str) -> dict:
    # ruleid: py-insecure-random-token
    api_key = "".join(random.choice(ALPHABET) for _ in range(32))
    # ruleid: py-insecure-random-token
    return {"name": name, "client_secret": "".join(choices(ALPHABET, k=40)), "key": api_key}


def generate_reset_token() -> str:
    # ruleid: py-insecure-random-token
    return "%032x" % random.getrandbits(128)


class OAuthFlow:
    def start(self) -> str:
        # ruleid: py-insecure-random-token
        self.oauth_state = str(random.randint(0, 10**12))
        # ok: py-insecure-random-token
        self.nonce = secrets.token_urlsafe(16)
        # ok: py-insecure-random-token
        self.state = random.choice(["idle", "busy"])
        return self.oauth_state


def good_password() -> str:
    # ok: py-insecure-random-token
    return "".join(secrets.choice(ALPHABET) for _ in range(20))


def jitter() -> float:
    # ok: py-insecure-random-token
    delay = random.uniform(0.1, 0.5)
    return delay


def system_random_token() -> str:
    rng = random.SystemRandom()
    # ok: py-insecure-random-token
    token = "".join(rng.choice(ALPHABET) for _ in range(32))
    return token


class SessionTable:
    def __init__(self) -> None:
        self.sessions: dict[str, dict] = {}
        self._next = 0

    def open(self) -> str:
        # ruleid: py-weak-session-id
        session_id = str(len(self.sessions) + 1)
        self.sessions[session_id] = {}
        return session_id

    def open_timed(self) -> str:
        # ruleid: py-weak-session-id
        sid = f"{int(time.time() * 1000)}-{random.randint(0, 999)}"
        return sid

    def open_counter(self) -> str:
        # ruleid: py-weak-session-id
        self.session_id = f"s{next(_ids)}"
        return self.session_id

    def current(self, account_id: str) -> str:
        # ok: py-weak-session-id
        session_id = next(iter(self.sessions))
        # ok: py-weak-session-id
        sid = f"{account_id}:{secrets.token_urlsafe(16)}"
        return session_id + sid

    def open_safe(self) -> str:
        # ok: py-weak-session-id
        session_id = secrets.token_urlsafe(32)
        # ok: py-weak-session-id
        mcp_session_id = uuid.uuid4().hex
        return session_id + mcp_session_id


def new_session_id() -> str:
    # ruleid: py-weak-session-id
    return str(uuid.uuid1())
