"""The Nu Html Checker (vnu): its jar from npm (``make install``) and a Java to run it.

Java is found on PATH, under ``JAVA_HOME``, or where Debian's ``default-jre-headless``
puts it (``scripts/install_test_tools.sh`` installs that package when none is found), so
the HTML gate runs on a fresh machine without Java on PATH. Without either, the HTML
tests are skipped with the reason, except under ``CI=true``, where they fail: a skipped
gate would hide invalid pages.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from support.prerequisites import skip_or_fail, skip_unless_ci

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
DEBIAN_DEFAULT_JAVA = Path("/usr/lib/jvm/default-java/bin/java")


def find_java(environ: dict[str, str] | None = None) -> str | None:
    env = os.environ if environ is None else environ
    on_path = shutil.which("java", path=env.get("PATH"))
    if on_path:
        return on_path
    candidates = [Path(env["JAVA_HOME"]) / "bin" / "java"] if env.get("JAVA_HOME") else []
    candidates.append(DEBIAN_DEFAULT_JAVA)
    return next((str(c) for c in candidates if c.is_file() and os.access(c, os.X_OK)), None)


JAVA = find_java()


def missing() -> str | None:
    """Why the checker cannot run here, or None."""
    if not VNU_JAR.exists():
        return f"the Nu Html Checker is not installed at {VNU_JAR} (make install)"
    if JAVA is None:
        return (
            "no Java for the Nu Html Checker (not on PATH, JAVA_HOME or "
            f"{DEBIAN_DEFAULT_JAVA}): run scripts/install_test_tools.sh "
            "(apt-get install default-jre-headless)"
        )
    return None


def require() -> str:
    """The java binary; skips the test without one, or fails it under CI."""
    problem = missing()
    if problem:
        skip_or_fail(problem)
    assert JAVA is not None
    return JAVA


# For modules whose every test needs the checker. Under CI nothing is skipped: the tests
# run and ``require()`` fails them with the reason.
needs_nu_checker = skip_unless_ci(missing())
