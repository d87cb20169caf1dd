"""Who made a change and when: the stamp every stored decision, file and export carries."""

from __future__ import annotations

import getpass
from datetime import datetime, timezone


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (some frozen Windows set-ups)
        return "unknown user"
