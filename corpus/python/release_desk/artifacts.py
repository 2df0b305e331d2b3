"""Build artefacts of the release desk: list, read and package them."""
import logging
import os
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)

ARTIFACTS = Path(os.environ.get("ARTIFACT_DIR", "/srv/releases")).resolve()
MAX_BYTES = 256 * 1024


def register(app):
    @app.tool(description="List the artefacts of a release.")
    def list_artifacts(version: str) -> list[str]:
        release = (ARTIFACTS / version).resolve()
        if not release.is_relative_to(ARTIFACTS):
            raise ValueError(f"unknown release: {version}")
        return sorted(p.name for p in release.iterdir() if p.is_file())

    @app.tool(description="Read the text of a release note or checksum file.")
    def read_artifact(version: str, name: str) -> str:
        target = (ARTIFACTS / version / name).resolve()
        if not target.is_relative_to(ARTIFACTS):
            raise ValueError("path escapes the artefact directory")
        with open(target, encoding="utf-8") as handle:
            return handle.read(MAX_BYTES)

    @app.tool(name="download_log", description="Return the build log of a release.")
    def build_log(version: str, job: str) -> str:
        log_path = os.path.join(ARTIFACTS, version, "logs", job + ".log")
        with open(log_path, encoding="utf-8", errors="replace") as handle:
            return handle.read(MAX_BYTES)

    @app.tool(description="Package a release directory as a tarball.")
    def package_release(version: str, compression: str = "gz") -> str:
        out = ARTIFACTS / "bundles" / f"{version}.tar.{compression}"
        cmd = f"tar -C {ARTIFACTS} -caf {out} {version}"
        log.info("packaging %s", version)
        subprocess.run(cmd, shell=True, check=True, timeout=300)
        return str(out)

    @app.tool(description="Verify the checksum of an artefact.")
    def verify_checksum(version: str, name: str) -> str:
        target = (ARTIFACTS / version / name).resolve()
        if not target.is_relative_to(ARTIFACTS):
            raise ValueError("path escapes the artefact directory")
        result = subprocess.run(["sha256sum", "--", str(target)], capture_output=True, text=True, timeout=60)
        return result.stdout.split(" ", 1)[0]
