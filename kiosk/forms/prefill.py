"""只提交一次材料: fill what the terminal already knows so the resident types only the rest.

Three sources, in order of trust: the ID card just read; e-certificate references the
resident chose to use; and the resident's earlier cases on this terminal — those only
after the resident agreed, which is why they are *offered* first and applied only with
``history_consent``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kiosk.cases import Applicant
from kiosk.catalog.model import Catalog
from kiosk.forms.schema import FormDefinition


@dataclass(frozen=True)
class ECertRef:
    """A reference to an 电子证照 instead of a paper copy; ``fields`` are its data items."""

    material: str
    ref: str
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Prefill:
    values: dict[str, Any]
    sources: dict[str, str]  # field → card | ecert | history
    offered: dict[str, Any] = field(default_factory=dict, repr=False)
    """Values earlier cases could fill, waiting for consent (the UI shows them masked)."""

    def __repr__(self) -> str:
        return f"Prefill(fields={sorted(self.values)}, offered={sorted(self.offered)})"


def _fits(schema: Mapping[str, Any], value: str) -> bool:
    """Whether a card's value is one the field can hold. Any card kind's record fits the
    catalog's bounds (tests/kiosk/test_field_bounds.py); what a field does not offer, such
    as 性别 "未说明" against 男/女, is left for the resident to choose, not filled in wrong."""
    enum = schema.get("enum")
    return len(value) <= schema.get("maxLength", len(value)) and (not enum or value in enum)


def prefill(catalog: Catalog, form: FormDefinition, applicant: Applicant | None,
            history: Sequence[Mapping[str, Any]] = (), history_consent: bool = False,
            ecerts: Sequence[ECertRef] = (), agent: Applicant | None = None) -> Prefill:
    """``history`` is earlier cases' form values, newest first."""
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    offered: dict[str, Any] = {}
    by_material = {e.material: e for e in ecerts}
    for f in form.fields:
        how = catalog.fields[f].prefill or ""
        if how.startswith("card:") and applicant is not None:
            v = getattr(applicant, how.split(":", 1)[1], "")
            if v and _fits(catalog.fields[f].schema, v):
                values[f], sources[f] = v, "card"
        elif how.startswith("ecert:"):
            _, mat, attr = how.split(":")
            ref = by_material.get(mat)
            if ref is not None and ref.fields.get(attr):
                values[f], sources[f] = ref.fields[attr], "ecert"
        elif how == "history":
            v = next((h[f] for h in history if h.get(f) not in (None, "")), None)
            if v is not None:
                if history_consent:
                    values[f], sources[f] = v, "history"
                else:
                    offered[f] = v
    if agent is not None:
        for f, attr in (("proxy_name", "name"), ("proxy_id_number", "id_number")):
            if f in form.fields:
                values[f], sources[f] = getattr(agent, attr), "card"
    return Prefill(values, sources, offered)
