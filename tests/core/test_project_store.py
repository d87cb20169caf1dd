import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.core.cmrt.model import GOLD, TIN
from desktop.core.project import NewerProjectVersion, NotAProjectFile, Project, ProjectError, ProjectMissing
from desktop.core.project import schema
from desktop.core.project.recent import forget_project, recent_projects, remember_project
from desktop.core.filing.scoping import Answer, MadeBy, Product

REPO = Path(__file__).resolve().parents[2]


def test_new_project_keeps_registrant_and_products_across_reopen(tmp_path):
    project = Project.create(tmp_path / "Acme 2025", company_name="Acme Instruments, Inc.", reporting_year=2025)
    assert project.path.name == "Acme 2025.cmdesk"
    project.update_registrant(irs_ein="12-3456789", state_of_incorporation="Delaware")
    product = Product(name="Flow meter", made_by=MadeBy.CONTRACT, metals={TIN, GOLD}, necessary=Answer.YES)
    project.save_product(product)
    product.name = "Flow meter FM-200"
    project.save_product(product)
    project.save_product(Product(name="Cable kit", made_by=MadeBy.NEITHER))
    project.set_answer("policy_url", "https://acme.example/policy")
    project.close()

    again = Project.open(tmp_path / "Acme 2025.cmdesk")
    registrant = again.registrant()
    assert registrant.company_name == "Acme Instruments, Inc."
    assert registrant.reporting_year == 2025
    assert registrant.irs_ein == "12-3456789"
    products = again.products()
    assert [p.name for p in products] == ["Flow meter FM-200", "Cable kit"]
    assert products[0].metals == {TIN, GOLD} and products[0].made_by == MadeBy.CONTRACT
    assert again.answers() == {"policy_url": "https://acme.example/policy"}
    again.delete_product(products[1].id)
    assert [p.name for p in again.products()] == ["Flow meter FM-200"]
    again.close()


def test_project_runs_in_wal_mode(tmp_path):
    project = Project.create(tmp_path / "p.cmdesk")
    assert project.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    project.close()


def test_creating_over_an_existing_file_is_refused(tmp_path):
    Project.create(tmp_path / "p.cmdesk").close()
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(tmp_path / "p.cmdesk")


def test_supplier_files_are_kept_byte_for_byte_with_their_hash(tmp_path, cmrt_dir):
    source = cmrt_dir / "suppliers" / "jx-advanced-metals_CMRT_6.4.xlsx"
    data = source.read_bytes()
    project = Project.create(tmp_path / "p.cmdesk")
    first = project.add_declaration_file(data, source.name, str(source), revision="6.4")
    second = project.add_declaration_file(b"newer", "newer.xlsx")
    assert project.declaration_bytes(first) == data
    rows = {row["id"]: row for row in project.declaration_rows()}
    assert rows[first]["sha256"] == hashlib.sha256(data).hexdigest()
    assert rows[first]["revision"] == "6.4"
    assert second in rows
    project.close()


def test_exports_are_recorded(tmp_path):
    project = Project.create(tmp_path / "p.cmdesk")
    project.record_export("report_pdf", tmp_path / "r.pdf", "ab" * 32)
    history = project.export_history()
    assert history[0]["kind"] == "report_pdf" and history[0]["sha256"] == "ab" * 32
    project.close()


def test_a_text_file_is_not_a_project(tmp_path):
    path = tmp_path / "notes.cmdesk"
    path.write_text("hello")
    with pytest.raises(NotAProjectFile, match="notes.cmdesk is not a Conflict Minerals Desk project"):
        Project.open(path)


def test_a_workbook_is_not_a_project(cmrt_dir):
    with pytest.raises(NotAProjectFile):
        Project.open(cmrt_dir / "templates" / "RMI_CMRT_6.5.xlsx")


def test_another_programs_database_is_not_a_project_and_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NotAProjectFile, match="another program"):
        Project.open(path)
    assert path.read_bytes() == before


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ProjectMissing, match="no longer exists"):
        Project.open(tmp_path / "gone.cmdesk")
    with pytest.raises(NotAProjectFile, match="folder"):
        Project.open(tmp_path)


