"""Importing real supplier files into a project, and what the project's data add up to."""

import shutil

from desktop.core.cmrt.model import Verdict
from desktop.core.filing.evidence import current_declarations, inquiry_result, project_response_rate, project_rollup
from desktop.core.suppliers.inquiry import expand_paths, known_hashes, read_supplier_files, save_import
from desktop.core.project import Project
from desktop.core.filing.scoping import InquiryResult
from desktop.core.suppliers import RequestState, Supplier


def test_folder_import_assigns_suppliers_and_keeps_unreadable_files(tmp_path, cmrt_dir):
    project = Project.create(tmp_path / "p.cmdesk")
    project.save_supplier(Supplier(name="JX Advanced Metals Corp.", request_state=RequestState.REQUESTED))
    folder = tmp_path / "inbox"
    shutil.copytree(cmrt_dir / "suppliers", folder)
    shutil.copy(cmrt_dir / "not-cmrt" / "jpeg-renamed.xls", folder)
    (folder / "notes.txt").write_text("not picked from a folder")

    files = read_supplier_files([folder], project.suppliers())
    by_name = {f.path.name: f for f in files}
    assert "notes.txt" not in by_name
    assert len(files) == 8
    jx = by_name["jx-advanced-metals_CMRT_6.4.xlsx"]
    assert jx.supplier_id == project.suppliers()[0].id  # "Corp." and "Corporation" are the same company
    assert by_name["central-glass_CMRT_6.4.xlsx"].create_supplier
    assert "not an Excel workbook" in by_name["jpeg-renamed.xls"].problem

    ids = save_import(project, files)
    assert len(ids) == 8
    roster = {s.name: s for s in project.suppliers()}
    assert "Central Glass Co., Ltd." in roster and "Connor Winfield Corporation" in roster
    assert roster["JX Advanced Metals Corp."].request_state == RequestState.NEEDS_FOLLOW_UP
    rows = {r["file_name"]: r for r in project.declaration_rows()}
    assert rows["jpeg-renamed.xls"]["verdict"] == Verdict.UNUSABLE.value
    assert "not an Excel workbook" in rows["jpeg-renamed.xls"]["problem"]
    assert rows["jx-advanced-metals_CMRT_6.4.xlsx"]["revision"] == "6.4"
    stored_bytes = project.declaration_bytes(rows["connor-winfield_CMRT_2.02_encrypted.xls"]["id"])
    assert stored_bytes == (cmrt_dir / "suppliers" / "connor-winfield_CMRT_2.02_encrypted.xls").read_bytes()

    # The same files again are recognised by their hash and skipped.
    again = read_supplier_files([folder], project.suppliers(), known_hashes(project))
    assert all(f.already_imported for f in again)
    assert save_import(project, again) == []
    project.close()


def test_a_newer_file_from_the_same_supplier_replaces_the_current_one(tmp_path, cmrt_dir):
    project = Project.create(tmp_path / "p.cmdesk")
    first = read_supplier_files([cmrt_dir / "suppliers" / "sk-specialty_CMRT_6.4.xlsx"], [])  # effective 2024-05-09
    save_import(project, first)
    supplier = project.suppliers()[0]
    # A later file filed under the same supplier (the user confirms the match): JX's, effective 2024-05-30.
    second = read_supplier_files([cmrt_dir / "suppliers" / "jx-advanced-metals_CMRT_6.4.xlsx"], project.suppliers())
    second[0].supplier_id, second[0].create_supplier = supplier.id, False
    save_import(project, second)
    current = current_declarations(project)
    assert [c.declaration.file_name for c in current if c.supplier and c.supplier.id == supplier.id] == [
        "jx-advanced-metals_CMRT_6.4.xlsx"
    ]
    history = project.declaration_rows(current_only=False)
    assert [bool(r["is_current"]) for r in history] == [False, True]
    # An older file imported afterwards goes into the history without replacing the newer one.
    third = read_supplier_files([cmrt_dir / "suppliers" / "central-glass_CMRT_6.4.xlsx"], project.suppliers())
    third[0].supplier_id, third[0].create_supplier = supplier.id, False  # effective 2024-05-10
    save_import(project, third)
    assert [r["file_name"] for r in project.declaration_rows()] == ["jx-advanced-metals_CMRT_6.4.xlsx"]
    project.close()


