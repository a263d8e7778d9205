"""Name resolution: abbreviations, typos and prefixes as the sample gazette prints them."""

from __future__ import annotations

from collections import Counter

import pytest

from govkg.loaders.resolve import Resolver

# Full names as the gazette prints them somewhere (appointments, rosters).
KNOWN = Counter(["区工信和科技局", "区发展和改革局", "区住房和城乡建设局", "区交通运输局", "区城乡环境卫生服务中心",
                 "市生态环境局离石分局", "市公安局离石分局", "区人民政府", "区政府办公室", "区委宣传部",
                 "莲花池街道办事处", "区教育体育局", "区教育体育事业发展中心", "区林业局", "区文化和旅游局",
                 "区文化旅游投资集团有限公司"])
FOLDS = [("吕梁市离石区", "区"), ("离石区", "区"), ("吕梁市", "市")]


@pytest.fixture()
def resolver() -> Resolver:
    return Resolver(KNOWN, FOLDS)


@pytest.mark.parametrize("printed, canonical", [
    ("区工科局", "区工信和科技局"),            # abbreviation
    ("区发改局", "区发展和改革局"),
    ("住建局", "区住房和城乡建设局"),          # abbreviation printed without the level prefix
    ("区环卫中心", "区城乡环境卫生服务中心"),
    ("市生态环境离石分局", "市生态环境局离石分局"),  # typo: a dropped character
    ("市公安局离石局", "市公安局离石分局"),
    ("区政府", "区人民政府"),                  # shape rule from ontology/aliases.json
    ("区政府办", "区政府办公室"),
    ("吕梁市离石区人民政府办公室", "区政府办公室"),  # locality prefix folded
    ("离石区莲花池街道办", "莲花池街道办事处"),      # streets are named without the district prefix
    ("宣传部", "区委宣传部"),                  # a party department belongs to the party committee
    ("区教体局", "区教育体育局"),
    ("区文旅局", "区文化和旅游局"),
    ("区工科局（商务局）", "区工信和科技局"),     # a second name in brackets
])
def test_printed_name_resolves_to_the_fullest_form(resolver: Resolver, printed: str, canonical: str) -> None:
    assert resolver.canonical(printed) == canonical, f"{printed} should resolve to {canonical}"


def test_government_is_not_merged_into_its_office(resolver: Resolver) -> None:
    assert resolver.canonical("区政府") != resolver.canonical("区政府办"), "区政府 and 区政府办 are different bodies"


def test_collective_phrase_is_kept_as_printed(resolver: Resolver) -> None:
    assert resolver.canonical("各乡（镇）人民政府、街道办事处") == "各乡（镇）人民政府、街道办事处"


def test_county_bodies_resolve_the_same_way() -> None:
    county = Resolver(Counter(["县发展和改革局", "县住房和城乡建设局"]), [("某某县", "县")])
    assert county.canonical("县发改局") == "县发展和改革局"
    assert county.canonical("住建局") == "县住房和城乡建设局", "a prefixless name takes the corpus's own level"


def test_a_city_company_keeps_its_registered_name() -> None:
    resolver = Resolver(Counter(["太原市热力集团有限责任公司"]), [("太原市杏花岭区", "区"), ("杏花岭区", "区"), ("太原市", "市")])
    assert resolver.canonical("太原市热力集团有限责任公司") == "太原市热力集团有限责任公司"
    assert resolver.canonical("太原市公安局杏花岭分局") == "市公安局杏花岭分局", "city bodies fold to 市 as 市委 does"


def _first_fold_by_scan(folds: list[tuple[str, str]], name: str) -> tuple[str, str] | None:
    """The definition: the first fold, longest prefix first, that opens the name and is not all of it."""
    return next(((s, d) for s, d in sorted(folds, key=lambda f: -len(f[0])) if name.startswith(s) and len(name) > len(s)), None)


