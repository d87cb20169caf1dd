"""Shared by the benches: run a measurement in several fresh Python processes and take medians.

A bench calls `run_fresh(__file__, runs, args)`; each child runs the same script with `--child`
and prints one JSON object of figures on its last line. Fresh processes keep one run's warm caches
(imports, look-ups, the reference list) out of the next, as a user's launch or import would see.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_fresh(script: str, runs: int, args: list[str] = (), env: dict | None = None) -> list[dict]:
    """`env`: the children's environment (default: this one, with the repository on PYTHONPATH)."""
    env = dict(env if env is not None else os.environ, PYTHONPATH=str(REPO))
    results = []
    for number in range(runs):
        done = subprocess.run([sys.executable, script, "--child", *args], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(f"run {number + 1} of {script} failed")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"  run {number + 1}/{runs} done", file=sys.stderr, flush=True)
    return results


def compiled_env() -> dict:
    """This environment, with our modules' bytecode written (compiled once, here) as an installed
    app has it: where PYTHONDONTWRITEBYTECODE is set, every child would compile ~90 modules from
    source first (0.2-0.3 s), which no user's launch pays. (__pycache__ is ignored by git.)"""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    compile_all = f"import compileall, sys; sys.exit(not compileall.compile_dir({str(REPO / 'desktop')!r}, quiet=1))"
    subprocess.run([sys.executable, "-c", compile_all], env=env, check=True)
    return env


def medians(results: list[dict]) -> dict:
    """Per key, the median over runs (keys missing from a run are skipped)."""
    keys = dict.fromkeys(key for result in results for key in result)
    return {key: statistics.median(r[key] for r in results if key in r) for key in keys}


def machine_note() -> str:
    return (f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} "
            "(shared with other processes; figures are as measured)")


def child_output(figures: dict) -> None:
    print(json.dumps(figures))
