"""The service catalog as typed records: what a 办事指南 says, read-only once loaded.

Items point into three shared libraries (fields, materials, questions) by id. That is what
lets a 一件事 bundle ask a shared field or collect a shared material once: sameness is
identity of the id, not a fuzzy match of labels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.i18n import QT_TRANSLATE_NOOP, arg

Rule = Mapping[str, Any]
"""A 情形 condition as data; see kiosk.guide.rules for the language."""


class Necessity(StrEnum):
    REQUIRED = "required"
    OPTIONAL = "optional"
    CONDITIONAL = "conditional"


class SelfService(StrEnum):
    FULL = "full"  # finished on the terminal (全程自助)
    SUBMIT = "submit"  # filed here, decided after review or 公示
    COUNTER = "counter"  # needs a counter, seals or field work


SELF_SERVICE_WORDS = {
    SelfService.FULL: "可在本终端全程自助办理",
    SelfService.SUBMIT: "可在本终端提交，审核后办结",
    SelfService.COUNTER: "本终端可预填和打印，需到窗口办理",
}


@dataclass(frozen=True)
class FieldDef:
    id: str
    label: str
    schema: Mapping[str, Any]
    widget: str
    help: str = ""
    check: str | None = None  # a named validator in kiosk.forms.validators
    prefill: str | None = None  # card:<attr> | history | ecert:<material>:<attr>
    personal: bool = False


@dataclass(frozen=True)
class MaterialDef:
    id: str
    name: str
    medium: tuple[str, ...]
    ecert: bool = False
    photo_spec: str = ""
    sample: str = ""
    note: str = ""


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: str  # yesno | choice | number
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    help: str = ""
    show_if: Rule | None = None


@dataclass(frozen=True)
class ItemMaterial:
    """One material as a particular item asks for it (counts and rules differ per item)."""

    ref: str
    necessity: Necessity
    originals: int
    copies: int
    source: tuple[str, ...]
    when: Rule | None = None
    check_points: str = ""
    copy_retained: bool = False
    deferrable: bool = False
    defer_days: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Condition:
    text: str
    when: Rule | None = None


@dataclass(frozen=True)
class Step:
    actor: str
    text: str
    publicity_days: int | None = None


@dataclass(frozen=True)
class Stage:
    actor: str
    days: int


@dataclass(frozen=True)
class TimeLimit:
    promised: int | None  # 0 = 即时办结, None = not published
    unit: str  # workday | calendar_day
    statutory: int | None = None
    excludes: tuple[str, ...] = ()
    extension_to: int | None = None
    extension_when: str = ""
    stages: tuple[Stage, ...] = ()
    note: str = ""

    @property
    def words(self) -> str:
        if self.promised is None:
            return QT_TRANSLATE_NOOP("kiosk", "以当地公布为准")
        if self.promised == 0:
            return QT_TRANSLATE_NOOP("kiosk", "即时办结")
        if self.unit == "workday":
            return arg(QT_TRANSLATE_NOOP("kiosk", "%1个工作日"), self.promised)
        return arg(QT_TRANSLATE_NOOP("kiosk", "%1日"), self.promised)


@dataclass(frozen=True)
class Charge:
    name: str
    when: str
    amount: str = ""


@dataclass(frozen=True)
class Fee:
    free: bool
    text: str = ""
    charges: tuple[Charge, ...] = ()


@dataclass(frozen=True)
class Commitment:
    """A 告知承诺 option: signed text that stands in for the materials it replaces."""

    id: str
    title: str
    text: str
    replaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormSpec:
    fields: tuple[str, ...]
    required: tuple[str, ...]


SUBJECT_KEYS = ("name", "id_number", "sex", "birth_date", "nation_code")
"""What a case's subject record holds (kiosk.cases.Subject); ``name`` is always mapped."""


@dataclass(frozen=True)
class SubjectMap:
    """Who an item or a bundle item is about when it is not the applicant (新生儿出生一件事:
    the parent applies, the newborn is registered and insured), and which form fields say
    so: ``fields`` maps a subject key (SUBJECT_KEYS) to a field id the item's form (for an
    item) or the bundle's union form (for a bundle item) asks."""

    label: str
    fields: Mapping[str, str]


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    task_type: str
    department: str
    accepting_body: str
    deciding_body: str
    levels: tuple[str, ...]
    legal_basis: tuple[str, ...]
    conditions: tuple[Condition, ...]
    materials: tuple[ItemMaterial, ...]
    steps: tuple[Step, ...]
    time_limit: TimeLimit
    fee: Fee
    self_service: SelfService
    plain_summary: str
    hotlines: tuple[str, ...]
    form: FormSpec
    sources: tuple[str, ...]
    basic_code: str | None = None
    implementation_code: str | None = None
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    tongban: str = ""
    commitment_options: tuple[Commitment, ...] = ()
    questions: tuple[str, ...] = ()
    reminders: tuple[str, ...] = ()
    subject: SubjectMap | None = None  # who the item is about when not the applicant

    @property
    def is_local_code(self) -> bool:
        """True while the item only has this terminal's LOCAL- code, no verified 基本编码."""
        return self.basic_code is None

    def material(self, ref: str) -> ItemMaterial | None:
        return next((m for m in self.materials if m.ref == ref), None)


@dataclass(frozen=True)
class BundleItem:
    code: str
    when: Rule | None = None
    produces: tuple[str, ...] = ()
    consumes: tuple[str, ...] = ()
    subject: SubjectMap | None = None


@dataclass(frozen=True)
class Bundle:
    code: str
    name: str
    plain_summary: str
    items: tuple[BundleItem, ...]
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    version: str
    published: str
    region_scope: str
    code_scheme: str
    fields: Mapping[str, FieldDef]
    materials: Mapping[str, MaterialDef]
    questions: Mapping[str, Question]
    items: tuple[Item, ...]
    bundles: tuple[Bundle, ...]
    source_file: str = ""
    _by_code: dict[str, Item | Bundle] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_code.update({i.code: i for i in self.items})
        self._by_code.update({b.code: b for b in self.bundles})

    def item(self, code: str) -> Item:
        found = self._by_code.get(code)
        if not isinstance(found, Item):
            raise KeyError(code)
        return found

    def bundle(self, code: str) -> Bundle:
        found = self._by_code.get(code)
        if not isinstance(found, Bundle):
            raise KeyError(code)
        return found

    def get(self, code: str) -> Item | Bundle | None:
        return self._by_code.get(code)

    def find_item(self, code_or_name: str) -> Item | None:
        """By code, then by exact name or alias — older cases and files name items by text."""
        found = self._by_code.get(code_or_name)
        if isinstance(found, Item):
            return found
        for it in self.items:
            if code_or_name == it.name or code_or_name in it.aliases:
                return it
        return None
