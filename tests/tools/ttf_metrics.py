"""Advance widths from a TrueType font, in pure Python (no PIL, no fontTools in Debian's python3).

Used to estimate how long a line of text is when Word or LibreOffice sets it in Times New Roman,
so the checks can compare rule lengths (Decree 30 §10 rules 4 and 5) with the text above them.
Liberation Serif is metric-compatible with Times New Roman, so its advance widths are the ones
Word uses. Kerning is ignored (Word does not kern unless w:kern is set), which makes the estimate
exact for Word and within about 1 % for LibreOffice.
"""
from __future__ import annotations

import os
import struct
import subprocess
from functools import lru_cache

LIBERATION_DIR = "/usr/share/fonts/truetype/liberation2"
_FACE_FILES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}


class TrueTypeFont:
    """The parts of a .ttf needed for advance widths: head, hhea, hmtx, cmap (format 4 or 12)."""

    def __init__(self, path: str):
        with open(path, "rb") as f:
            self.data = f.read()
        self.path = path
        self.tables = self._table_directory()
        self.units_per_em = struct.unpack_from(">H", self.data, self.tables[b"head"] + 18)[0]
        num_hmetrics = struct.unpack_from(">H", self.data, self.tables[b"hhea"] + 34)[0]
        hmtx = self.tables[b"hmtx"]
        self.advances = [struct.unpack_from(">H", self.data, hmtx + 4 * i)[0]
                         for i in range(num_hmetrics)]
        self.cmap = self._read_cmap()

    def _table_directory(self) -> dict[bytes, int]:
        num_tables = struct.unpack_from(">H", self.data, 4)[0]
        tables = {}
        for i in range(num_tables):
            tag, _checksum, offset, _length = struct.unpack_from(">4sIII", self.data, 12 + 16 * i)
            tables[tag] = offset
        for needed in (b"head", b"hhea", b"hmtx", b"cmap"):
            if needed not in tables:
                raise ValueError(f"{self.path}: no '{needed.decode()}' table")
        return tables

    def _read_cmap(self) -> dict[int, int]:
        base = self.tables[b"cmap"]
        _version, count = struct.unpack_from(">HH", self.data, base)
        subtables = {}
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", self.data, base + 4 + 8 * i)
            subtables[(platform, encoding)] = base + offset
        for key in ((3, 10), (0, 4), (3, 1), (0, 3)):
            if key in subtables:
                offset = subtables[key]
                fmt = struct.unpack_from(">H", self.data, offset)[0]
                if fmt == 12:
                    return self._cmap_format12(offset)
                if fmt == 4:
                    return self._cmap_format4(offset)
        raise ValueError(f"{self.path}: no Unicode cmap of format 4 or 12")

    def _cmap_format4(self, offset: int) -> dict[int, int]:
        seg_count = struct.unpack_from(">H", self.data, offset + 6)[0] // 2
        ends = offset + 14
        starts = ends + 2 * seg_count + 2
        deltas = starts + 2 * seg_count
        range_offsets = deltas + 2 * seg_count
        mapping = {}
        for s in range(seg_count):
            end = struct.unpack_from(">H", self.data, ends + 2 * s)[0]
            start = struct.unpack_from(">H", self.data, starts + 2 * s)[0]
            delta = struct.unpack_from(">h", self.data, deltas + 2 * s)[0]
            ro_pos = range_offsets + 2 * s
            range_offset = struct.unpack_from(">H", self.data, ro_pos)[0]
            for code in range(start, end + 1):
                if code == 0xFFFF:
                    continue
                if range_offset == 0:
                    gid = (code + delta) & 0xFFFF
                else:
                    pos = ro_pos + range_offset + 2 * (code - start)
                    gid = struct.unpack_from(">H", self.data, pos)[0]
                    if gid:
                        gid = (gid + delta) & 0xFFFF
                if gid:
                    mapping[code] = gid
        return mapping

    def _cmap_format12(self, offset: int) -> dict[int, int]:
        groups = struct.unpack_from(">I", self.data, offset + 12)[0]
        mapping = {}
        for g in range(groups):
            start, end, first = struct.unpack_from(">III", self.data, offset + 16 + 12 * g)
            for code in range(start, end + 1):
                mapping[code] = first + code - start
        return mapping

    def advance(self, gid: int) -> int:
        return self.advances[gid] if gid < len(self.advances) else self.advances[-1]

    def width_units(self, text: str) -> tuple[int, list[str]]:
        """Sum of advances in font units, and the characters the font has no glyph for."""
        total, missing = 0, []
        for ch in text:
            gid = self.cmap.get(ord(ch), 0)
            if gid == 0 and not ch.isspace():
                missing.append(ch)
            total += self.advance(gid)
        return total, missing


def _font_file(bold: bool, italic: bool) -> str:
    path = os.path.join(LIBERATION_DIR, _FACE_FILES[(bold, italic)])
    if os.path.exists(path):
        return path
    style = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
             (True, True): "Bold Italic"}[(bold, italic)]
    out = subprocess.run(["fc-match", f"Liberation Serif:style={style}", "--format=%{file}"],
                         capture_output=True, text=True, check=False)
    if out.returncode == 0 and out.stdout.strip() and os.path.exists(out.stdout.strip()):
        return out.stdout.strip()
    raise FileNotFoundError(f"Liberation Serif {style} not found (Debian package fonts-liberation2)")


@lru_cache(maxsize=None)
def face(bold: bool = False, italic: bool = False) -> TrueTypeFont:
    return TrueTypeFont(_font_file(bold, italic))


def text_width_pt(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Width of one unbroken line of text set in Times New Roman (Liberation Serif metrics)."""
    font = face(bold, italic)
    units, _missing = font.width_units(text)
    return units * size_pt / font.units_per_em
