"""The app's own settings (not a project's): a small JSON file in the data folder.

Holds what belongs to the user rather than to one filing, such as where they keep RMI's blank
CMRT. A damaged or missing file reads as no settings: nothing here is worth refusing to start for.
"""

from __future__ import annotations

import json

from desktop.core.atomic import write_bytes_atomic
from desktop.core.paths import data_dir

SETTINGS_FILE = "settings.json"
CMRT_TEMPLATE_KEY = "cmrt_blank_template"  # path of the blank CMRT the user downloaded from RMI


def _path():
    return data_dir() / SETTINGS_FILE


def load() -> dict[str, str]:
    try:
        values = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {}


def get(key: str, default: str = "") -> str:
    return load().get(key, default)


def set_value(key: str, value: str) -> None:
    values = load()
    values[key] = value
    write_bytes_atomic(_path(), json.dumps(values, indent=2, ensure_ascii=False).encode("utf-8"))
