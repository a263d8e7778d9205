"""Bytes -> clean numbered lines -> documents.

PDF-extracted gazettes carry page furniture (running headers, page numbers, consultation boxes)
between and inside documents. We drop those lines but keep every other line's original number, so
any fact can point back at the exact line of the source file.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from govkg.errors import InputError
from govkg.loaders import layout
from govkg.loaders.memo import remembered_up_to
from govkg.loaders.names import squash
from govkg.loaders.docnumbers import HEAD_LINES, head_number, number_alone
from govkg.loaders.titles import head_title_line


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
# Every FURNITURE pattern needs one of these (政府公报, 期, a dash, 页, 咨询, 扫, 文件): a line with
# none of them is no furniture, and most lines are let through on this look alone.
_FURNITURE_MARKS = re.compile(r"政府公报|期|[—－\-–·•]|页|咨询|扫|文件")
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
    # True when the document prints no number of its own and `number` is its title as printed
    titled: bool = False

    @property
    def start_line(self) -> int:
        return self.lines[0].number if self.lines else 0

    def joined(self) -> "Joined":
        """The lines joined (see Joined); every extractor asks for it, so it is built once per
        document (rebuilt if the lines were replaced or grew). Callers must not change it."""
        key = (id(self.lines), len(self.lines))
        cached = self.__dict__.get("_joined")
        if cached is None or cached[0] != key:
            cached = (key, Joined.of(self.lines), self.lines)  # holds the list: its id stays its own
            self.__dict__["_joined"] = cached
        return cached[1]


@dataclass
class Joined:
    """Lines concatenated without their breaks, remembering which source line each char came from.

    Sentences in PDF text break at arbitrary points; extractors match on the joined text and map
    a match offset back to its source line with `line_at`. Where each line starts in the text is
    kept (one entry per line, found by bisection), not the line of every character.
    """

    text: str
    starts: list[int] = field(repr=False)  # offset in text of each (non-empty) line, ascending
    numbers: list[int] = field(repr=False)  # that line's source number

    @classmethod
    def of(cls, lines: list[Line]) -> "Joined":
        parts, starts, numbers = [], [], []
        offset = 0
        for ln in lines:
            t = ln.text.strip()
            if t:
                parts.append(t)
                starts.append(offset)
                numbers.append(ln.number)
                offset += len(t)
        return cls("".join(parts), starts, numbers)

    @cached_property
    def squashed(self) -> str:
        """The text without any white space: every line's squashed text is a part of it, in order, so
        one look here tells that no line (nor two lines run together) holds a word."""
        return squash(self.text)

    def line_at(self, offset: int) -> int:
        if not self.text:
            return 0
        return self.numbers[bisect_right(self.starts, min(max(offset, 0), len(self.text) - 1)) - 1]


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


# control characters other than \t \n \f \r, and the private use area: no text prints these
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff]")


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    bad = len(_NOT_TEXT.findall(sample))
    return bad <= max(2, len(sample) // 200)


def is_furniture(text: str) -> bool:
    """Whitespace runs are squeezed first: the patterns' adjacent `\\s*` then match at most one
    character each, so a long run of spaces cannot make them backtrack (linear time)."""
    if not _FURNITURE_MARKS.search(text):
        return False
    squeezed = _SPACES.sub(" ", text)
    return any(p.search(squeezed) for p in FURNITURE)


def clean_lines(text: str) -> list[Line]:
    """Numbered non-empty lines without page furniture (numbers as in the source file).

    A text printed in traditional characters is read in simplified ones; half-width punctuation
    between Chinese characters is made full-width; masked names become gaps; and a paragraph that a
    crawl or OCR flattened onto one long line is cut into pieces at its numbering and role marks;
    the pieces keep the number of the line they came from.
    """
    out = []
    for number, raw in enumerate(layout.simplified(text).splitlines(), 1):
        if not raw or raw.isspace():
            continue  # a blank line (spaces, ideographic ones too) gives no piece
        pieces = _clean(raw)
        if len(pieces) == 1:
            out.append(Line(number, pieces[0]))
        else:
            out.extend(Line(number, piece) for piece in pieces)
    return out


@remembered_up_to(200, 1 << 14)  # ~16k short lines, a few MB at most
def _clean(raw: str) -> tuple[str, ...]:
    """One source line's printed pieces (none for a blank line or page furniture); a pure function
    of the line, so short lines printed again (blank lines, running headers, a gazette read twice)
    are cleaned once."""
    stripped = raw.replace("\u3000", " ").rstrip()
    if not stripped.strip() or is_furniture(stripped):
        return ()
    return tuple(layout.unflatten(layout.unmask(layout.fullwidth_punctuation(stripped))))


def _cited_alone(lines: list[Line], i: int) -> bool:
    """`（X发〔2022〕10号）` wrapped onto its own line right after a title in book marks."""
    text = lines[i].text.strip()
    return i > 0 and text[:1] in "(（" and lines[i - 1].text.rstrip().endswith("》")


def split_documents(lines: list[Line], source: str = "") -> list[Document]:
    """Documents of a gazette, or the one document of a file.

    A gazette prints each document's number on a line of its own: split there. A file holding one
    document may print its number after the title, run into the addressees, or inside a flattened
    header; or print none, and then the document is known by its title. Text that is neither
    yields no document.
    """
    alone = [(i, number_alone(ln.text)) for i, ln in enumerate(lines)]
    starts = [(i, n) for i, n in alone if n and not _cited_alone(lines, i)]
    if starts:
        docs = [Document(n, [], source) for _, n in starts]
        bounds = [i for i, _ in starts] + [len(lines)]
        for doc, lo, hi in zip(docs, bounds, bounds[1:]):
            doc.lines = lines[lo:hi]
        first = starts[0][0]
        if first and lines[first].number <= HEAD_LINES:  # a title printed above the number
            docs[0].lines = _number_first(lines[:bounds[1]], first)
        return docs
    head = head_number([(ln.number, ln.text) for ln in lines])
    if head:
        return [Document(head[1], _number_first(lines, head[0]), source)]
    title = head_title_line(lines)
    if title:
        return [Document(title, list(lines), source, titled=True)]
    return []


def _number_first(lines: list[Line], at: int) -> list[Line]:
    """The line that carries the number leads, as in a gazette; the title above it follows."""
    return [lines[at], *lines[:at], *lines[at + 1:]]


def refuse_irregular(path: Path) -> None:
    """InputError for a FIFO, device or socket: reading one would block or never end."""
    try:
        irregular = path.exists() and not path.is_file()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from e
    if irregular:
        raise InputError(f"{path}: not a regular file (a FIFO, device or socket); give a gazette text or PDF file")


def read_documents(path: Path) -> tuple[list[Document], str]:
    """Read one file (a gazette or a single document) into documents; returns (documents, encoding)."""
    refuse_irregular(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from e
    text, encoding = decode(data, str(path))
    return documents_in(text, path), encoding


def documents_in(text: str, path: Path) -> list[Document]:
    """The documents of one file's text (decoded, or read from a PDF); InputError when there are none."""
    docs = split_documents(clean_lines(text), str(path))
    if not docs:
        raise InputError(f"{path}: neither a document number (such as 离政发〔2024〕26号) nor a document title "
                         f"(such as 关于…的通知, …实施方案) found; is this a government document?")
    return docs
