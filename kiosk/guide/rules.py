"""The 情形 rule language: small, closed, and evaluated without ``eval``.

A rule is JSON: ``{"q": ID, "eq": V}``, ``{"q": ID, "in": [V, ...]}``, ``{"q": ID, "gte": N}``,
``{"q": ID, "lt": N}``, ``{"all": [...]}``, ``{"any": [...]}``, ``{"not": R}``.

Evaluation is three-valued (Kleene): a question nobody answered yet gives ``None``
(unknown), so a checklist printed before the questionnaire is finished can say
"视情形提供" instead of silently dropping or demanding a material.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Answers = Mapping[str, Any]
Truth = bool | None

MAX_DEPTH = 16


class RuleError(ValueError):
    """A rule is not in the language (caught at catalog load, never in front of a resident)."""


def evaluate(rule: Mapping[str, Any], answers: Answers) -> Truth:
    """True, False, or None when the answer that decides it is missing."""
    return _eval(rule, answers, 0)


def _eval(rule: Mapping[str, Any], answers: Answers, depth: int) -> Truth:
    if depth > MAX_DEPTH:
        raise RuleError(f"rule nested deeper than {MAX_DEPTH}")
    if not isinstance(rule, Mapping):
        raise RuleError(f"rule must be an object, got {type(rule).__name__}")
    if "all" in rule:
        results = [_eval(r, answers, depth + 1) for r in _list(rule, "all")]
        if any(r is False for r in results):
            return False
        return None if any(r is None for r in results) else True
    if "any" in rule:
        results = [_eval(r, answers, depth + 1) for r in _list(rule, "any")]
        if any(r is True for r in results):
            return True
        return None if any(r is None for r in results) else False
    if "not" in rule:
        inner = _eval(rule["not"], answers, depth + 1)
        return None if inner is None else not inner
    q = rule.get("q")
    if not isinstance(q, str):
        raise RuleError(f"rule has no operator: {sorted(rule)}")
    value = answers.get(q)
    if value is None:
        return None
    if "eq" in rule:
        return bool(value == rule["eq"] and type(value) is type(rule["eq"]))
    if "in" in rule:
        return value in _list(rule, "in")
    if "gte" in rule or "lt" in rule:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return bool(value >= rule["gte"] if "gte" in rule else value < rule["lt"])
    raise RuleError(f"question rule needs eq, in, gte or lt: {sorted(rule)}")


def _list(rule: Mapping[str, Any], key: str) -> list[Any]:
    value = rule[key]
    if not isinstance(value, list) or not value:
        raise RuleError(f"'{key}' needs a non-empty list")
    return value


def referenced_questions(rule: Mapping[str, Any]) -> set[str]:
    out: set[str] = set()
    for key in ("all", "any"):
        for r in rule.get(key, []):
            out |= referenced_questions(r)
    if "not" in rule:
        out |= referenced_questions(rule["not"])
    if isinstance(rule.get("q"), str):
        out.add(rule["q"])
    return out


def rule_problems(rule: Mapping[str, Any], questions: Mapping[str, Any],
                  allowed: set[str] | None, path: str) -> list[tuple[str, str]]:
    """(json path, reason) for every reference the catalog cannot satisfy.

    ``questions`` maps id → an object with ``kind`` and ``options`` (catalog Question or
    its raw dict); ``allowed`` limits which questions the owner (item/bundle) asks.
    """
    out: list[tuple[str, str]] = []
    for key in ("all", "any"):
        for i, r in enumerate(rule.get(key, [])):
            out += rule_problems(r, questions, allowed, f"{path}.{key}[{i}]")
    if "not" in rule:
        out += rule_problems(rule["not"], questions, allowed, f"{path}.not")
    q = rule.get("q")
    if not isinstance(q, str):
        return out
    if q not in questions:
        return [*out, (f"{path}.q", f"unknown question '{q}'")]
    if allowed is not None and q not in allowed:
        out.append((f"{path}.q", f"question '{q}' is not in this entry's questions list"))
    question = questions[q]
    kind = _attr(question, "kind")
    values = {_attr(o, "value") for o in (_attr(question, "options") or ())}
    if "eq" in rule:
        v = rule["eq"]
        if kind == "yesno" and not isinstance(v, bool):
            out.append((f"{path}.eq", f"question '{q}' is yes/no, compare with true or false"))
        elif kind == "choice" and v not in values:
            out.append((f"{path}.eq", f"'{v}' is not an option of question '{q}'"))
        elif kind == "number" and (isinstance(v, bool) or not isinstance(v, int)):
            out.append((f"{path}.eq", f"question '{q}' is a number"))
    if "in" in rule and kind == "choice":
        out += [(f"{path}.in[{i}]", f"'{v}' is not an option of question '{q}'")
                for i, v in enumerate(rule["in"]) if v not in values]
    if ("gte" in rule or "lt" in rule) and kind != "number":
        out.append((path, f"question '{q}' is not a number; gte/lt need a number question"))
    return out


def _attr(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)
