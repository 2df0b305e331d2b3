"""Notes MCP server.

A small personal knowledge base: Markdown notes stored under a single
directory, with history from git and optional publishing to a team wiki.
All file access is confined to NOTES_DIR and no tool input reaches a shell.
"""

from __future__ import annotations

import ast
import logging
import os
import re
import subprocess
from pathlib import Path

import httpx
from fastmcp import FastMCP

logger = logging.getLogger("notes")

NOTES_DIR = Path(os.environ.get("NOTES_DIR", "~/notes")).expanduser().resolve()
PUBLISH_URL = os.environ.get("NOTES_PUBLISH_URL", "https://wiki.example.com/api/pages")
NOTE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,120}$")

mcp = FastMCP("notes")


class NoteError(ValueError):
    """Raised when a note name or path is not acceptable."""


def _note_path(name: str) -> Path:
    """Map a note name to a file inside NOTES_DIR, refusing anything outside it."""
    if not NOTE_NAME.match(name):
        raise NoteError(f"invalid note name: {name!r}")
    candidate = (NOTES_DIR / f"{name}.md").resolve()
    if not candidate.is_relative_to(NOTES_DIR):
        raise NoteError("note path escapes the notes directory")
    return candidate


def _load_note(name: str) -> str:
    path = _note_path(name)
    if not path.is_file():
        raise NoteError(f"no such note: {name}")
    return path.read_text(encoding="utf-8")


@mcp.tool
def list_notes() -> list[str]:
    """List the names of all notes."""
    return sorted(p.stem for p in NOTES_DIR.glob("*.md"))


@mcp.tool
def read_note(name: str) -> str:
    """Return the Markdown text of a note."""
    return _load_note(name)


@mcp.tool
def write_note(name: str, text: str) -> str:
    """Create or replace a note."""
    path = _note_path(name)
    path.write_text(text, encoding="utf-8")
    logger.info("saved note %s (%d bytes)", name, len(text))
    return f"saved {name}"


@mcp.tool
def note_history(name: str, limit: int = 10) -> str:
    """Show the git history of a note."""
    path = _note_path(name)
    limit = max(1, min(int(limit), 100))
    result = subprocess.run(
        ["git", "-C", str(NOTES_DIR), "log", "--oneline", f"--max-count={limit}", "--", path.name],
        capture_output=True,
        text=True,
        timeout=15,
        check=False,
    )
    if result.returncode != 0:
        return f"git log failed: {result.stderr.strip()}"
    return result.stdout or "no history"


@mcp.tool
def set_front_matter(name: str, tags: str) -> str:
    """Set the tags of a note from a Python literal list, e.g. "['work', 'ideas']"."""
    try:
        parsed = ast.literal_eval(tags)
    except (ValueError, SyntaxError) as exc:
        raise NoteError(f"tags must be a list literal: {exc}") from exc
    if not isinstance(parsed, list) or not all(isinstance(t, str) for t in parsed):
        raise NoteError("tags must be a list of strings")
    path = _note_path(name)
    body = path.read_text(encoding="utf-8") if path.is_file() else ""
    header = "---\ntags: [" + ", ".join(parsed) + "]\n---\n"
    path.write_text(header + body, encoding="utf-8")
    return f"tagged {name} with {len(parsed)} tags"


@mcp.tool
async def publish_note(name: str) -> str:
    """Publish a note to the team wiki configured by NOTES_PUBLISH_URL."""
    text = _load_note(name)
    wiki_token = os.environ.get("NOTES_WIKI_TOKEN")
    if not wiki_token:
        raise NoteError("publishing is not configured (NOTES_WIKI_TOKEN is unset)")
    headers = {"Authorization": "Bearer " + wiki_token}
    async with httpx.AsyncClient(timeout=20) as client:
        response = await client.post(PUBLISH_URL, json={"title": name, "body": text}, headers=headers)
    response.raise_for_status()
    logger.info("published %s -> HTTP %s", name, response.status_code)
    return f"published {name}"


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    NOTES_DIR.mkdir(parents=True, exist_ok=True)
    mcp.run(transport="stdio")
