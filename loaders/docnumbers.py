"""Document numbers (发文字号) in every form governments and OCR print them.

A number is an issuer's prefix, a year in brackets and a serial: 离政办函〔2024〕28号. Brackets come as
〔〕 [] ［］ 【】 （） (), often mixed after OCR (`〔2021)7号`); digits full- or half-width, with spaces
(`[2021] 634号`); OCR drops a stray character after the year (`[2020]的43号`); special series put a
word and a colon before the bracket (`建议字:〔2023〕8号`). A number *cited* in running text
(`…的通知》（X发〔2022〕10号）`) names another document and never starts one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_OPEN, _CLOSE = "〔\\[［【(（", "〕\\]］】)）"
# prefix, optional `:` of a special series, bracketed year, at most two OCR stray characters, serial.
# Every quantifier is bounded, so a match is linear in the line's length.
NUMBER = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{1,16}})[:：]?\s{{0,2}}[{_OPEN}]\s{{0,2}}(?P<year>(?:19|20)\d{{2}})\s{{0,2}}[{_CLOSE}]"
    rf"(?P<junk>[\u4e00-\u9fff]{{0,2}}?)\s{{0,2}}(?P<serial>\d{{1,5}})\s{{0,2}}号")
# Characters OCR inserts between the year and the serial that no number contains.
_STRAY = set("的第之")
# Where an issuer's header ends and the number's prefix begins, in a flattened header
# (`…林业局文件陕发改能电力[2021]634号`, `…委员会办公室鲁环委办便函〔2021)7号`).
_HEADER_ENDS = re.compile(r"文件|办公室|办公厅|委员会|人民政府|明电|特急|特提|加急|平急|急件|签发|盖章|等级|厅|局")
# Bracket pairs wrapping a number that stands alone on its line: （皖政办秘〔2021〕82号）.
_WRAPPED_ALONE = re.compile(r"^[\s(（]*(?P<body>.*[^\s)）])[\s)）]*$")  # greedy body: linear (a lazy one backtracks over space runs)
HEAD_LINES = 3   # a single document prints its number within its first few source lines
HEAD_CHARS = 400  # ... and, when flattened onto one line, within its first few hundred characters


@dataclass(frozen=True)
class NumberMatch:
    """A document number found in a line: as printed (whitespace and OCR strays removed)."""

    number: str
    start: int
    end: int


def _printed(m: re.Match[str], original: str, prefix: str) -> str:
    year_to_serial = original[m.start("year") - 1:m.end()]
    if m.group("junk") and all(ch in _STRAY for ch in m.group("junk")):
        year_to_serial = original[m.start("year") - 1:m.start("junk")] + original[m.start("serial"):m.end()]
    colon = original[m.end("prefix"):m.start("year") - 1]
    return re.sub(r"\s+", "", prefix + colon + year_to_serial)


def _trim_header(prefix: str) -> str:
    """The number's own prefix out of a run of header characters before the bracket."""
    cut = 0
    for m in _HEADER_ENDS.finditer(prefix):
        if len(prefix) - m.end() >= 2:
            cut = m.end()
    return prefix[cut:]


def number_alone(text: str) -> str | None:
    """The number when the line holds nothing else (brackets around it allowed), else None."""
    if "号" not in text:
        return None  # NUMBER ends in 号 (most lines are let go on this look)
    inner = _WRAPPED_ALONE.match(text.strip())
    if not inner:
        return None
    body = inner.group("body")
    m = NUMBER.fullmatch(body.translate(FULLWIDTH_DIGITS))
    if not m or m.group("junk") and not all(ch in _STRAY for ch in m.group("junk")):
        return None
    if len(m.group("prefix")) > 12:
        return None
    return _printed(m, body, m.group("prefix"))


def _cited(text: str, start: int) -> bool:
    """A number right after a title in book marks, or inside brackets, cites another document."""
    before = text[max(0, start - 2):start]
    return "》" in before or bool(re.search(r"[(（]$", before))


def embedded_numbers(text: str) -> list[NumberMatch]:
    """Numbers printed inside a longer line (a flattened header), cited ones left out."""
    out = []
    for m in NUMBER.finditer(text.translate(FULLWIDTH_DIGITS)):
        if m.group("junk") and not all(ch in _STRAY for ch in m.group("junk")):
            continue
        prefix = _trim_header(m.group("prefix"))
        start = m.end("prefix") - len(prefix)
        if _cited(text, start) or len(prefix) > 12:
            continue
        out.append(NumberMatch(_printed(m, text, prefix), start, m.end()))
    return out


def head_number(lines: list[tuple[int, str]]) -> tuple[int, str] | None:
    """(index in `lines`, number) of a single document's own number, printed in its head.

    The head is the first HEAD_LINES source lines and, on a flattened line, its first HEAD_CHARS
    characters; a number there that is not cited is the document's own.
    """
    seen = 0  # characters of the head read so far
    for index, (number, text) in enumerate(lines):
        if number > HEAD_LINES or seen > HEAD_CHARS:
            break
        found = number_alone(text)
        if found:
            return index, found
        for m in embedded_numbers(text[:HEAD_CHARS]):
            return index, m.number
        seen += len(text)
    return None
