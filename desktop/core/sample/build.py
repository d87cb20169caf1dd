"""Write the sample supplier CMRTs into resources/sample/cmrt/ from the blank RMI template.

    python -m desktop.core.sample.build [--template PATH] [--out FOLDER]

Run it again after changing `declarations.py`; the output is committed so the app (and a frozen
build) never needs the template at run time.
"""

from __future__ import annotations

import argparse
import os
import re
import warnings
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl

from desktop import APP_NAME
from desktop.core.atomic import atomic_target
from desktop.core.paths import resource_path
from desktop.core.sample.declarations import SAMPLE_FILES, SAMPLE_MARK, SampleFile
from desktop.core.sample.template_fill import fill_template, read_lookup

TEMPLATE_NAME = "RMI_CMRT_6.4_english_blank.xlsx"
FIXED_TIME = datetime(2026, 3, 16, 12, 0, 0)


def default_template() -> Path:
    # The repository refers to the shared material as ../shared (tests/conftest.py does too).
    shared = Path(os.environ.get("CMDESK_SHARED_DIR", resource_path().parents[1] / "shared"))
    return shared / "cmrt" / "templates" / TEMPLATE_NAME


def sample_output_dir() -> Path:
    return resource_path("sample", "cmrt")


def _load_template(template: Path):
    with warnings.catch_warnings():
        # openpyxl drops the template's conditional-formatting and validation extensions.
        warnings.simplefilter("ignore", UserWarning)
        return openpyxl.load_workbook(template)


def _freeze_zip_times(path: str) -> None:
    """Same input, same bytes: fixed entry times, so rebuilding does not churn the repository."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    # openpyxl stamps the save time into the core properties whatever we set.
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries = [
        (name, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data))
        if name == "docProps/core.xml" else (name, data)
        for name, data in entries
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            target.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)


def _save_atomically(workbook, path: Path) -> None:
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    workbook.properties.lastModifiedBy = workbook.properties.creator = APP_NAME
    with atomic_target(path) as temp:
        workbook.save(temp)
        _freeze_zip_times(temp)


def build_file(sample: SampleFile, template: Path, out_dir: Path) -> Path:
    workbook = _load_template(template)
    fill_template(workbook, sample, read_lookup(workbook))
    workbook.properties.title = f"{SAMPLE_MARK}: {sample.company}"
    path = out_dir / sample.file_name
    _save_atomically(workbook, path)
    return path


def readme_text() -> str:
    lines = [
        f"{SAMPLE_MARK}: supplier CMRTs for the filing desk's sample project.",
        "",
        "The suppliers and their people are fictitious; the smelters are real RMI smelters with",
        "their real IDs, taken from the RMI CMRT 6.4 template's Smelter Look-up.",
        "Written by `python -m desktop.core.sample.build`; do not edit by hand.",
        "",
    ]
    lines += [f"{sample.file_name}: {sample.shows}" for sample in SAMPLE_FILES]
    return "\n".join(lines) + "\n"


def build_all(template: Path | None = None, out_dir: Path | None = None) -> list[Path]:
    template = Path(template or default_template())
    if not template.is_file():
        raise FileNotFoundError(f"{template}: the blank RMI CMRT 6.4 template is missing.")
    out_dir = Path(out_dir or sample_output_dir())
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [build_file(sample, template, out_dir) for sample in SAMPLE_FILES]
    (out_dir / "README.txt").write_text(readme_text(), encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", type=Path, default=None, help="blank RMI CMRT 6.4 workbook")
    parser.add_argument("--out", type=Path, default=None, help="output folder")
    args = parser.parse_args(argv)
    for path in build_all(args.template, args.out):
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
