import marshal
import pickle
from pathlib import Path

import yaml

CACHE = Path("/var/cache/mcp")


def load_cached(key: str) -> object:
    with open(CACHE / f"{key}.pkl", "rb") as handle:
        # ruleid: py-unsafe-deserialization
        return pickle.load(handle)


def load_plugin_config(path: Path) -> dict:
    # ruleid: py-unsafe-deserialization
    return yaml.load(path.read_text(), Loader=yaml.FullLoader)


def load_code(blob: bytes):
    # ruleid: py-unsafe-deserialization
    return marshal.loads(blob)


def load_settings(path: Path) -> dict:
    # ok: py-unsafe-deserialization
    return yaml.load(path.read_text(), Loader=yaml.SafeLoader)


def load_settings_short(path: Path) -> dict:
    # ok: py-unsafe-deserialization
    return yaml.safe_load(path.read_text())


# ok: py-unsafe-deserialization
DEFAULTS = yaml.load("retries: 3", Loader=yaml.Loader)

