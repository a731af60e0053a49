"""智能导办: the rule language (three-valued, no eval) and the tailored checklist."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.guide.checklist import AnswerError, build_checklist, checklist_lines
from kiosk.guide.rules import RuleError, evaluate, referenced_questions, rule_problems
from tests.kiosk.svc import catalog


def test_comparisons() -> None:
    a = {"proxy": True, "age": 80, "grade": "g2"}
    assert evaluate({"q": "proxy", "eq": True}, a) is True
    assert evaluate({"q": "age", "gte": 80}, a) is True
    assert evaluate({"q": "age", "lt": 80}, a) is False
    assert evaluate({"q": "grade", "in": ["g1", "g2"]}, a) is True
    assert evaluate({"q": "grade", "eq": "g1"}, a) is False


def test_true_is_not_one_and_strings_are_not_numbers() -> None:
    assert evaluate({"q": "x", "eq": 1}, {"x": True}) is False
    assert evaluate({"q": "x", "gte": 1}, {"x": "5"}) is False
    assert evaluate({"q": "x", "gte": 1}, {"x": True}) is False


def test_unanswered_question_is_unknown_and_kleene_logic_applies() -> None:
    unknown = {"q": "missing", "eq": True}
    yes, no = {"q": "a", "eq": True}, {"q": "a", "eq": False}
    ans = {"a": True}
    assert evaluate(unknown, ans) is None
    assert evaluate({"all": [yes, unknown]}, ans) is None
    assert evaluate({"all": [no, unknown]}, ans) is False
    assert evaluate({"any": [yes, unknown]}, ans) is True
    assert evaluate({"any": [no, unknown]}, ans) is None
    assert evaluate({"not": unknown}, ans) is None


@pytest.mark.parametrize("rule", [
    {"q": "a"}, {"all": []}, {"any": "x"}, {"frob": 1}, {"q": "a", "in": []},
])
def test_malformed_rules_raise_rule_error(rule: dict[str, Any]) -> None:
    with pytest.raises(RuleError):
        evaluate(rule, {"a": 1})


def test_rules_nested_too_deep_are_refused() -> None:
    rule: dict[str, Any] = {"q": "a", "eq": True}
    for _ in range(40):
        rule = {"not": rule}
    with pytest.raises(RuleError, match="deeper"):
        evaluate(rule, {"a": True})


_leaf = st.one_of(
    st.builds(lambda q, v: {"q": q, "eq": v}, st.sampled_from("abc"), st.booleans()),
    st.builds(lambda q, n: {"q": q, "gte": n}, st.sampled_from("abc"), st.integers(0, 3)))
_rules = st.recursive(_leaf, lambda r: st.one_of(
    st.builds(lambda xs: {"all": xs}, st.lists(r, min_size=1, max_size=3)),
    st.builds(lambda xs: {"any": xs}, st.lists(r, min_size=1, max_size=3)),
    st.builds(lambda x: {"not": x}, r)), max_leaves=8)
_answers = st.dictionaries(st.sampled_from("abc"), st.booleans() | st.integers(0, 3))


@settings(max_examples=300, deadline=None)
@given(_rules, _rules, _answers)
def test_de_morgan_and_double_negation_hold_in_three_valued_logic(
        r: dict[str, Any], s: dict[str, Any], a: dict[str, Any]) -> None:
    assert evaluate({"not": {"all": [r, s]}}, a) == \
        evaluate({"any": [{"not": r}, {"not": s}]}, a)
    assert evaluate({"not": {"not": r}}, a) == evaluate(r, a)


@settings(max_examples=200, deadline=None)
@given(_rules, st.dictionaries(st.sampled_from("abc"), st.booleans()))
def test_answering_more_questions_never_flips_a_known_result(r: dict[str, Any],
                                                             a: dict[str, Any]) -> None:
    known = evaluate(r, a)
    full = {q: a.get(q, True) for q in referenced_questions(r)}
    assert evaluate(r, full) is not None
    if known is not None:
        assert evaluate(r, full) == known


def test_rule_checker_reports_type_mismatches() -> None:
    qs = catalog().questions
    assert rule_problems({"q": "proxy", "eq": "yes"}, qs, None, "$.r") == [
        ("$.r.eq", "question 'proxy' is yes/no, compare with true or false")]
    assert rule_problems({"q": "proxy", "gte": 3}, qs, None, "$.r")
    assert rule_problems({"q": "age", "gte": 80}, qs, {"proxy"}, "$.r") == [
        ("$.r.q", "question 'age' is not in this entry's questions list")]


def refs(code: str, answers: dict[str, Any]) -> dict[str, str]:
    return {e.ref: e.necessity for e in build_checklist(catalog(), code, answers).entries}


def test_proxy_answer_adds_the_agent_materials_only_when_yes() -> None:
    assert "proxy_id" not in refs("LOCAL-MZ-0001", {"proxy": False})
    assert refs("LOCAL-MZ-0001", {"proxy": True})["proxy_id"] == "必须提供"
    assert refs("LOCAL-MZ-0001", {})["proxy_id"] == "视情形提供"


def test_commitment_route_drops_the_income_statement_for_dibao() -> None:
    assert "income_statement" in refs("LOCAL-MZ-0004", {"use_commitment": False})
    assert "income_statement" not in refs("LOCAL-MZ-0004", {"use_commitment": True})


def test_bundle_answers_select_items_and_merge_materials_once() -> None:
    cl = build_checklist(catalog(), "LOCAL-YJS-0003", {
        "has_disability_cert": True, "disability_grade": "g1", "is_dibao": True,
        "disability_kind": "physical",
        "wants_job": False, "proxy": False, "college": False})
    assert [i.name for i in cl.items] == ["困难残疾人生活补贴申请", "重度残疾人护理补贴申请"]
    assert not cl.undecided and not cl.pending
    assert [e.ref for e in cl.entries].count("disability_cert") == 1
    cert = next(e for e in cl.entries if e.ref == "disability_cert")
    assert set(cert.for_items) == {"困难残疾人生活补贴申请", "重度残疾人护理补贴申请"}


def test_unanswered_bundle_question_leaves_its_item_undecided_and_asks() -> None:
    cl = build_checklist(catalog(), "LOCAL-YJS-0002", {})
    # age is derived from the card in a real visit; unanswered here, so 高龄津贴 is open.
    assert [i.name for i in cl.undecided] == ["高龄津贴申领"]
    assert next(q.id for q in cl.pending) == "age"


def test_follow_up_question_appears_only_after_its_trigger() -> None:
    pending = lambda a: [q.id for q in build_checklist(catalog(), "LOCAL-YJS-0003", a).pending]  # noqa: E731
    assert "disability_grade" not in pending({})
    assert "disability_grade" in pending({"has_disability_cert": True})


@pytest.mark.parametrize("answers,word", [
    ({"proxy": "yes"}, "true or false"), ({"card_reason": "stolen"}, "lost, damaged"),
    ({"age": 200}, "from 0 to 130"), ({"nope": 1}, "no such question"),
])
def test_bad_answers_file_is_refused_naming_the_question(answers: dict[str, Any],
                                                         word: str) -> None:
    with pytest.raises(AnswerError, match=word):
        build_checklist(catalog(), "LOCAL-RS-0003", answers)


def test_printable_checklist_lists_counts_deferral_and_hotline() -> None:
    lines = checklist_lines(build_checklist(catalog(), "LOCAL-MZ-0001", {"proxy": False}),
                            catalog())
    text = "\n".join(lines)
    assert lines[0] == "高龄津贴申领 — 材料清单"
    assert "本人银行卡或存折（必须提供，复印件1份）" in text
    assert "10个工作日内补交（容缺受理）" in text
    assert "咨询电话：12345" in text
