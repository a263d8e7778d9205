"""The id scheme both stores share: a fact's id must not change when its key is computed faster."""

from __future__ import annotations

import hashlib
import json

from govkg.graph.mapping import fact_key
from govkg.loaders.pipeline import extract_paths, sample_gazette
from govkg.ontology.facts import PROVENANCE, DutyFact, MemberFact, PostFact, fact_dict


def reference_key(fact) -> str:
    """The key as every earlier build and load wrote it: the digest of the sorted JSON."""
    data = fact_dict(fact, PROVENANCE, exclude_none=True)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def test_every_fact_of_the_sample_keeps_the_id_earlier_builds_gave_it() -> None:
    facts = extract_paths([sample_gazette()]).facts
    changed = [f for f in facts if fact_key(f) != reference_key(f)]
    assert not changed, f"{len(changed)} of {len(facts)} facts got a new id, e.g. {changed[:1]}"


def test_quotes_backslashes_and_control_characters_are_escaped_as_json_escapes_them() -> None:
    fact = DutyFact(doc='离政办发〔2024〕1号', line=3, body='区"财政"局\\', context='一、\t职责\n', text='负责\u2028预算')
    assert fact_key(fact) == reference_key(fact)


def test_lists_booleans_and_unset_fields_are_written_as_json_writes_them() -> None:
    post = PostFact(doc='离政发〔2024〕31号', line=5, person='任凯旋', body='区医疗保障局', title='局长',
                    event='appoint', probation=False, title_alt=['党组书记', '局长'])
    member = MemberFact(doc='离政办发〔2024〕22号', line=9, group='区防汛抗旱指挥部', member='区水利局',
                        member_type='body', role='成员', collective=True, role_alt=[])
    assert (fact_key(post), fact_key(member)) == (reference_key(post), reference_key(member))


def test_provenance_and_notes_do_not_change_a_facts_id() -> None:
    a = DutyFact(doc='离政办发〔2024〕1号', line=3, body='区财政局', context='职责', text='负责预算')
    b = DutyFact(doc='离政办发〔2024〕1号', line=40, page=2, ocr=True, note='跨页', body='区财政局', context='职责', text='负责预算')
    assert fact_key(a) == fact_key(b)
