# Inline containment checks: a path resolved and then checked against the base directory.
import logging
import os
import os.path
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("files")
log = logging.getLogger(__name__)

ROOT = Path("/srv/files").resolve()
ROOT_STR = os.path.realpath("/srv/files")


@mcp.tool()
def read_checked(rel: str) -> str:
    target = (ROOT / rel).resolve()
    if not target.is_relative_to(ROOT):
        raise PermissionError("outside the root")
    # ok: py-mcp-tool-path-traversal
    with open(target) as handle:
        return handle.read()


@mcp.tool()
def read_checked_returns(rel: str) -> str:
    target = (ROOT / rel).resolve(strict=True)
    if not target.is_relative_to(ROOT):
        return "refused"
    # ok: py-mcp-tool-path-traversal
    return Path(target).read_text()


@mcp.tool()
def read_logged_only(rel: str) -> str:
    target = (ROOT / rel).resolve()
    if not target.is_relative_to(ROOT):
        log.warning("path outside the root: %s", target)
    # The check only logs: the file is opened anyway.
    # ruleid: py-mcp-tool-path-traversal
    with open(target) as handle:
        return handle.read()


@mcp.tool()
def read_other_variable(rel: str) -> str:
    target = (ROOT / rel).resolve()
    if not target.is_relative_to(ROOT):
        raise PermissionError("outside the root")
    # The check is on `target`, the open on the unresolved join.
    # ruleid: py-mcp-tool-path-traversal
    with open(os.path.join(ROOT_STR, rel)) as handle:
        return handle.read()


@mcp.tool()
def read_startswith_unresolved(rel: str) -> str:
    target = os.path.join(ROOT_STR, rel)
    if not target.startswith(ROOT_STR):
        raise PermissionError("outside the root")
    # `../` is not normalised: "/srv/files/../../etc/passwd" starts with the root.
    # ruleid: py-mcp-tool-path-traversal
    with open(target) as handle:
        return handle.read()


@mcp.tool()
def read_is_relative_unresolved(rel: str) -> str:
    target = ROOT / rel
    if not target.is_relative_to(ROOT):
        raise PermissionError("outside the root")
    # ruleid: py-mcp-tool-path-traversal
    return Path(target).read_text()


@mcp.tool()
def read_positive(rel: str) -> str:
    target = (ROOT / rel).resolve()
    if target.is_relative_to(ROOT):
        # ok: py-mcp-tool-path-traversal
        with open(target) as handle:
            return handle.read()
    else:
        # ruleid: py-mcp-tool-path-traversal
        with open(target) as handle:
            return handle.read()


@mcp.tool()
def read_after_positive(rel: str) -> str:
    target = (ROOT / rel).resolve()
    if target.is_relative_to(ROOT):
        log.info("inside")
    # The positive check covers its own branch only.
    # ruleid: py-mcp-tool-path-traversal
    return Path(target).read_text()


@mcp.tool()
def read_realpath_startswith(rel: str) -> str:
    target = os.path.realpath(os.path.join(ROOT_STR, rel))
    if not target.startswith(ROOT_STR + os.sep):
        raise PermissionError("outside the root")
    # ok: py-mcp-tool-path-traversal
    with open(target) as handle:
        return handle.read()


@mcp.tool()
def read_abspath_str(rel: str) -> str:
    target = os.path.abspath(os.path.join(ROOT_STR, rel))
    if not str(target).startswith(str(ROOT)):
        raise PermissionError("outside the root")
    # ok: py-mcp-tool-path-traversal
    with open(target) as handle:
        return handle.read()


@mcp.tool()
def read_commonpath(rel: str) -> str:
    target = os.path.realpath(os.path.join(ROOT_STR, rel))
    if os.path.commonpath([ROOT_STR, target]) != ROOT_STR:
        raise PermissionError("outside the root")
    # ok: py-mcp-tool-path-traversal
    with open(target) as handle:
        return handle.read()


@mcp.tool()
def read_parents(rel: str) -> str:
    target = (ROOT / rel).resolve()
    if ROOT not in target.parents:
        raise PermissionError("outside the root")
    # ok: py-mcp-tool-path-traversal
    return Path(target).read_text()


@mcp.tool()
def read_relpath(rel: str) -> str:
    target = os.path.join(ROOT_STR, rel)
    relative = os.path.relpath(target, ROOT_STR)
    if relative.startswith("..") or os.path.isabs(relative):
        raise PermissionError("outside the root")
    # relpath normalises: `target` is inside the root.
    # ok: py-mcp-tool-path-traversal
    with open(target) as handle:
        return handle.read()


@mcp.tool()
def read_and_instead_of_or(rel: str) -> str:
    target = (ROOT / rel).resolve()
    if not target.is_relative_to(ROOT) and rel != "README":
        raise PermissionError("outside the root")
    # "README" is let through unchecked whatever it resolves to... and so is nothing else, but
    # an `and` in a rejecting condition proves nothing about either side.
    # ruleid: py-mcp-tool-path-traversal
    with open(target) as handle:
        return handle.read()


@mcp.tool()
def read_each(names: list[str]) -> str:
    out = []
    for name in names:
        target = (ROOT / name).resolve()
        if not target.is_relative_to(ROOT):
            continue
        # ok: py-mcp-tool-path-traversal
        out.append(Path(target).read_text())
    return "\n".join(out)


@mcp.tool()
def read_nested_check(rel: str, strict: bool) -> str:
    target = (ROOT / rel).resolve()
    if strict:
        if not target.is_relative_to(ROOT):
            raise PermissionError("outside the root")
    # Checked only when `strict`.
    # ruleid: py-mcp-tool-path-traversal
    return Path(target).read_text()


def _confined(rel: str) -> Path:
    target = (ROOT / rel).resolve()
    if not target.is_relative_to(ROOT):
        raise PermissionError("outside the root")
    return target


@mcp.tool()
def read_through_helper(rel: str) -> str:
    # ok: py-mcp-tool-path-traversal
    return Path(_confined(rel)).read_text()


@mcp.tool()
def read_reassigned(rel: str) -> str:
    target = (ROOT / rel).resolve()
    if not target.is_relative_to(ROOT):
        raise PermissionError("outside the root")
    target = ROOT / rel
    # Re-assigned after the check.
    # ruleid: py-mcp-tool-path-traversal
    return Path(target).read_text()


@mcp.tool()
def read_relative_to(rel: str) -> str:
    target = (ROOT / rel).resolve()
    try:
        target.relative_to(ROOT)
    except ValueError:
        raise PermissionError("outside the root") from None
    # ok: py-mcp-tool-path-traversal
    return Path(target).read_text()


@mcp.tool()
def read_relative_to_bare(rel: str) -> str:
    target = (ROOT / rel).resolve()
    target.relative_to(ROOT)  # raises ValueError outside the root
    # ok: py-mcp-tool-path-traversal
    return Path(target).read_text()


@mcp.tool()
def read_relative_to_swallowed(rel: str) -> str:
    target = (ROOT / rel).resolve()
    try:
        target.relative_to(ROOT)
    except ValueError:
        log.warning("outside the root: %s", target)
    # The error is logged and the file read anyway.
    # ruleid: py-mcp-tool-path-traversal
    return Path(target).read_text()


@mcp.tool()
def read_relative_to_unresolved(rel: str) -> str:
    target = ROOT / rel
    target.relative_to(ROOT)
    # `ROOT / "../etc/passwd"` is lexically relative to ROOT.
    # ruleid: py-mcp-tool-path-traversal
    return Path(target).read_text()
