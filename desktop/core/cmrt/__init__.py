"""Read and check supplier CMRT workbooks (revisions 2.00 to 6.x), without Qt.

    read_cmrt(path) -> Declaration            raises UnreadableFile
    check_declaration(decl) -> list[Finding]  also sets decl.findings and decl.verdict
    load_declaration(path) -> Declaration     read + check
    load_many(paths, workers=None (one per core), on_progress=None, should_cancel=None)
        -> list[Declaration | UnreadableFile] in input order (see batch.py on cancelling)
"""

from desktop.core.cmrt.model import Declaration, Finding, UnreadableFile

# The reader and the checks are imported when first asked for: opening a project only decodes
# stored declarations (the model), and importing the workbook reader with its worker pool,
# decryption and XML stacks cost 0.05-0.1 s of the open (issue 13).
_LAZY = {"load_many": "batch", "check_declaration": "checking", "load_declaration": "checking",
         "read_cmrt": "reader"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"desktop.core.cmrt.{module}"), name)


__all__ = [
    "Declaration", "Finding", "UnreadableFile", "check_declaration", "load_declaration", "load_many", "read_cmrt",
]