def test_a_names_fold_is_the_first_longest_prefix_among_many_places() -> None:
    """Folds are looked up by prefix (one per place: a scan of them all per name made resolution
    grow with places times names); the lookup must pick the fold the scan picks, ties included."""
    districts = ["离石区", "东城区", "西山区", "离石", "东城"]
    folds = [(f"吕梁市{d}", "区") for d in districts] + [(d, "区") for d in districts] + [("吕梁市", "市"), ("离石区", "县")]
    resolver = Resolver(Counter(), folds)
    names = [f"{p}{rest}" for p in ["", "吕梁市", *districts, *(f"吕梁市{d}" for d in districts)]
             for rest in ["", "区", "财政局", "区财政局", "人民政府"]]
    for name in names:
        assert resolver._fold_rule(name) == _first_fold_by_scan(folds, name), f"{name}: not the fold a scan finds"


class _ScanningResolver(Resolver):
    """The definition: every mention of the bucket is tried."""

    def _candidates(self, key: tuple[str, str], rest: str) -> list[tuple[str, str]]:
        return self._buckets.get(key, [])


def test_a_bucket_that_grows_with_places_is_searched_by_its_characters_with_the_scans_answers() -> None:
    """A city's branch bureaus, one per district (市公安局东城分局 ...), fill one bucket; an
    abbreviation is looked up through the bucket's character index, and must resolve as a scan does."""
    districts = ["离石", "东城", "西山", "南湖", "北塔", "青岩", "红泉", "白屏", "金川", "银海", "玉林", "翠溪"]
    mentions = Counter(f"市{b}{d}分局" for d in districts for b in ("公安局", "生态环境局", "自然资源局"))
    mentions.update({"市公安局": 3, "市财政局": 2})
    indexed, scanning = Resolver(mentions, FOLDS), _ScanningResolver(mentions, FOLDS)
    assert len(indexed._buckets[("局", "市")]) >= 32, "the test needs a bucket large enough to be indexed"
    for short in [f"市{b}{d}局" for d in districts for b in ("公安局", "生态环境", "自然资源")] + ["市公安", "市财政", "市东城局", "市局"]:
        assert indexed.canonical(short) == scanning.canonical(short), f"{short}: the index found another fuller name than the scan"
    assert indexed.canonical("市公安局东城局") == "市公安局东城分局", "an abbreviation should still find its one fuller name"


def test_a_facts_identity_is_its_fields_in_name_order_without_provenance() -> None:
    """_identity reads each model's field names sorted once: the same tuple as sorting every fact's
    own fields, on every fact of the sample (as read and resolved)."""
    from govkg.loaders.pipeline import extract_paths, sample_gazette
    from govkg.loaders.resolve import _identity
    from govkg.ontology.facts import PROVENANCE, fact_dict
    run = extract_paths([sample_gazette()])
    for fact in run.raw + run.facts:
        want = tuple((name, tuple(value) if isinstance(value, list) else value)
                     for name, value in sorted(fact_dict(fact).items()) if name not in PROVENANCE)
        assert _identity(fact) == want, f"expected the identity of {fact} to be {want}"


def test_a_group_is_found_by_place_as_the_printed_groups_were_tried_one_by_one() -> None:
    """The same folded group name in several districts, a city and no place: the lookup by place
    must give what trying every printed group in print order gave (the last whose place is the
    asking name's, ends with it, is its tail, or is none)."""
    from govkg.loaders.resolve import _GroupPlaces
    printed = {"吕梁市东城区防汛专班": "吕梁市东城区", "离石区防汛专班": "离石区", "防汛专班": "",
               "吕梁市离石区防汛专班": "吕梁市离石区", "吕梁市防汛专班": "吕梁市", "西山区防汛专班": "西山区"}

    def tried_one_by_one(place: str) -> str | None:
        same = [g for g, where in printed.items()
                if not place or not where or where.endswith(place) or place.endswith(where)]
        return same[-1] if same else None

    groups = _GroupPlaces(printed)
    for place in ("", "东城区", "吕梁市东城区", "离石区", "吕梁市离石区", "吕梁市", "西山区", "太原市西山区", "北山区", "区"):
        assert groups.last_of(place) == tried_one_by_one(place), f"the group for place {place!r}"
    without_placeless = _GroupPlaces({g: w for g, w in printed.items() if w})
    assert without_placeless.last_of("北山区") is None, "a place no printed group is in should find none"
