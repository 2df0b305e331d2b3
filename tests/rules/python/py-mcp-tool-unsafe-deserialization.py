import base64
import json
import marshal
import pickle

import jsonpickle
import yaml
from mcp.server.fastmcp import FastMCP
from mcp.server.lowlevel import Server

mcp = FastMCP("state")
server = Server("state-lowlevel")
STATE_FILE = "/srv/state.pkl"


@mcp.tool()
def restore(blob: str) -> str:
    # ruleid: py-mcp-tool-unsafe-deserialization
    state = pickle.loads(base64.b64decode(blob))
    return repr(state)


@mcp.tool()
def restore_file(path: str) -> str:
    with open(path, "rb") as handle:
        # ruleid: py-mcp-tool-unsafe-deserialization
        return repr(pickle.load(handle))


@mcp.tool()
def load_config(text: str) -> dict:
    document = f"# generated\n{text}"
    # ruleid: py-mcp-tool-unsafe-deserialization
    return yaml.load(document, Loader=yaml.Loader)


@mcp.tool()
def load_config_default(text: str) -> dict:
    # ruleid: py-mcp-tool-unsafe-deserialization
    return yaml.load(text)


@mcp.tool()
def load_unsafe(text: str) -> dict:
    # ruleid: py-mcp-tool-unsafe-deserialization
    return yaml.unsafe_load(text)


def _decode(payload: str):
    # ruleid: py-mcp-tool-unsafe-deserialization
    return jsonpickle.decode(payload)


@mcp.tool()
def import_object(payload: str) -> str:
    return repr(_decode(payload))


@mcp.resource("code://{blob}")
def code_object(blob: str) -> str:
    # ruleid: py-mcp-tool-unsafe-deserialization
    return repr(marshal.loads(bytes.fromhex(blob)))


@server.call_tool()
async def call_tool(name: str, arguments: dict):
    if name == "restore":
        data = arguments["data"].encode()
        # ruleid: py-mcp-tool-unsafe-deserialization
        return repr(pickle.loads(data))
    if name == "config":
        # ok: py-mcp-tool-unsafe-deserialization
        return yaml.safe_load(arguments["text"])


@mcp.tool()
def safe_config(text: str) -> dict:
    # ok: py-mcp-tool-unsafe-deserialization
    a = yaml.load(text, Loader=yaml.SafeLoader)
    # ok: py-mcp-tool-unsafe-deserialization
    b = yaml.load(text, Loader=yaml.CSafeLoader)
    # ok: py-mcp-tool-unsafe-deserialization
    c = yaml.safe_load(text)
    # ok: py-mcp-tool-unsafe-deserialization
    d = json.loads(text)
    return {"a": a, "b": b, "c": c, "d": d}


@mcp.tool()
def saved_state(name: str) -> str:
    with open(STATE_FILE, "rb") as handle:
        # ok: py-mcp-tool-unsafe-deserialization
        return repr(pickle.load(handle)) + name


def _not_called_from_a_tool(blob: bytes):
    # ok: py-mcp-tool-unsafe-deserialization
    return pickle.loads(blob)
