"""The project file's SQLite schema and its migrations.

A project file is marked with its own application_id so that any other SQLite file is recognised as
"not a project"; user_version holds the schema version. Migrations run in order, each in its own
transaction, after the store has copied the file aside.
"""

from __future__ import annotations

import sqlite3
from typing import Callable

# "CMDK" in ASCII: marks a SQLite file as a Conflict Minerals Desk project.
APPLICATION_ID = 0x434D444B

SCHEMA_V1 = """
CREATE TABLE registrant (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    company_name TEXT NOT NULL DEFAULT '',
    state_of_incorporation TEXT NOT NULL DEFAULT '',
    sec_file_number TEXT NOT NULL DEFAULT '',
    irs_ein TEXT NOT NULL DEFAULT '',
    street TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT '',
    zip_code TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    reporting_year INTEGER,
    signer_name TEXT NOT NULL DEFAULT '',
    signer_title TEXT NOT NULL DEFAULT ''
);
INSERT INTO registrant (id) VALUES (1);

CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    made_by TEXT NOT NULL DEFAULT '',
    metals TEXT NOT NULL DEFAULT '',          -- comma-separated subset of Tantalum,Tin,Gold,Tungsten
    necessary TEXT NOT NULL DEFAULT '',
    outside_supply_chain_2013 INTEGER NOT NULL DEFAULT 0,
    acquired_company INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE suppliers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    contact_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    products TEXT NOT NULL DEFAULT '',
    request_state TEXT NOT NULL DEFAULT '',
    requested_on TEXT,
    reminded_on TEXT,
    notes TEXT NOT NULL DEFAULT ''
);

-- Supplier files as received: original bytes and SHA-256 kept as the record (kept five years).
CREATE TABLE declarations (
    id INTEGER PRIMARY KEY,
    supplier_id INTEGER REFERENCES suppliers(id) ON DELETE SET NULL,
    file_name TEXT NOT NULL,
    original_path TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    file_bytes BLOB NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL DEFAULT '',
    revision TEXT NOT NULL DEFAULT '',
    company_name TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT '',
    effective_date TEXT,
    verdict TEXT NOT NULL DEFAULT '',
    is_current INTEGER NOT NULL DEFAULT 1,
    problem TEXT NOT NULL DEFAULT '',         -- why the file could not be read, if it could not
    parsed TEXT NOT NULL DEFAULT ''           -- the declaration as read (JSON), so opening is fast
);
CREATE INDEX declarations_supplier ON declarations(supplier_id, is_current);

-- "This dirty row is CID001234" / "this is not a smelter", applied to every later import.
CREATE TABLE smelter_decisions (
    key TEXT PRIMARY KEY,
    metal TEXT NOT NULL DEFAULT '',
    raw_name TEXT NOT NULL DEFAULT '',
    raw_country TEXT NOT NULL DEFAULT '',
    raw_id TEXT NOT NULL DEFAULT '',
    cid TEXT,
    not_a_smelter INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL
);

-- A status override or an exclusion from Annex A always carries a note, who and when.
CREATE TABLE smelter_overrides (
    metal TEXT NOT NULL,
    cid TEXT NOT NULL,
    status TEXT,
    exclude_from_annex INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL CHECK (length(trim(note)) > 0),
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL,
    PRIMARY KEY (metal, cid)
);

-- Narrative answers (due diligence, future steps...) by key.
CREATE TABLE answers (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE exports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT ''
);

-- Small project settings (which wizard step was open, ...).
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


# Issue 11: the smelter facts a project uses are its own. Each row is one version of the project's
# smelter reference (the whole gzip'd JSON, about 40 KB), with the RMI files it came from; the
# newest row is in force. Older rows stay: they are the project's history of moves to newer lists.
SCHEMA_V2_REFERENCE_SNAPSHOTS = """
CREATE TABLE reference_snapshots (
    id INTEGER PRIMARY KEY,
    taken_at TEXT NOT NULL,
    taken_by TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',          -- plain words: why this version became the project's
    status_as_of TEXT NOT NULL DEFAULT '',
    lookup_source TEXT NOT NULL DEFAULT '',
    sources TEXT NOT NULL DEFAULT '[]',       -- JSON: [{"file", "sha256", "role"}] of the RMI files
    changes TEXT NOT NULL DEFAULT '',         -- what the move changed for this project, as shown
    sha256 TEXT NOT NULL,                     -- of `reference`
    reference BLOB NOT NULL
);
"""


# Migration to version N is MIGRATIONS[N - 1]: an SQL script, or a function that changes the
# database with con.execute only. Either runs inside one transaction.
# Issue 10: a supplier counts as surveyed only when the user recorded asking it. Old projects
# keep the suppliers whose request was recorded (a state or a date); the others, often created
# from an imported file, wait for the user to say they were asked.
SUPPLIERS_ASKED = """
ALTER TABLE suppliers ADD COLUMN asked INTEGER NOT NULL DEFAULT 0;
UPDATE suppliers SET asked = 1
 WHERE request_state IN ('requested', 'reminder sent', 'no response')
    OR requested_on IS NOT NULL OR reminded_on IS NOT NULL;
