"""Bytes -> clean numbered lines -> documents.

PDF-extracted gazettes carry page furniture (running headers, page numbers, consultation boxes)
between and inside documents. We drop those lines but keep every other line's original number, so
any fact can point back at the exact line of the source file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from govkg.errors import InputError

# A document number as printed on its own line: 离政办函〔2024〕28号, 晋政发〔2023〕5号, 县政办发[2024]3号.
DOC_NUMBER = re.compile(r"^\s*([\u4e00-\u9fff]{1,8}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号)\s*$")

# Page furniture: a running header names the gazette (…人民政府公报 2024•3) and the section
# (区政府文件 / 县政府办公室文件); page numbers print as —51—; consultation boxes close documents.
FURNITURE = [
    re.compile(r"政府公报\s*[（(]?\s*\d{4}\s*(?:[•·.．/\-]\s*\d+|年\s*第\s*\d+\s*期)"),
    re.compile(r"^\s*[（(]?\s*\d{4}\s*年\s*第\s*\d+\s*期\s*[）)]?\s*$"),
    re.compile(r"^\s*[\u4e00-\u9fff]{1,12}政府公报\s*$"),
    re.compile(r"^\s*[（(]?\s*\d{4}\s*(?:年\s*第\s*\d+\s*期|[•·.．]\s*\d+).{0,30}政府公报\s*$"),
    re.compile(r"^\s*[—－\-–·•]+\s*\d{1,4}\s*[—－\-–·•]+\s*$"),
    re.compile(r"^\s*第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?\s*$"),
    re.compile(r"^\s*(咨询单位|咨询电话)\s*[：:]"),
    re.compile(r"^\s*扫\s*码\s*咨\s*询\s*$"),
    re.compile(r"^\s*[\u4e00-\u9fff]{1,4}(政府|政府办公室)文件\s*$"),
]

_SPACES = re.compile(r"\s+")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Line:
    """One source line that survived clean-up, with its 1-based number in the source file."""

    number: int
    text: str


@dataclass
class Document:
    """One gazette document: its number as printed and its lines (page furniture removed)."""

    number: str
    lines: list[Line]
    source: str = ""

    @property
    def start_line(self) -> int:
        return self.lines[0].number if self.lines else 0

    def joined(self) -> "Joined":
        return Joined.of(self.lines)


@dataclass
class Joined:
    """Lines concatenated without their breaks, remembering which source line each char came from.

    Sentences in PDF text break at arbitrary points; extractors match on the joined text and map
    a match offset back to its source line with `line_at`.
    """

    text: str
    line_of: list[int] = field(repr=False)

    @classmethod
    def of(cls, lines: list[Line]) -> "Joined":
        parts, owners = [], []
        for ln in lines:
            t = ln.text.strip()
            parts.append(t)
            owners.extend([ln.number] * len(t))
        return cls("".join(parts), owners)

    def line_at(self, offset: int) -> int:
        if not self.line_of:
            return 0
        return self.line_of[min(max(offset, 0), len(self.line_of) - 1)]


def decode(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode gazette bytes; returns (text, encoding used). Binary input is refused, not guessed."""
    if not data.strip():
        raise InputError(f"{source}: the file is empty")
    bom = next((enc for mark, enc in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        # A byte-order mark promises an encoding: bytes that break the promise are refused, not guessed.
        try:
            return data.decode(bom), bom
        except UnicodeDecodeError as e:
            raise InputError(f"{source}: starts with a {bom} byte-order mark but is not valid {bom} "
                             f"(byte {e.start}: {e.reason})") from None
    if b"\x00" in data[:4096]:
        # UTF-16 without BOM shows NULs in every other byte of ASCII; anything else with NULs is binary.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, enc
        raise InputError(f"{source}: this is a binary file, not a text gazette")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, enc
    raise InputError(f"{source}: cannot decode as UTF-8, GB18030/GBK or UTF-16 text")


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t\f") or "\ue000" <= ch <= "\uf8ff")
    return bad <= max(2, len(sample) // 200)


def is_furniture(text: str) -> bool:
    """Whitespace runs are squeezed first: the patterns' adjacent `\\s*` then match at most one
    character each, so a long run of spaces cannot make them backtrack (linear time)."""
    squeezed = _SPACES.sub(" ", text)
    return any(p.search(squeezed) for p in FURNITURE)


def clean_lines(text: str) -> list[Line]:
    """Numbered non-empty lines without page furniture (numbers as in the source file)."""
    out = []
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.replace("\u3000", " ").rstrip()
        if not stripped.strip() or is_furniture(stripped):
            continue
        out.append(Line(number, stripped))
    return out


def split_documents(lines: list[Line], source: str = "") -> list[Document]:
    """Split on document-number lines; text before the first number belongs to no document."""
    docs: list[Document] = []
    for ln in lines:
        m = DOC_NUMBER.match(ln.text)
        if m:
            docs.append(Document(re.sub(r"\s+", "", m.group(1)), [ln], source))
        elif docs:
            docs[-1].lines.append(ln)
    return docs


def read_documents(path: Path) -> tuple[list[Document], str]:
    """Read one gazette file into documents; returns (documents, encoding used)."""
    try:
        if path.exists() and not path.is_file():
            raise InputError(f"{path}: not a regular file (a FIFO, device or socket); give a gazette text file")
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from e
    text, encoding = decode(data, str(path))
    docs = split_documents(clean_lines(text), str(path))
    if not docs:
        raise InputError(f"{path}: no document number (such as 离政发〔2024〕26号) found; is this a gazette?")
    return docs, encoding
