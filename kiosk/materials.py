"""What happened to each material of a case: handed in, replaced, or owed (容缺).

``material_choice`` is the materials screen's rule: the ways the catalog allows for one
material (already known → 已核验; 亮证扫码; 拍照; 容缺 with its date; 告知承诺), and the
"please bring …" end when none applies.

A material is never silently dropped: if the resident did not photograph it and no other
route covers it, it is either owed by a deadline (容缺, only where the item allows it),
replaced by a signed 告知承诺, or marked to be shown at the counter — and the receipt says
which.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk.i18n import QT_TRANSLATE_NOOP, arg

if TYPE_CHECKING:
    from kiosk.catalog.model import Commitment, ItemMaterial, MaterialDef
    from kiosk.workdays import DueDate


class MaterialStatus(StrEnum):
    PHOTOGRAPHED = "photographed"
    CARD = "card"  # verified by reading the ID card on the terminal
    ECERT = "ecert"  # an 电子证照 reference instead of paper
    SHARED = "shared"  # checked through 数据共享, nothing to hand in
    TERMINAL = "terminal"  # the application form the terminal generates
    DEFERRED = "deferred"  # 容缺: accepted now, to be supplied by ``due``
    COMMITMENT = "commitment"  # replaced by a signed 告知承诺
    ON_SITE = "on_site"  # original to be shown at the counter / to the village helper


STATUS_WORDS = {
    MaterialStatus.PHOTOGRAPHED: "已拍照上传",
    MaterialStatus.CARD: "已读卡核验",
    MaterialStatus.ECERT: "已调用电子证照",
    MaterialStatus.SHARED: "数据共享核验，免提交",
    MaterialStatus.TERMINAL: "终端已生成",
    MaterialStatus.DEFERRED: "容缺后补",
    MaterialStatus.COMMITMENT: "以告知承诺代替",
    MaterialStatus.ON_SITE: "请携带原件到窗口核验",
}

HANDED_IN = frozenset({MaterialStatus.PHOTOGRAPHED, MaterialStatus.CARD, MaterialStatus.ECERT,
                       MaterialStatus.SHARED, MaterialStatus.TERMINAL,
                       MaterialStatus.COMMITMENT})


@dataclass(frozen=True)
class MaterialDecl:
    """What the resident did about one material at the terminal (before any item rules)."""

    status: MaterialStatus
    attachment_ids: tuple[str, ...] = ()
    ecert_ref: str = ""


@dataclass(frozen=True)
class MaterialRecord:
    """One material as one item's submission carries it."""

    ref: str
    name: str
    status: MaterialStatus
    attachment_ids: tuple[str, ...] = ()
    ecert_ref: str = ""
    due: str | None = None  # ISO date a 容缺 material must be supplied by
    due_estimated: bool = False

    def to_json(self) -> dict[str, object]:
        return {"ref": self.ref, "name": self.name, "status": self.status.value,
                "attachment_ids": list(self.attachment_ids), "ecert_ref": self.ecert_ref,
                "due": self.due, "due_estimated": self.due_estimated}

    @classmethod
    def from_json(cls, d: dict[str, object]) -> MaterialRecord:
        ids = d.get("attachment_ids") or []
        assert isinstance(ids, list)
        due = d.get("due")
        return cls(ref=str(d["ref"]), name=str(d["name"]), status=MaterialStatus(str(d["status"])),
                   attachment_ids=tuple(str(i) for i in ids), ecert_ref=str(d.get("ecert_ref", "")),
                   due=None if due is None else str(due),
                   due_estimated=bool(d.get("due_estimated", False)))


# The materials step: which ways the catalog allows for one material ---------------------


class Way(StrEnum):
    """How the resident may cover a material on the materials screen."""

    ECERT = "ecert"  # 亮证扫码: the e-certificate's QR on their phone
    PHOTO = "photo"  # 高拍仪: photograph the paper
    DEFER = "defer"  # 容缺: bring it later, by a stated date
    COMMITMENT = "commitment"  # 告知承诺: sign instead of providing it


WAY_STATUS = {Way.ECERT: MaterialStatus.ECERT, Way.PHOTO: MaterialStatus.PHOTOGRAPHED,
              Way.DEFER: MaterialStatus.DEFERRED, Way.COMMITMENT: MaterialStatus.COMMITMENT}
KNOWN_SOURCES = ("card", "data_sharing", "terminal")  # nothing for the resident to do
_KNOWN_WORDS = {"card": STATUS_WORDS[MaterialStatus.CARD],
                "data_sharing": STATUS_WORDS[MaterialStatus.SHARED],
                "terminal": STATUS_WORDS[MaterialStatus.TERMINAL]}
_KNOWN_STATUS = {"card": MaterialStatus.CARD, "data_sharing": MaterialStatus.SHARED,
                 "terminal": MaterialStatus.TERMINAL}


@dataclass(frozen=True)
class WayOption:
    way: Way
    label: str  # the button: 亮证扫码 / 拍照上传 / 容缺后补 / 签告知承诺
    detail: str  # one plain sentence under it (the deadline in words, the commitment's title)
    due: str | None = None  # ISO date for 容缺 (what the receipt prints)
    due_estimated: bool = False
    commitment_id: str = ""