def test_a_newer_project_format_is_refused_and_untouched(tmp_path):
    path = tmp_path / "future.cmdesk"
    Project.create(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {schema.latest_version() + 1}")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerProjectVersion, match="newer version"):
        Project.open(path)
    assert path.read_bytes() == before


def test_an_older_project_is_copied_aside_then_migrated(tmp_path, monkeypatch):
    path = tmp_path / "old.cmdesk"
    project = Project.create(path, company_name="Old Co")
    project.close()
    old_version = schema.latest_version()  # never a number: other changes add migrations too

    def add_notes_table(con):
        con.execute("CREATE TABLE notes (text TEXT)")

    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + [add_notes_table])
    migrated = Project.open(path)
    assert migrated.con.execute("PRAGMA user_version").fetchone()[0] == old_version + 1
    migrated.con.execute("SELECT * FROM notes").fetchall()
    migrated.close()
    backup = tmp_path / f"old.cmdesk.format{old_version}.bak"
    assert backup.exists()
    con = sqlite3.connect(backup)
    assert con.execute("PRAGMA user_version").fetchone()[0] == old_version
    assert con.execute("SELECT company_name FROM registrant").fetchone()[0] == "Old Co"
    con.close()


def test_a_failed_migration_leaves_the_file_at_its_old_version(tmp_path, monkeypatch):
    path = tmp_path / "old.cmdesk"
    Project.create(path, company_name="Old Co").close()

    def broken(con):
        con.execute("CREATE TABLE half (x)")
        raise RuntimeError("migration bug")

    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + [broken])
    with pytest.raises(RuntimeError):
        Project.open(path)
    monkeypatch.undo()
    project = Project.open(path)
    assert project.con.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
    assert project.con.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None
    project.close()


SAVE_LOOP = textwrap.dedent(
    """
    import sys
    from desktop.core.project import Project
    from desktop.core.filing.scoping import Product
    project = Project.open(sys.argv[1])
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        with project.transaction() as con:
            con.execute("INSERT INTO products (position, name) VALUES (?, ?)", (n, f"product {n}"))
            con.execute("UPDATE registrant SET contact_phone = ? WHERE id = 1", (str(n),))
    """
)


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.8])
def test_kill_9_in_the_middle_of_a_save_loop_leaves_the_last_committed_state(tmp_path, delay):
    path = tmp_path / "crash.cmdesk"
    Project.create(path).close()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    child = subprocess.Popen([sys.executable, "-c", SAVE_LOOP, str(path)], stdout=subprocess.PIPE, env=env)
    assert child.stdout.readline().strip() == b"ready"
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()

    project = Project.open(path)
    assert project.con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = project.con.execute("SELECT COUNT(*) FROM products").fetchone()[0]
    # Both writes of each transaction are there, or neither: the counter matches the rows.
    assert count > 0
    assert project.registrant().contact_phone == str(count)
    assert [p.name for p in project.products()][-1] == f"product {count}"
    project.close()


def test_recent_projects_most_recent_first_without_missing_files(tmp_path):
    a = tmp_path / "a.cmdesk"
    b = tmp_path / "b.cmdesk"
    Project.create(a).close()
    Project.create(b).close()
    remember_project(a)
    remember_project(b)
    remember_project(a)
    assert recent_projects() == [a.resolve(), b.resolve()]
    b.unlink()
    assert recent_projects() == [a.resolve()]
    forget_project(a)
    assert recent_projects() == []


def test_save_a_copy_gives_a_project_that_opens_with_the_same_data(tmp_path):
    project = Project.create(tmp_path / "a.cmdesk", company_name="Copy Co")
    project.save_product(Product(name="Widget"))
    copy = project.save_copy_as(tmp_path / "b.cmdesk")
    project.close()
    again = Project.open(copy)
    assert again.registrant().company_name == "Copy Co"
    assert [p.name for p in again.products()] == ["Widget"]
    again.close()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("locked", ["file", "folder"])
