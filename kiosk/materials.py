"""What happened to each material of a case: handed in, replaced, or owed (容缺).

A material is never silently dropped: if the resident did not photograph it and no other
route covers it, it is either owed by a deadline (容缺, only where the item allows it),
replaced by a signed 告知承诺, or marked to be shown at the counter — and the receipt says
which.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
