"""The parts of a workbook that its checks inflated, packed again as an uncompressed zip for calamine.

workbook_file's checks inflate every part calamine will read (to measure the sheets and refuse
DTDs). Handing calamine those same bytes, stored rather than deflated, spares it a second inflate,
and calamine can then read only parts the checks have seen: a part they did not check is not in
the package at all.

A part added as read keeps its original CRC: zipfile verified it while the checks read the part to
its end. A part changed on the way (a sheet without its formulas) comes with its own CRC.
"""

from __future__ import annotations

import struct
import zipfile

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_VERSION = 20
_UTF8_NAMES = 0x800
_STORED = 0
_JANUARY_1980 = (1 << 5) | 1  # DOS date; nothing reads the dates of these entries


class StoredPackage:
    """Parts added one by one (a part may arrive in chunks), then `finish()` gives the zip's bytes.

    Gives up (`full` becomes True, the parts are dropped) past `limit` bytes: a 6.x CMRT's parts come
    to about 4 MB, and a file beyond the limit is read from its original bytes instead."""

    def __init__(self, limit: int):
        self.limit = limit
        self.full = False
        self._pieces: list[bytes] = []
        self._directory: list[bytes] = []
        self._offset = 0
        self._places: dict[str, tuple[int, int]] = {}
        self.data = b""  # the finished zip

    def has_room(self, size: int) -> bool:
        """Whether a part of `size` bytes still fits (asked while a part streams in)."""
        return not self.full and self._offset + size <= self.limit

    def give_up(self) -> None:
        self.full = True
        self._pieces, self._directory, self._places = [], [], {}

    def add(self, member: zipfile.ZipInfo, chunks: list[bytes], crc: int | None = None) -> None:
        """One part, read to its end (so its CRC is verified), as the chunks it was read in;
        `crc`: the chunks' CRC when they are not the part as it was read."""
        if self.full or member.filename in self._places:  # two sheets may share one part
            return
        size = sum(len(chunk) for chunk in chunks)
        if not self.has_room(size):
            self.give_up()
            return
        name = member.filename.encode("utf-8")
        crc = member.CRC if crc is None else crc
        header = _LOCAL.pack(0x04034B50, _VERSION, _UTF8_NAMES, _STORED, 0, _JANUARY_1980, crc,
                             size, size, len(name), 0) + name
        self._directory.append(_CENTRAL.pack(0x02014B50, _VERSION, _VERSION, _UTF8_NAMES, _STORED, 0,
                                             _JANUARY_1980, crc, size, size, len(name), 0, 0, 0, 0,
                                             0, self._offset) + name)
        self._places[member.filename] = (self._offset + len(header), size)
        self._pieces.append(header)
        self._pieces.extend(chunks)
        self._offset += len(header) + size

    def finish(self) -> bytes | None:
        """The zip's bytes; None when the parts passed the limit."""
        if self.full:
            return None
        directory = b"".join(self._directory)
        count = len(self._directory)
        end = _END.pack(0x06054B50, 0, 0, count, count, len(directory), self._offset, 0)
        self.data = b"".join([*self._pieces, directory, end])
        self._pieces = []
        return self.data

    def part(self, name: str) -> bytes | None:
        """A finished package's part, by its name in the original zip; None if it is not there."""
        place = self._places.get(name)
        if place is None or not self.data:
            return None
        start, size = place
        return self.data[start:start + size]
