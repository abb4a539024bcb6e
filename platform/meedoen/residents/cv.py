"""A resident's CV: checked to be a real PDF, stored outside the web root under a random name.

The uploaded file name is only looked at to refuse it (paths, other extensions) and is
never stored or used to build a path: the file on disk is
``<data_dir>/cv/<resident ref>--<random>.pdf``. The ref in the name lets deletion find
every file of a resident, also one a crashed or concurrent save left behind.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from pathlib import Path

from meedoen.i18n import N_
from meedoen.offload import ChildFailed, Overran, in_subprocess
from meedoen.refusals import Refused

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
# Older files have no owner in their name; they are still served and removed.
STORED_NAME = re.compile(r"^(?:[a-z0-9-]{1,40}--)?[0-9a-f]{32}\.pdf$")
OWNER = re.compile(r"^[a-z0-9-]{1,40}$")
# Reading a CV's pages takes milliseconds of CPU; a file that needs seconds is refused.
INSPECTION_CPU_SECONDS = 5
UNREADABLE = N_("We kunnen dit PDF-bestand niet lezen. Probeer een ander bestand.")
TOO_MANY_PAGES = N_(
    "Je cv heeft te veel pagina's. Een cv mag hoogstens 50 pagina's hebben. "
    "Kies een korter bestand."
)
TOO_SLOW = N_(
    "We konden dit PDF-bestand niet op tijd lezen. Sla je cv opnieuw op als PDF, "
    "of kies een eenvoudiger bestand."
)
FAR_TOO_BIG = N_(
    "Dit bestand is veel te groot. Je cv mag hoogstens 5 MB zijn. Kies een kleiner bestand."
)


class CvRefused(Refused, ValueError):
    """The upload is not accepted; ``message`` is a Dutch msgid to show next to the field."""


def cv_dir(data_dir: Path) -> Path:
    return data_dir / "cv"


async def check_cv(filename: str, content: bytes) -> None:
    """Raise :class:`CvRefused` unless this is a readable PDF of at most 5 MB and
    ``MAX_PAGES`` pages with a plain name.

    The pages are counted in a child process with a time limit (see ``pdf_inspection``).
    """
    name = filename or ""
    if "/" in name or "\\" in name or ".." in name or "\x00" in name:
        raise CvRefused(
            N_("De naam van het bestand klopt niet. Geef het een gewone naam, zoals cv.pdf.")
        )
    if not name.lower().endswith(".pdf"):
        raise CvRefused(N_("Je cv moet een PDF-bestand zijn."))
    if len(content) > MAX_BYTES:
        raise CvRefused(N_("Je cv is groter dan 5 MB. Kies een kleiner bestand."))
    if not content.startswith(PDF_MAGIC):
        raise CvRefused(N_("Je cv moet een PDF-bestand zijn."))
    try:
        output = await in_subprocess(
            "meedoen.residents.pdf_inspection", content, cpu_seconds=INSPECTION_CPU_SECONDS
        )
        verdict = json.loads(output)
    except Overran:
        log.info("cv refused: reading it took more than %s s of CPU", INSPECTION_CPU_SECONDS)
        raise CvRefused(TOO_SLOW) from None
    except (ChildFailed, ValueError) as error:
        log.info("cv refused, not a readable pdf: %s", error)
        raise CvRefused(UNREADABLE) from None
    if verdict.get("problem") == "too_many_pages":
        raise CvRefused(TOO_MANY_PAGES)
    if "pages" not in verdict:
        raise CvRefused(UNREADABLE)


def store_cv(data_dir: Path, content: bytes, owner: str) -> str:
    """Write the (checked) CV of resident ``owner`` (a ref) under a new random name."""
    if not OWNER.match(owner):
        raise ValueError(f"not a resident ref: {owner!r}")
    folder = cv_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = f"{owner}--{secrets.token_hex(16)}.pdf"
    temporary = folder / f".{name}.part"
    temporary.write_bytes(content)
    temporary.chmod(0o600)
    temporary.replace(folder / name)
    return name


def cv_path(data_dir: Path, stored_name: str) -> Path | None:
    """The file for a stored name, or None; the name is re-checked so it can never escape."""
    if not STORED_NAME.match(stored_name or ""):
        return None
    path = cv_dir(data_dir) / stored_name
    return path if path.is_file() else None


def remove_cv(data_dir: Path, stored_name: str) -> None:
    path = cv_path(data_dir, stored_name)
    if path is not None:
        path.unlink(missing_ok=True)


def remove_all_cvs(data_dir: Path, owner: str, stored_name: str = "") -> None:
    """Every CV file of resident ``owner``: the current one and any left behind."""
    if stored_name:
        remove_cv(data_dir, stored_name)
    if not OWNER.match(owner):
        return
    folder = cv_dir(data_dir)
    for pattern in (f"{owner}--*.pdf", f".{owner}--*.pdf.part"):
        for path in folder.glob(pattern):
            path.unlink(missing_ok=True)
