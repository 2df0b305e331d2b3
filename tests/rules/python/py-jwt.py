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


def verify_options_dict(token: str) -> dict:
    # ruleid: py-jwt-signature-not-verified
    return jwt.decode(token, options=dict(verify_signature=False))


def verify_complete(token: str) -> dict:
    # ruleid: py-jwt-signature-not-verified
    return jwt.decode_complete(token, PUBLIC_KEY, algorithms=["RS256"], options={"verify_signature": False})["payload"]


def verify_no_exp_dict(token: str) -> dict:
    # ruleid: py-jwt-expiration-not-verified
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], options=dict(verify_exp=False))


def verify_jose_no_exp(token: str) -> dict:
    # ruleid: py-jwt-expiration-not-verified
    return jose_jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], options={"verify_exp": False})


def verify_jose_none(token: str) -> dict:
    # ruleid: py-jwt-signature-not-verified
    return jose_jwt.decode(token, PUBLIC_KEY, algorithms=["none"])


# python-jose's get_unverified_claims() whose result makes an authorisation decision.
def require_admin(token: str) -> None:
    # ruleid: py-jwt-signature-not-verified
    claims = jose_jwt.get_unverified_claims(token)
    if claims.get("role") != "admin":
        raise PermissionError("admin only")


class JoseVerifier:
    async def verify_token(self, token: str) -> AccessToken | None:
        # ruleid: py-jwt-signature-not-verified
        claims = jose_jwt.get_unverified_claims(token)
        return AccessToken(token=token, client_id=claims["sub"], scopes=claims.get("scope", "").split())


def needs_refresh(token: str, now: float) -> bool:
    # ok: py-jwt-signature-not-verified
    claims = jose_jwt.get_unverified_claims(token)
    if claims["exp"] - now < 60:
        return True
    return False


def verify_then_read(token: str) -> AccessToken:
    jose_jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience=AUDIENCE)
    # ok: py-jwt-signature-not-verified
    claims = jose_jwt.get_unverified_claims(token)
    if claims.get("role") != "admin":
        raise PermissionError("admin only")
    return AccessToken(token=token, client_id=claims["sub"], scopes=[])
