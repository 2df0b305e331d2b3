import jwt
from jose import jwt as jose_jwt
from mcp.server.auth.provider import AccessToken

PUBLIC_KEY = open("/etc/mcp/jwt.pub").read()
AUDIENCE = "https://mcp.example.com"


def verify_unsafe(token: str) -> AccessToken:
    # ruleid: py-jwt-signature-not-verified
    claims = jwt.decode(token, options={"verify_signature": False})
    return AccessToken(token=token, client_id=claims["sub"], scopes=claims.get("scope", "").split())


def verify_legacy(token: str) -> dict:
    # ruleid: py-jwt-signature-not-verified
    return jwt.decode(token, PUBLIC_KEY, verify=False)


def verify_any_alg(token: str) -> dict:
    # ruleid: py-jwt-signature-not-verified
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256", "none"], audience=AUDIENCE)


def mint_debug_token(sub: str) -> str:
    # ruleid: py-jwt-signature-not-verified
    return jwt.encode({"sub": sub}, None, algorithm="none")


def verify_jose(token: str) -> dict:
    # ruleid: py-jwt-signature-not-verified
    return jose_jwt.decode(token, PUBLIC_KEY, options={"verify_signature": False, "verify_aud": False})


def verify_no_exp(token: str) -> dict:
    # ruleid: py-jwt-expiration-not-verified
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience=AUDIENCE, options={"verify_exp": False})


def verify_unpinned(token: str) -> dict:
    # ruleid: py-jwt-algorithms-not-pinned
    return jose_jwt.decode(token, PUBLIC_KEY, audience=AUDIENCE)


def verify_ok(token: str) -> dict:
    # ok: py-jwt-signature-not-verified
    # ok: py-jwt-algorithms-not-pinned
    # ok: py-jwt-expiration-not-verified
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience=AUDIENCE, options={"verify_exp": True})


def key_id(token: str) -> str:
    # ok: py-jwt-signature-not-verified
    return jwt.get_unverified_header(token)["kid"]


def verify_with_leeway(token: str) -> dict:
    # ok: py-jwt-algorithms-not-pinned
    # ok: py-jwt-expiration-not-verified
    return jwt.decode(token, key=PUBLIC_KEY, algorithms=["ES256"], leeway=30)


def verify_positional(token: str) -> dict:
    # ok: py-jwt-algorithms-not-pinned
    return jwt.decode(token, PUBLIC_KEY, ["RS256"], audience=AUDIENCE)


def verify_key_only(token: str) -> dict:
    # ruleid: py-jwt-algorithms-not-pinned
    return jwt.decode(token, key=PUBLIC_KEY)
