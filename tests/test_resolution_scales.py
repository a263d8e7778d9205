"""Name resolution costs the same per name whether the corpus holds 4 places or 16.

A corpus of many places (a county's gazettes next to its neighbours') multiplies the printed
spellings, the prefix folds (one per issuing place) and the mentions a short name may abbreviate
(a city's branch bureaus, one per district). Work is counted in function calls, not time: the
calls per resolved spelling may grow by at most a quarter when the places grow fourfold (linear in
names: flat; a scan of every place per name grows with them: 1.4x here before folds were looked up).
"""

from __future__ import annotations

import json
import sys

import pytest

from govkg.loaders.pipeline import extract_raw, sample_gazette
from govkg.loaders.resolve import NameCensus, Resolution

DISTRICTS = ["东城", "西山", "南湖", "北塔", "青岩", "红泉", "白屏", "金川", "银海", "玉林", "翠溪", "云江",
             "龙岭", "凤峰", "麒原", "梅阳"]


@pytest.fixture(scope="module")
def sample_census() -> dict:
    return NameCensus.of(extract_raw([sample_gazette()]).raw).to_json()  # as read: before resolution


def corpus_of(census: dict, places: int) -> NameCensus:
    """The sample's census as if `places` districts had each printed the sample (names renamed)."""
    merged = NameCensus()
    for district in DISTRICTS[:places]:
        renamed = NameCensus.from_json(json.loads(json.dumps(census, ensure_ascii=False).replace("离石", district)))
        for name, n in renamed.mentions.items():
            merged.mentions[name] = merged.mentions.get(name, 0) + n
        for vote, n in renamed.votes.items():
            merged.votes[vote] = merged.votes.get(vote, 0) + n
        merged.groups.update(renamed.groups)
        merged.mapped.update(renamed.mapped)
    return merged


def calls_per_spelling(census: NameCensus) -> float:
    count = 0

    def tally(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event in ("call", "c_call"):
            count += 1
    resolution = Resolution(census)
    sys.setprofile(tally)
    try:
        for spelling in census.mapped:
            resolution.body(spelling)
    finally:
        sys.setprofile(None)
    return count / len(census.mapped)


def test_resolving_a_name_costs_no_more_among_16_places_than_among_4(sample_census: dict):
    few, many = corpus_of(sample_census, 4), corpus_of(sample_census, 16)
    assert len(many.mapped) > 2 * len(few.mapped), "the larger corpus should print more spellings"
    small, large = calls_per_spelling(few), calls_per_spelling(many)
    assert large <= 1.25 * small, f"calls per spelling grew {large / small:.2f}x with 4x the places ({small:.0f} -> {large:.0f})"
