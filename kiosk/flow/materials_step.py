"""The materials step of the resident flow: per material the ways the catalog allows, what
the resident chose, and the screens' records (MaterialsView, ECertScanView, SignView).

Kept out of ``controller.py`` so the rule reads in one place: ``kiosk.materials``
decides which ways exist (``material_choice``), the submission's own plan check decides
which materials *must* be covered before 继续 (a ``material:<ref>`` problem), and this
module only joins the two with what the visit holds (``Visit.ways``, ``ecerts``,
``photos``, ``deferred``, ``signed``). No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from kiosk.flow.views import ECertScanView, MaterialLine, MaterialsView, SignView, WayButton
from kiosk.i18n import QT_TRANSLATE_NOOP, arg
from kiosk.materials import (
    KNOWN_SOURCES,
    MaterialChoice,
    MaterialDecl,
    MaterialStatus,
    Way,
    WayOption,
    dead_end,
    material_choice,
)
from kiosk.workdays import add_days

if TYPE_CHECKING:
    from kiosk.catalog.model import Commitment, Item, ItemMaterial
    from kiosk.flow.controller import ResidentFlow

ECERT_HINT = QT_TRANSLATE_NOOP("kiosk", "在手机上打开电子证照，点“亮证”，把二维码对准镜头")
PHOTO_DETAIL = QT_TRANSLATE_NOOP("kiosk", "把材料平放在高拍仪下面，会自动拍照")
SIGN_HINT = QT_TRANSLATE_NOOP("kiosk", "请用手指在下面的框里签上您的名字")
PHOTO_WORD = QT_TRANSLATE_NOOP("kiosk", "拍照上传")


@dataclass(frozen=True)
class Asked:
    """One material of the visit's items, once, with the item that asks it."""

    item: Item
    material: ItemMaterial
    choice: MaterialChoice


def asked(flow: ResidentFlow) -> list[Asked]:
    """Every applicable material of the visit's items (a bundle's shared ones once)."""
    from kiosk.forms.bundle import applicable_materials

    v, c = flow.visit, flow.catalog
    camera = not v.camera_problem
    out: list[Asked] = []
    seen: set[str] = set()
    need: set[str] | None = None
    for it in flow._items():
        for m, _ in applicable_materials(it, flow._answers()):
            if m.ref in seen or m.ref not in c.materials:
                continue
            seen.add(m.ref)
            # Only the applicant's own card is read here: a proxy's ID card is not 已核验.
            known = KNOWN_SOURCES if m.ref == "id_card" else tuple(
                s for s in KNOWN_SOURCES if s != "card")
            due = add_days(flow.host.calendar, flow.today(), m.defer_days) \
                if m.deferrable and m.defer_days else None
            ch = material_choice(m, c.materials[m.ref], it.commitment_options,
                                 known_sources=known, camera=camera, due=due)
            if ch.needs_action and not ch.options and camera and need is None:
                need = must_cover(flow)
            if ch.needs_action and not ch.options and camera and need and m.ref in need:
                # The submission accepts nothing but a picture of it (全程自助: no counter
                # to show it at), so the camera is the way even where the catalog lists
                # only the paper.
                ch = replace(ch, options=(WayOption(Way.PHOTO, PHOTO_WORD, PHOTO_DETAIL),))
            out.append(Asked(it, m, ch))
    return out


def pending(flow: ResidentFlow) -> list[Asked]:
    """Materials with something for the resident to do (not 已核验)."""
    return [a for a in asked(flow) if a.choice.needs_action]


def must_cover(flow: ResidentFlow) -> set[str]:
    """Refs the submission's own plan check refuses uncovered (no counter fallback)."""
    return {p.field.split(":", 1)[1] for p in flow._plan_problems()
            if p.field.startswith("material:")}


def chosen_words(flow: ResidentFlow, a: Asked) -> str:
    v = flow.visit
    way = v.ways.get(a.choice.ref, "")
    if way == Way.PHOTO and v.photos.get(a.choice.ref):
        return arg(QT_TRANSLATE_NOOP("kiosk", "已拍照%1页"), len(v.photos[a.choice.ref]))
    if way == Way.ECERT and a.choice.ref in v.ecerts:
        e = v.ecerts[a.choice.ref]
        no = f" {e.masked_no}" if e.masked_no else ""
        return arg(QT_TRANSLATE_NOOP("kiosk", "已扫电子证照%1（由部门核验）"), no)
    if way == Way.DEFER:
        o = next((o for o in a.choice.options if o.way is Way.DEFER), None)
        return arg(QT_TRANSLATE_NOOP("kiosk", "容缺后补：%1"), o.detail) if o else \
            QT_TRANSLATE_NOOP("kiosk", "容缺后补")
    if way == Way.COMMITMENT:
        return QT_TRANSLATE_NOOP("kiosk", "已签告知承诺代替")
    return ""


