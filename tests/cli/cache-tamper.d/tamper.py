"""Tampers with a cache entry the way an attacker or a crash could (see docs/cache.md)."""
import hashlib
import hmac
import os
import struct
import sys

how, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
magic, version, key, length = data[:4], data[4:8], data[8:40], struct.unpack("<I", data[40:44])[0]
assert magic == b"MSCE" and len(data) == 44 + length + 32


def forged(secret, version=version):
    # No findings, no facts: skip=0, no detail, no syntax error, not truncated, 4 lines, 52 bytes,
    # 0 findings; facts: 0 handlers, transports, texts, sites, auths, host checks, binds, CORS
    # policies, no import bits, 0 modules; 0 suppression comments.
    payload = struct.pack("<IIBBIQ" + "I" * 12, 0, 0xFFFFFFFF, 0, 0, 4, 52, *([0] * 12))
    body = magic + version + key + struct.pack("<I", len(payload)) + payload
    return body + hmac.new(secret, body, hashlib.sha256).digest()


real_key = open(os.environ["MCP_SENTINEL_CACHE_KEY_FILE"], "rb").read()
if how == "truncate":
    out = data[: len(data) // 2]
elif how == "corrupt":
    out = data[:60] + bytes([data[60] ^ 0x20]) + data[61:]
elif how == "swap":
    out = open("clean.entry", "rb").read()
elif how == "forge-wrong-key":
    out = forged(os.urandom(32))
elif how == "foreign-version":
    out = forged(real_key, struct.pack("<I", struct.unpack("<I", version)[0] + 1))
elif how == "forge-real-key":
    out = forged(real_key)
else:
    sys.exit("unknown tampering " + how)
open(path, "wb").write(out)