def test_a_read_only_project_or_folder_gets_a_clear_message(tmp_path, monkeypatch, locked):
    path = tmp_path / "locked.cmdesk"
    Project.create(path).close()
    before = path.read_bytes()
    target = str(path if locked == "file" else tmp_path)
    real_access = os.access
    # chmod does not stop root (CI runs as root), so the permission check itself is what we vary.
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == target else real_access(p, mode))
    with pytest.raises(ProjectError, match="read-only"):
        Project.open(path)
    assert path.read_bytes() == before


def test_suppliers_whose_request_was_recorded_become_asked(tmp_path):
    """Projects made before suppliers had 'asked' keep recorded requests; suppliers created from files do not."""
    path = tmp_path / "before.cmdesk"
    before = schema.MIGRATIONS.index(schema.SUPPLIERS_ASKED)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    for script in schema.MIGRATIONS[:before]:
        con.executescript(script)
    con.execute(f"PRAGMA user_version = {before}")
    con.executemany(
        "INSERT INTO suppliers (name, request_state, requested_on) VALUES (?, ?, ?)",
        [("Asked Co", "complete", "2025-02-01"), ("From A File Co", "complete", None),
         ("Waiting Co", "reminder sent", None), ("Not Asked Co", "", None)],
    )
    con.commit()
    con.close()
    project = Project.open(path)
    assert {s.name: s.asked for s in project.suppliers()} == {
        "Asked Co": True, "From A File Co": False, "Waiting Co": True, "Not Asked Co": False,
    }
    project.close()