@dataclass(frozen=True)
class MaterialChoice:
    """One material on the materials screen."""

    ref: str
    name: str
    why: str  # the catalog's note for this item ("" when none)
    counts: str  # 原件1份 / 复印件1份 / 原件1份、复印件1份
    known: MaterialStatus | None  # 已核验 already (card / data sharing / terminal): nothing to do
    known_words: str
    options: tuple[WayOption, ...]  # empty when known
    bring: str  # what to say when the resident has none of the options ("请带上…")
    can_finish_without: bool  # True when 容缺 or 告知承诺 lets the visit go on without it

    @property
    def needs_action(self) -> bool:
        return self.known is None


def counts_words(originals: int, copies: int) -> str:
    parts = [arg(QT_TRANSLATE_NOOP("kiosk", "原件%1份"), originals)] if originals else []
    parts += [arg(QT_TRANSLATE_NOOP("kiosk", "复印件%1份"), copies)] if copies else []
    return "、".join(parts) or QT_TRANSLATE_NOOP("kiosk", "1份")


def bring_words(name: str, originals: int, copies: int) -> str:
    return arg(QT_TRANSLATE_NOOP("kiosk", "请带上%1（%2）到便民服务中心窗口办理，"
                                          "可以打印材料清单带走"),
               name, counts_words(originals, copies))


def material_choice(m: ItemMaterial, d: MaterialDef, commitments: Sequence[Commitment] = (),
                    *, known_sources: Collection[str] = KNOWN_SOURCES, camera: bool = True,
                    due: DueDate | None = None) -> MaterialChoice:
    """The ways the catalog allows for material ``m`` of an item (``source``, 容缺,
    告知承诺), given what this visit already knows (``known_sources``: "card" once the
    card was read, "data_sharing" where the county shares the data) and whether the camera
    works (``camera``: False after MISSING/UNPLUGGED, so photo and QR are not offered).
    ``due`` is the 容缺 date (``workdays.add_days(cal, today, m.defer_days)``), computed by
    the caller who holds the calendar."""
    bring = bring_words(d.name, m.originals, m.copies)
    base = dict(ref=m.ref, name=d.name, why=m.note or d.note,
                counts=counts_words(m.originals, m.copies), bring=bring)
    for src in KNOWN_SOURCES:
        if src in m.source and src in known_sources:
            return MaterialChoice(**base, known=_KNOWN_STATUS[src], known_words=_KNOWN_WORDS[src],
                                  options=(), can_finish_without=True)
    options: list[WayOption] = []
    if camera and "ecert" in m.source and d.ecert:
        options.append(WayOption(Way.ECERT, QT_TRANSLATE_NOOP("kiosk", "亮证扫码"),
                                 QT_TRANSLATE_NOOP("kiosk", "在手机上打开电子证照，"
                                                            "把“亮证”二维码对准镜头")))
    if camera and "camera" in m.source:
        options.append(WayOption(Way.PHOTO, QT_TRANSLATE_NOOP("kiosk", "拍照上传"),
                                 QT_TRANSLATE_NOOP("kiosk", "把材料平放在高拍仪下面，会自动拍照")))
    if m.deferrable and m.defer_days:
        later = arg(QT_TRANSLATE_NOOP("kiosk", "现在没有也可以先办，%1个工作日内（%2前）补交"),
                    m.defer_days, due.words) if due is not None else arg(
            QT_TRANSLATE_NOOP("kiosk", "现在没有也可以先办，%1个工作日内补交"), m.defer_days)
        options.append(WayOption(Way.DEFER, QT_TRANSLATE_NOOP("kiosk", "容缺后补"), later,
                                 None if due is None else due.date.isoformat(),
                                 False if due is None else due.estimated))
    for c in commitments:
        if m.ref in c.replaces:
            options.append(WayOption(Way.COMMITMENT, QT_TRANSLATE_NOOP("kiosk", "签告知承诺"),
                                     arg(QT_TRANSLATE_NOOP("kiosk", "签署《%1》代替这份材料"),
                                         c.title), commitment_id=c.id))
    lenient = any(o.way in (Way.DEFER, Way.COMMITMENT) for o in options)
    return MaterialChoice(**base, known=None, known_words="", options=tuple(options),
                          can_finish_without=lenient)


def decl_for(choice: MaterialChoice, way: Way, *, attachment_ids: Sequence[str] = (),
             ecert_ref: str = "") -> MaterialDecl:
    """What the resident did, as the submission carries it; a way the screen did not offer
    is a programming error, refused loudly."""
    if way not in {o.way for o in choice.options}:
        raise ValueError(f"{way.value} is not offered for material {choice.ref}")
    if way is Way.ECERT and not ecert_ref:
        raise ValueError("an e-certificate needs the scanned reference")
    if way is Way.PHOTO and not attachment_ids:
        raise ValueError("a photographed material needs its pages")
    return MaterialDecl(WAY_STATUS[way], tuple(attachment_ids), ecert_ref)


def dead_end(choices: Sequence[MaterialChoice], unable: Collection[str]) -> tuple[str, ...]:
    """The "please bring …" sentences for the materials the resident said they cannot
    provide now (``unable``: refs) and that neither 容缺 nor 告知承诺 can stand in for: the
    visit ends with these and the printable checklist, never a dead end."""
    return tuple(c.bring for c in choices
                 if c.ref in unable and c.needs_action and not c.can_finish_without)