def test_two_files_from_one_company_make_one_supplier_counted_once(tmp_path, cmrt_dir):
    """Green Status Pro's 2.03 and 3.01 files, imported together, are one supplier with one current file."""
    project = Project.create(tmp_path / "p.cmdesk")
    files = read_supplier_files(
        [cmrt_dir / "old-revisions" / "testfill_2.03_green.xlsx", cmrt_dir / "old-revisions" / "testfill_3.01_green.xlsx"],
        project.suppliers(),
    )
    assert all(f.create_supplier for f in files)  # the review offers "New supplier" for both
    save_import(project, files)
    suppliers = project.suppliers()
    assert [s.name for s in suppliers] == ["Green Status Pro"]
    assert [r["file_name"] for r in project.declaration_rows()] == ["testfill_3.01_green.xlsx"]  # same date: the later
    # A supplier created from a file was not thereby asked: nothing counts until the user says so.
    rate = project_response_rate(project)
    assert (rate.surveyed, rate.responded) == (0, 0)
    supplier = suppliers[0]
    supplier.asked = True
    project.save_supplier(supplier)
    assert (project_response_rate(project).surveyed, project_response_rate(project).responded) == (1, 1)
    # A file from a company already on the roster (normalised name) attaches to it.
    again = read_supplier_files([cmrt_dir / "old-revisions" / "testfill_2.00_green.xlsx"], project.suppliers())
    assert again[0].supplier_id == supplier.id and not again[0].create_supplier
    save_import(project, again)
    assert len(project.suppliers()) == 1
    rate = project_response_rate(project)
    assert (rate.surveyed, rate.responded, rate.percent) == (1, 1, 100)
    project.close()


def test_cancelling_returns_nothing_and_leaves_the_project_unchanged(tmp_path, cmrt_dir):
    project = Project.create(tmp_path / "p.cmdesk")
    calls = []
    result = read_supplier_files(
        [cmrt_dir / "suppliers"], [], on_progress=lambda done, total, name: calls.append(done),
        should_cancel=lambda: len(calls) >= 2,
    )
    assert result is None
    assert project.declaration_rows(current_only=False) == []
    project.close()


def test_rollup_and_inquiry_result_from_the_project(tmp_path, cmrt_dir):
    project = Project.create(tmp_path / "p.cmdesk")
    save_import(project, read_supplier_files([cmrt_dir / "suppliers" / "jx-advanced-metals_CMRT_6.4.xlsx"], []))
    rolled = project_rollup(project)
    assert len(rolled.smelters) >= 20
    assert all(s.reported_by == ["JX Advanced Metals Corporation"] for s in rolled.smelters)
    declarations = [c.declaration for c in current_declarations(project)]
    assert inquiry_result([], None) == InquiryResult.NOT_YET
    assert inquiry_result(declarations, rolled) in set(InquiryResult) - {InquiryResult.NOT_YET}
    project.close()


def test_expand_paths_keeps_order_and_skips_excel_lock_files(tmp_path):
    (tmp_path / "b.xlsx").write_bytes(b"x")
    (tmp_path / "A.xls").write_bytes(b"x")
    (tmp_path / "~$b.xlsx").write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.xlsm").write_bytes(b"x")
    names = [p.name for p in expand_paths([tmp_path, tmp_path / "b.xlsx"])]
    assert names == ["A.xls", "b.xlsx", "c.xlsm"]


def test_each_stored_original_carries_the_hash_of_its_own_bytes(tmp_path, cmrt_dir):
    import hashlib

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("jx-advanced-metals_CMRT_6.4.xlsx", "emd-merck_CMRT_6.4.xlsx"):
        shutil.copy(cmrt_dir / "suppliers" / name, folder / name)
    shutil.copy(cmrt_dir / "not-cmrt" / "jpeg-renamed.xls", folder / "jpeg-renamed.xls")
    project = Project.create(tmp_path / "p.cmdesk")
    ids = save_import(project, read_supplier_files([folder], project.suppliers(), workers=1))
    assert len(ids) == 3
    for declaration_id in ids:
        row = next(r for r in project.declaration_rows(current_only=False) if r["id"] == declaration_id)
        assert row["sha256"] == hashlib.sha256(project.declaration_bytes(declaration_id)).hexdigest()
        assert row["sha256"] == hashlib.sha256((folder / row["file_name"]).read_bytes()).hexdigest()
    project.close()


def test_read_files_are_kept_aside_not_in_memory_and_stored_even_if_deleted_meanwhile(tmp_path, cmrt_dir):
    """Issue 13: between reading and saving, the bytes read wait in a temporary file; what is
    stored is what was read, hashed and parsed, even when the user's file is gone by then."""
    import hashlib

    folder = tmp_path / "inbox"
    shutil.copytree(cmrt_dir / "suppliers", folder)
    originals = {p.name: p.read_bytes() for p in folder.iterdir()}
    files = read_supplier_files([folder], [], workers=1)
    for item in files:
        assert not any(isinstance(value, (bytes, bytearray, memoryview)) for value in vars(item).values())
    shutil.rmtree(folder)  # the e-mail attachments were cleaned up before the user confirmed
    project = Project.create(tmp_path / "p.cmdesk")
    try:
        ids = save_import(project, files)
        assert len(ids) == len(originals)
        for row in project.declaration_rows(current_only=False):
            kept = project.declaration_bytes(row["id"])
            assert kept == originals[row["file_name"]] and hashlib.sha256(kept).hexdigest() == row["sha256"]
    finally:
        project.close()
