"""Read and check supplier CMRT workbooks (revisions 2.00 to 6.x), without Qt.

    read_cmrt(path) -> Declaration            raises UnreadableFile
    check_declaration(decl) -> list[Finding]  also sets decl.findings and decl.verdict
    load_declaration(path) -> Declaration     read + check
    load_many(paths, workers=None (one per core), on_progress=None, should_cancel=None)
        -> list[Declaration | UnreadableFile] in input order (see batch.py on cancelling)
"""

from desktop.core.cmrt.batch import load_many
from desktop.core.cmrt.checking import check_declaration, load_declaration
from desktop.core.cmrt.model import Declaration, Finding, UnreadableFile
from desktop.core.cmrt.reader import read_cmrt

__all__ = [
    "Declaration", "Finding", "UnreadableFile", "check_declaration", "load_declaration", "load_many", "read_cmrt",
]
