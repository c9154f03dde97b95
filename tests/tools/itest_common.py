"""Shared plumbing of the real-client checks: reports, running programs, rendering a sample.

A check whose tool from outside the project (a program such as soffice or qpdf, a Python module
such as python-docx) is missing skips visibly: it prints SKIP and exits SKIP_EXIT, which ctest
counts as skipped (SKIP_RETURN_CODE in tests/integration/CMakeLists.txt). Under CI=true it fails
instead: CI must never pass on a check it did not run.
"""
from __future__ import annotations

import importlib
import os
import shutil
import signal
import subprocess
import sys
import time


class Report:
    """Collects failures and notes; prints them and gives the exit status.

    Every failure names its rule or part; nothing passes silently: a check that finds nothing to
    check (no paragraphs, no text units) must call fail().
    """

    def __init__(self, title: str):
        self.title = title
        self.failures: list[str] = []
        self.started = time.monotonic()

    def fail(self, rule: str, message: str) -> None:
        line = f"FAIL [{rule}] {message}"
        self.failures.append(line)
        print(line, flush=True)

    def note(self, message: str) -> None:
        print(f"     {message}", flush=True)

    def finish(self) -> int:
        elapsed = time.monotonic() - self.started
        if self.failures:
            print(f"\n{self.title}: {len(self.failures)} failure(s) ({elapsed:.1f} s)", flush=True)
            return 1
        print(f"\n{self.title}: OK ({elapsed:.1f} s)", flush=True)
        return 0


class Abort(Exception):
    """A failure after which the check cannot go on (render failed, file unreadable…)."""


def run(cmd: list[str], timeout: float = 60, env: dict | None = None,
        cwd: str | None = None) -> subprocess.CompletedProcess:
    """Run a program in its own process group; on timeout the whole group is killed (soffice
    starts oosplash, which starts soffice.bin: killing only the first would leave the others)."""
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                cwd=cwd, start_new_session=True)
    except FileNotFoundError as e:
        raise Abort(f"program not found: {cmd[0]} ({e})") from e
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as e:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        raise Abort(f"timed out after {timeout:.0f} s: {' '.join(cmd)}") from e
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def decode(b: bytes) -> str:
    return b.decode("utf-8", errors="replace")


def fresh_dir(path: str) -> str:
    if os.path.isdir(path):
        shutil.rmtree(path)
    os.makedirs(path)
    return path


SKIP_EXIT = 77

# Debian packages of the tools the checks use, for the message when one is missing.
PACKAGES = {
    "xmllint": "libxml2-utils", "soffice": "libreoffice-writer-nogui", "qpdf": "qpdf",
    "pdftotext": "poppler-utils", "pdfinfo": "poppler-utils", "pdffonts": "poppler-utils",
    "pdftoppm": "poppler-utils", "fc-match": "fontconfig",
    "docx": "python3-docx", "lxml": "python3-lxml",
}


def under_ci() -> bool:
    return os.environ.get("CI") == "true"


class MissingTool(Exception):
    """A tool from outside the project is missing: the check cannot run at all."""


def exit_missing_tool(message: str) -> None:
    """Fail under CI=true, else skip visibly; never returns."""
    if under_ci():
        print(f"FAIL {message} (CI=true: a missing tool fails)", flush=True)
        sys.exit(1)
    print(f"SKIP {message} (skipped; CI=true makes this a failure)", flush=True)
    sys.exit(SKIP_EXIT)


def need_program(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise MissingTool(f"'{name}' is not installed ({PACKAGES.get(name, 'see scripts/setup.sh')};"
                          " scripts/setup.sh installs it)")
    return path


def need_modules(*names: str) -> None:
    """For module level, before the imports that need them: exits (skip or fail) when one of
    the Python modules cannot be imported by this interpreter."""
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError as e:
            exit_missing_tool(f"Python module '{name}' is missing for {sys.executable} "
                              f"({PACKAGES.get(name, name)}): {e}")


def need_tools(programs: tuple[str, ...] = (), modules: tuple[str, ...] = ()) -> None:
    """Before a check starts: every tool it will use, so that it never skips half-way."""
    need_modules(*modules)
    for p in programs:
        need_program(p)


def render_docx(vanthu: str, sample: str, work: str) -> str:
    """Render the sample with the real CLI into work/<stem>.docx; Abort with stderr on failure."""
    if not os.access(vanthu, os.X_OK):
        raise Abort(f"vanthu binary not found or not executable: {vanthu}")
    stem = os.path.splitext(os.path.basename(sample))[0]
    out = os.path.join(work, f"{stem}.docx")
    cmd = [vanthu, "render", sample, "--format", "docx", "-o", out]
    proc = run(cmd, timeout=60)
    if proc.returncode != 0:
        raise Abort(f"render failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                    f"--- stderr ---\n{decode(proc.stderr).rstrip()}")
    if not os.path.isfile(out) or os.path.getsize(out) == 0:
        raise Abort(f"render exited 0 but wrote no output file {out}")
    return out


def main_wrapper(fn) -> None:
    """Run fn() -> exit status; an Abort prints its message and exits 1; a MissingTool skips
    (exit SKIP_EXIT) or, under CI=true, fails."""
    try:
        status = fn()
    except Abort as e:
        print(f"FAIL {e}", flush=True)
        status = 1
    except MissingTool as e:
        exit_missing_tool(str(e))
    sys.exit(status)
