"""The Windows version resource of the app's .exe (Properties > Details), from pyproject.toml facts."""

from __future__ import annotations

from PyInstaller.utils.win32.versioninfo import (
    FixedFileInfo,
    StringFileInfo,
    StringStruct,
    StringTable,
    VarFileInfo,
    VarStruct,
    VSVersionInfo,
)

US_ENGLISH_UNICODE = "040904B0"  # language 0x0409, code page 1200 (UTF-16), as Explorer expects


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'1.2.3' or '1.2.3rc1' -> (1, 2, 3, 0): Windows wants four small integers."""
    numbers = [_leading_int(part) for part in version.split(".")[:4]]
    return tuple((numbers + [0, 0, 0])[:4])


def _leading_int(part: str) -> int:
    digits = ""
    for char in part:
        if not char.isdigit():
            break
        digits += char
    return int(digits or 0)


def windows_version_info(app_name: str, version: str, exe_name: str, description: str) -> VSVersionInfo:
    numbers = version_tuple(version)
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            StringFileInfo([StringTable(US_ENGLISH_UNICODE, [
                StringStruct("ProductName", app_name),
                StringStruct("FileDescription", app_name),
                StringStruct("Comments", description),
                StringStruct("ProductVersion", version),
                StringStruct("FileVersion", version),
                StringStruct("InternalName", exe_name),
                StringStruct("OriginalFilename", f"{exe_name}.exe"),
                StringStruct("LegalCopyright", app_name),
            ])]),
            VarFileInfo([VarStruct("Translation", [0x0409, 1200])]),
        ],
    )
