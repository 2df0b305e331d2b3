import os
import shutil
from pathlib import Path

from mcp.server.fastmcp import FastMCP
from mcp.server.lowlevel import Server
from starlette.responses import FileResponse
from werkzeug.utils import secure_filename

mcp = FastMCP("files")
server = Server("files-lowlevel")

WORKSPACE = Path("/srv/workspace").resolve()
LOG_DIR = "/var/log/files"


@mcp.tool()
def read_file(path: str) -> str:
    # ruleid: py-mcp-tool-path-traversal
    with open(path, encoding="utf-8") as handle:
        return handle.read()


@mcp.tool()
def read_in_workspace(name: str) -> str:
    full = os.path.join(WORKSPACE, name)
    # ruleid: py-mcp-tool-path-traversal
    with open(full) as handle:
        return handle.read()


@mcp.tool()
def write_report(name: str, body: str) -> str:
    target = f"{LOG_DIR}/reports/{name}.txt"
    # ruleid: py-mcp-tool-path-traversal
    with open(target, "w") as handle:
        handle.write(body)
    return "saved"


@mcp.tool()
def delete(path: str) -> str:
    # ruleid: py-mcp-tool-path-traversal
    os.remove(path)
    # ruleid: py-mcp-tool-path-traversal
    shutil.rmtree(WORKSPACE / path, ignore_errors=True)
    return "deleted"


@mcp.tool()
def copy(src: str, dst: str) -> str:
    # ruleid: py-mcp-tool-path-traversal
    shutil.copyfile("/srv/templates/default.txt", dst)
    # ruleid: py-mcp-tool-path-traversal
    shutil.move(src, "/srv/archive/")
    return "ok"


@mcp.tool()
def list_dir(path: str = ".") -> list[str]:
    # ruleid: py-mcp-tool-path-traversal
    return os.listdir(os.path.join(LOG_DIR, path))


@mcp.tool()
def read_path(path: str) -> str:
    # ruleid: py-mcp-tool-path-traversal
    return Path(path).read_text()


@mcp.tool()
def read_joined(path: str) -> str:
    # ruleid: py-mcp-tool-path-traversal
    return (WORKSPACE / path).read_text(encoding="utf-8")


@mcp.resource("file://{path}")
def workspace_file(path: str) -> bytes:
    # ruleid: py-mcp-tool-path-traversal
    return Path(WORKSPACE, path).read_bytes()


def _load(rel: str) -> str:
    where = os.path.join(WORKSPACE, rel)
    # ruleid: py-mcp-tool-path-traversal
    with open(where, "rb") as handle:
        return handle.read().decode()


@mcp.tool()
def load(rel: str) -> str:
    return _load(rel)


@server.call_tool()
async def call_tool(name: str, arguments: dict):
    if name == "tail":
        log = arguments["log"]
        # ruleid: py-mcp-tool-path-traversal
        with open(f"/var/log/{log}") as handle:
            return handle.readlines()[-20:]
    if name == "download":
        # ruleid: py-mcp-tool-path-traversal
        return FileResponse(arguments["path"])
    if name == "status":
        # ok: py-mcp-tool-path-traversal
        with open("/var/run/files.status") as handle:
            return handle.read()


@mcp.tool()
def read_basename(name: str) -> str:
    # ok: py-mcp-tool-path-traversal
    with open(os.path.join(LOG_DIR, os.path.basename(name))) as handle:
        return handle.read()


@mcp.tool()
def upload(filename: str, body: str) -> str:
    safe = secure_filename(filename)
    # ok: py-mcp-tool-path-traversal
    Path(LOG_DIR, safe).write_text(body)
    return "ok"


@mcp.tool()
def by_number(n: str) -> str:
    index = int(n)
    # ok: py-mcp-tool-path-traversal
    with open(f"{LOG_DIR}/rotated.{index}") as handle:
        return handle.read()


@mcp.tool()
def constant(name: str) -> str:
    # ok: py-mcp-tool-path-traversal
    os.makedirs(os.path.join(LOG_DIR, "cache"), exist_ok=True)
    # ok: py-mcp-tool-path-traversal
    return Path("/etc/hostname").read_text() + name


@mcp.tool()
def write_body(body: str) -> str:
    # ok: py-mcp-tool-path-traversal
    with open(os.path.join(LOG_DIR, "notes.txt"), "a") as handle:
        handle.write(body)
    return "ok"


@mcp.tool()
def confined(rel: str) -> str:
    target = (WORKSPACE / rel).resolve()
    if not target.is_relative_to(WORKSPACE):
        raise ValueError("outside the workspace")
    # ok: py-mcp-tool-path-traversal
    with open(target) as handle:
        return handle.read()


def _not_called_from_a_tool(path: str) -> str:
    # ok: py-mcp-tool-path-traversal
    with open(path) as handle:
        return handle.read()


def register(app):
    @app.tool(name="cat")
    def cat(path: str) -> str:
        # ruleid: py-mcp-tool-path-traversal
        return Path(path).read_text()