"""

# Files the user attaches to the filing (the independent private sector audit report, issue 10):
# original bytes and SHA-256, kept in the project like the supplier files.
ATTACHMENTS = """
CREATE TABLE attachments (
    key TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    file_bytes BLOB NOT NULL,
    attached_at TEXT NOT NULL,
    attached_by TEXT NOT NULL DEFAULT ''
);
"""

# Instruction 3 to Item 1.01: which business a product came from, when, and whether it reported.
PRODUCT_ACQUISITIONS = """
ALTER TABLE products ADD COLUMN acquired_business TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN acquired_on TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN acquired_was_obligated TEXT NOT NULL DEFAULT '';
"""

# Issue 13: the original bytes sat in the middle of each declarations row, so every read of `parsed`
# walked the file's overflow pages (about 3 s to read 500 suppliers). The bytes move to a table of
# their own, keyed by the declaration's id; SQLite cannot drop a column in place on every version,
# so `declarations` is rebuilt with the same ids, columns (in the same order, minus file_bytes) and
# index. The old table is renamed first so that nothing referencing the new `declarations` ever sees
# a drop (foreign keys are on during migrations), and the bytes move one file at a time, each old
# copy emptied as soon as it is copied, so its pages are reused at once: the project file does not
# double in size (a 720 MB project stayed 720 MB, where a copy-then-drop made it 1.4 GB).
_DECLARATIONS_V6 = """
CREATE TABLE declarations (
    id INTEGER PRIMARY KEY,
    supplier_id INTEGER REFERENCES suppliers(id) ON DELETE SET NULL,
    file_name TEXT NOT NULL,
    original_path TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL DEFAULT '',
    revision TEXT NOT NULL DEFAULT '',
    company_name TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT '',
    effective_date TEXT,
    verdict TEXT NOT NULL DEFAULT '',
    is_current INTEGER NOT NULL DEFAULT 1,
    problem TEXT NOT NULL DEFAULT '',         -- why the file could not be read, if it could not
    parsed TEXT NOT NULL DEFAULT ''           -- the declaration as read (JSON), so opening is fast
)"""

# Supplier files as received: the original bytes (the record, kept five years); their SHA-256 is
# declarations.sha256.
_DECLARATION_FILES = """
CREATE TABLE declaration_files (
    declaration_id INTEGER PRIMARY KEY REFERENCES declarations(id) ON DELETE CASCADE,
    file_bytes BLOB NOT NULL
)"""

_FACT_COLUMNS = ("id, supplier_id, file_name, original_path, sha256, imported_at, imported_by, revision, "
                 "company_name, scope, effective_date, verdict, is_current, problem, parsed")


def ORIGINALS_OWN_TABLE(con: sqlite3.Connection) -> None:  # noqa: N802 (named like the other migrations)
    con.execute("ALTER TABLE declarations RENAME TO declarations_before_v6")
    con.execute(_DECLARATIONS_V6)
    con.execute(f"INSERT INTO declarations ({_FACT_COLUMNS}) SELECT {_FACT_COLUMNS} FROM declarations_before_v6")
    con.execute(_DECLARATION_FILES)
    ids = [row[0] for row in con.execute("SELECT id FROM declarations_before_v6 ORDER BY id").fetchall()]
    for declaration_id in ids:
        con.execute("INSERT INTO declaration_files (declaration_id, file_bytes) "
                    "SELECT id, file_bytes FROM declarations_before_v6 WHERE id = ?", (declaration_id,))
        con.execute("UPDATE declarations_before_v6 SET file_bytes = x'' WHERE id = ?", (declaration_id,))
    con.execute("DROP TABLE declarations_before_v6")
    con.execute("CREATE INDEX declarations_supplier ON declarations(supplier_id, is_current)")


MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    SCHEMA_V1,
    SCHEMA_V2_REFERENCE_SNAPSHOTS,
    SUPPLIERS_ASKED,
    ATTACHMENTS,
    PRODUCT_ACQUISITIONS,
    ORIGINALS_OWN_TABLE,
]


def latest_version() -> int:
    return len(MIGRATIONS)
