"""Generic hardcoded credentials in Python: every place code gives a literal to a secret name."""
import os

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings

# ruleid: secret-generic-assignment
API_KEY = "9tJ0mKVEvkihPbgY"
# ruleid: secret-generic-assignment
client = ServiceClient(base_url="https://api.service.test", api_key="q8yYFx3DmtXrj1K5O1tu")
# ruleid: secret-generic-assignment
config = {"user": "svc", "password": "v1QNymZm*3KO"}
# ruleid: secret-generic-assignment
token = os.getenv("SERVICE_TOKEN", "Fvh3O9J6BVoUzR")
# ruleid: secret-generic-assignment
headers = {"Authorization": "Bearer q8yYFx3DmtXrj1K5O1tuFvh3O9J6BVoUzR"}


class Settings(BaseSettings):
    # ruleid: secret-generic-assignment
    openai_token: str = "Fvh3O9J6BVoUzR"
    # ruleid: secret-generic-assignment
    db_password: SecretStr = SecretStr("9tJ0mKVEvkihPbgY")
    # ruleid: secret-generic-assignment
    webhook_secret: str = Field(default="q8yYFx3DmtXrj1K5O1tu")
    # ok: secret-generic-assignment
    api_key: SecretStr
    # ok: secret-generic-assignment
    token_type: str = "BearerJwt2024"


def check(password: str) -> bool:
    # ruleid: secret-generic-assignment
    return password == "v1QNymZm*3KO"


# ok: secret-generic-assignment
API_KEY = os.environ["API_KEY"]
# ok: secret-generic-assignment
token = os.getenv("SERVICE_TOKEN", "")
# ok: secret-generic-assignment
password = "changeme"
# ok: secret-generic-assignment
api_key = "<your-api-key>"
# ok: secret-generic-assignment
TOKEN_ENV = "GITHUB_TOKEN"
# ok: secret-generic-assignment
secret_name = "prod/mcp/db-credentials-7"
# ok: secret-generic-assignment
public_key = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"
# ok: secret-generic-assignment
token_url = "https://oauth2.googleapis.com/token"
# ok: secret-generic-assignment
password = f"{prefix}{suffix}"
# ok: secret-generic-assignment
secret = "%s:%s" % (user, key)
# ok: secret-generic-assignment
api_key = "xxxxxxxxxxxxxxxxxxxx"
# ok: secret-generic-assignment
refresh_token = settings.refresh_token
# ok: secret-generic-assignment
grant = {"grant_type": "client_credentials", "token": "access_token"}
# ok: secret-generic-assignment
PASSWORD_FILE = "/run/secrets/db_password"
# ok: secret-generic-assignment
api_key = "aaaaaaaabbbbbbbb"

# ruleid: secret-aws-secret-access-key, secret-generic-assignment
session = boto3.Session(aws_access_key_id=key_id, aws_secret_access_key="dlX496QfvvcUpa7hrCkUzoVFxITaX+Iau2yn6NvY")
# ok: secret-aws-secret-access-key
checksum = "dlX496QfvvcUpa7hrCkUzoVFxITaX+Iau2yn6NvY"
# ok: secret-aws-secret-access-key, secret-generic-assignment
aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

# ok: secret-generic-assignment
OID_NAMES = {AttributeOID.CHALLENGE_PASSWORD: "challengePassword"}


# ok: secret-generic-assignment
def sign(backend: "Backend", private_key: "_RSAPrivateKey", data: bytes) -> bytes: ...

# ruleid: secret-database-url
CACHE_URL = "redis://:Kq8vN2xR7mTz4pLw@cache.internal:6379/0"
# ok: secret-database-url
CACHE_URL = "redis://cache.internal:6379/0"
