"""Hostile text shapes shared by the linear-time test, the fuzz test and tools/fuzz.py.

Each shape is a long run of one thing a PDF extraction can produce (spaces, brackets, digits,
dashes) between characters that the readers' patterns anchor on (政府, 年, 号, 第, 页...), so a
regex with adjacent or nested unbounded quantifiers would backtrack over the run.
"""

from __future__ import annotations

DOC_LINE = "离政发〔2024〕26号"

# name -> a function of n giving one line of about n characters
SHAPES = {
    "spaces": lambda n: "区" + " " * n + "x",
    "spaces-after-gov": lambda n: "区人民政府" + " " * n + "2024",
    "spaces-after-gazette": lambda n: "政府公报" + " " * n + "(",
    "spaces-in-date": lambda n: "2024" + " " * n + "年" + " " * n + "1",
    "spaces-after-page": lambda n: "第1页" + " " * n + "，" + " " * n + "x",
    "brackets": lambda n: "（" * n + "区财政局" + "）" * (n // 2),
    "square-brackets": lambda n: "〔" * n + "2024" + "〕" * n,
    "digits": lambda n: "1" * n + "年",
    "digits-spaced": lambda n: "1 " * (n // 2) + "号",
    "dashes": lambda n: "—" * n + "1" + "—" * n + "x",
    "enumeration": lambda n: "、".join(["区财政局"] * (n // 5)) + "：",
    "gov-repeated": lambda n: "政府  " * (n // 4),
    "roster-spaces": lambda n: "组长：" + " " * n + "x",  # a roster row's spaces before no list mark
}


def hostile_gazette(shape: str, n: int) -> str:
    """A gazette of one document whose body holds the hostile line, in a few positions."""
    line = SHAPES[shape](n)
    return "\n".join([DOC_LINE, "关于印发某某方案的通知", line, "一、" + line, line + "牵头单位：区财政局", "区人民政府", "2024年3月1日"]) + "\n"
