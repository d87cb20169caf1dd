"""Conflict Minerals Filing Desk: from supplier CMRTs to a finished Form SD, offline."""

APP_NAME = "Conflict Minerals Filing Desk"
APP_ID = "conflict-minerals-desk"
PROJECT_SUFFIX = ".cmdesk"

try:
    from importlib.metadata import version as _version

    __version__ = _version(APP_ID)
except Exception:  # not installed (frozen app or plain source tree)
    __version__ = "0.1.0"