def test_originals_move_to_their_own_table_byte_for_byte(tmp_path, cmrt_dir):
    """Projects made while the original bytes sat in `declarations` keep every file and what was read."""
    from desktop.core.cmrt.checking import load_declaration
    from desktop.core.project.declaration_json import declaration_to_json
    from desktop.core.project.declaration_store import declaration_facts

    path = tmp_path / "before.cmdesk"
    before = schema.MIGRATIONS.index(schema.ORIGINALS_OWN_TABLE)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    for script in schema.MIGRATIONS[:before]:
        con.executescript(script)
    con.execute(f"PRAGMA user_version = {before}")
    con.execute("INSERT INTO suppliers (id, name) VALUES (7, 'JX Advanced Metals Corp.')")
    files = sorted((cmrt_dir / "suppliers").glob("*.xls*"))
    expected = {}
    for number, file in enumerate(files):
        data = file.read_bytes()
        try:
            facts = declaration_facts(load_declaration(file, data))
        except Exception as error:  # kept as received, with the reason, like an import does
            facts = {"problem": str(error)}
        declaration_id = 100 + 3 * number  # ids with gaps: they must survive as they are
        row = {"id": declaration_id, "supplier_id": 7 if number == 1 else None, "file_name": file.name,
               "original_path": str(file), "sha256": hashlib.sha256(data).hexdigest(), "file_bytes": data,
               "imported_at": "2025-03-01T10:00:00", "imported_by": "clerk", "is_current": int(number != 0), **facts}
        con.execute(f"INSERT INTO declarations ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                    list(row.values()))
        expected[declaration_id] = (data, facts.get("parsed", ""), row)
    con.commit()
    con.close()
    assert len(expected) == len(files) >= 5

    project = Project.open(path)
    try:
        columns = [c["name"] for c in project.con.execute("PRAGMA table_info(declarations)")]
        assert "file_bytes" not in columns and "parsed" in columns
        assert project.con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert project.con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        indexes = {r["name"] for r in project.con.execute("PRAGMA index_list(declarations)")}
        assert "declarations_supplier" in indexes
        backup = sqlite3.connect(path.with_name(f"{path.name}.format{before}.bak"))  # copied aside first
        assert backup.execute("SELECT count(*) FROM declarations WHERE file_bytes != ''").fetchone()[0] == len(files)
        backup.close()
        rows = {r["id"]: r for r in project.declaration_rows(current_only=False)}
        assert sorted(rows) == sorted(expected)
        stored = {s.id: s for s in project.stored_declarations(current_only=False)}
        for declaration_id, (data, parsed, row) in expected.items():
            kept = project.declaration_bytes(declaration_id)
            assert hashlib.sha256(kept).hexdigest() == row["sha256"] and kept == data
            for column in ("supplier_id", "file_name", "original_path", "sha256", "imported_at", "imported_by",
                           "is_current"):
                assert rows[declaration_id][column] == row[column], column
            if parsed:
                assert declaration_to_json(stored[declaration_id].declaration) == parsed
            else:
                assert stored[declaration_id].declaration is None and stored[declaration_id].problem
        assert project.damaged_originals() == []
        assert [s.id for s in project.suppliers()] == [7]
    finally:
        project.close()


def test_a_declaration_and_its_original_go_together(tmp_path):
    project = Project.create(tmp_path / "p.cmdesk")
    try:
        kept = project.add_declaration_file(b"kept", "kept.xlsx")
        gone = project.add_declaration_file(b"gone", "gone.xlsx")
        with project.transaction() as con:
            con.execute("DELETE FROM declarations WHERE id = ?", (gone,))
        assert [r[0] for r in project.con.execute("SELECT declaration_id FROM declaration_files")] == [kept]
        assert project.damaged_originals() == []  # hashed once; its being gone is still seen below
        with project.transaction() as con:
            con.execute("DELETE FROM declaration_files WHERE declaration_id = ?", (kept,))
        (missing,) = project.damaged_originals()  # an original that is gone is reported, not skipped
        assert missing["file_name"] == "kept.xlsx"
    finally:
        project.close()


def test_stored_declarations_are_decoded_once_and_follow_the_files(tmp_path, monkeypatch):
    """Issue 13: a decision or a renamed supplier reads no declaration again; a new file is decoded,
    and what is read is what decoding the store afresh gives."""
    from desktop.core.project import declaration_store
    from desktop.core.project.declaration_store import DecodedDeclarations
    from desktop.core.sample.project import create_sample_project
    from desktop.core.smelters import MatchDecision

    project = create_sample_project(tmp_path / "sample.cmdesk")
    decoded_texts = []
    real = declaration_store.declarations_from_json

    def counted(texts):
        texts = list(texts)
        decoded_texts.extend(texts)
        return real(texts)

    monkeypatch.setattr(declaration_store, "declarations_from_json", counted)
    first = project.stored_declarations()
    assert first and len(decoded_texts) == len(first)

    row = next(r for s in first for r in s.declaration.smelters)
    project.save_decision(MatchDecision.for_row(row, None, not_a_smelter=True, note="a test"))
    supplier = project.suppliers()[0]
    supplier.name += " Inc."
    project.save_supplier(supplier)
    again = project.stored_declarations()
    assert len(decoded_texts) == len(first)  # nothing decoded again
    assert [s.declaration for s in again] == [s.declaration for s in first]
    assert all(a.declaration is b.declaration for a, b in zip(again, first))

    # A newer file for one supplier: only it is decoded; the file it replaces is no longer current.
    replaced = next(s for s in first if s.supplier_id is not None)
    newer = project.add_declaration_file(b"newer bytes", "newer.xlsx", supplier_id=replaced.supplier_id,
                                         parsed=project.con.execute("SELECT parsed FROM declarations WHERE id = ?",
                                                                    (first[-1].id,)).fetchone()[0])
    latest = project.stored_declarations()
    assert len(decoded_texts) == len(first) + 1
    assert newer in {s.id for s in latest} and replaced.id not in {s.id for s in latest}
    fresh = DecodedDeclarations().stored(project.con)
    assert [(s.id, s.supplier_id, s.declaration) for s in latest] == [(s.id, s.supplier_id, s.declaration)
                                                                      for s in fresh]
    project.close()
