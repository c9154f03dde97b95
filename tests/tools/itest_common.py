"""Shared plumbing of the real-client checks: reports, running programs, rendering a sample."""
from __future__ import annotations

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


def need_program(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise Abort(f"'{name}' is not installed (scripts/setup.sh installs it)")
    return path


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
    """Run fn() -> exit status; an Abort prints its message and exits 1."""
    try:
        status = fn()
    except Abort as e:
        print(f"FAIL {e}", flush=True)
        status = 1
    sys.exit(status)
