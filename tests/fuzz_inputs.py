"""Gazette-like fuzz text: the sample's own characters and the hostile shapes, mixed at random.

Shared by the hypothesis test (bounded, fixed seed) and tools/fuzz.py (the long run)."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.hostile import DOC_LINE, SHAPES

PIECES = [DOC_LINE, "区人民政府", "政府公报", "2024年3月1日", "一、", "（一）", "牵头单位：", "责任单位：",
          "区财政局", "、", "：", "。", "组长：", "副组长：", "成员：", "任命", "免去", "同志", "为", "的职务",
          "附件", "第1页", "—12—", "〔", "〕", "（", "）", "号", "年", "月", "日", "\n", " " * 40, "\u3000", "\t",
          "\r\n", "\ufeff", "\x00", "\ud7ff", "[/]", "😄"]
pieces = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20),
                            st.builds(lambda s, n: SHAPES[s](n), st.sampled_from(sorted(SHAPES)), st.integers(0, 400))),
                  max_size=60)
gazettes = pieces.map(lambda ps: DOC_LINE + "\n" + "".join(ps))