def materials_view(flow: ResidentFlow) -> MaterialsView:
    v = flow.visit
    lines = []
    need = must_cover(flow)
    items = pending(flow)
    for a in items:
        ch = a.choice
        lines.append(MaterialLine(
            ch.ref, ch.name, ch.why, ch.counts, ch.known_words,
            tuple(WayButton(o.way.value, o.label, o.detail, v.ways.get(ch.ref) == o.way.value)
                  for o in ch.options),
            chosen_words(flow, a), ch.bring, ch.ref in v.unable, ch.ref in need))
    missing = tuple(a.choice.name for a in items if a.choice.ref in need)
    bring = dead_end([a.choice for a in items], v.unable)
    return MaterialsView(QT_TRANSLATE_NOOP("kiosk", "请提供以下材料"), tuple(lines), not missing,
                         missing, bring,
                         v.camera_problem, v.checklist_printed)


def choice_of(flow: ResidentFlow, ref: str) -> MaterialChoice:
    for a in asked(flow):
        if a.choice.ref == ref:
            return a.choice
    raise KeyError(ref)


def forget(flow: ResidentFlow, ref: str) -> None:
    """A new way for a material replaces the old one: nothing of it stays behind."""
    v = flow.visit
    v.ways.pop(ref, None)
    v.ecerts.pop(ref, None)
    v.photos.pop(ref, None)
    v.deferred.discard(ref)


def decls(flow: ResidentFlow) -> dict[str, MaterialDecl]:
    """What the submission carries for every way chosen on the materials screen."""
    v = flow.visit
    out: dict[str, MaterialDecl] = {}
    for ref, way in v.ways.items():
        if way == Way.ECERT and ref in v.ecerts:
            out[ref] = MaterialDecl(MaterialStatus.ECERT, ecert_ref=v.ecerts[ref].ref)
        elif way == Way.PHOTO and v.photos.get(ref):
            out[ref] = MaterialDecl(MaterialStatus.PHOTOGRAPHED)
        elif way == Way.DEFER:
            out[ref] = MaterialDecl(MaterialStatus.DEFERRED)
        elif way == Way.COMMITMENT:
            out[ref] = MaterialDecl(MaterialStatus.COMMITMENT)
    return out


def option(flow: ResidentFlow, option_id: str) -> tuple[Commitment, list[Item]]:
    """The 告知承诺 and every item of the visit that offers it (a bundle may share one)."""
    found: Commitment | None = None
    items = []
    for it in flow._items():
        for o in it.commitment_options:
            if o.id == option_id:
                found = found or o
                items.append(it)
    if found is None:
        raise KeyError(option_id)
    return found, items


def unsigned_required(flow: ResidentFlow) -> list[str]:
    return [o.id for _, o, required in flow._commitments()
            if required and o.id not in flow.visit.signed]


def sign_view(flow: ResidentFlow) -> SignView:
    v, c = flow.visit, flow.catalog
    o, _ = option(flow, v.arg)
    return SignView(o.id, o.title, o.text,
                    tuple(c.materials[r].name for r in o.replaces if r in c.materials),
                    v.sign_error, o.id in v.signed, SIGN_HINT)


def ecert_view(flow: ResidentFlow) -> ECertScanView:
    v, c = flow.visit, flow.catalog
    name = c.materials[v.arg].name if v.arg in c.materials else v.arg
    return ECertScanView(v.arg, name, ECERT_HINT, v.scan_error)


def commitments_signed(flow: ResidentFlow) -> tuple[Any, ...]:
    return tuple(sc for group in flow.visit.signed.values() for sc in group)


def points(raw: Sequence[Sequence[Sequence[float]]]) -> list[list[tuple[float, float]]]:
    """The pad's strokes as the QML hands them ([[x, y], …] per stroke), as floats."""
    return [[(float(p[0]), float(p[1])) for p in s if len(p) >= 2] for s in raw]
