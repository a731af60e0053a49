"""From a valid plan to queued cases on this terminal, and the visit's other services.

``Kiosk`` (the screens) and ``kiosk submit`` (the command line) both come through here, so
a case made by either is the same: same catalog, same form checks, same bundle split,
same materials, deadlines and 告知承诺 records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from kiosk.applications import (
    Application,
    ApplicationInvalid,
    Plan,
    PlannedCase,
    person_problems,
    plan_application,
)
from kiosk.cases import Applicant, Case, CaseItem, Consent
from kiosk.catalog.model import Bundle, Catalog, Item
from kiosk.identity import card_kind_of, normalize_id_number
from kiosk.jsonfile import JsonFileError, read_bounded
from kiosk.materials import MaterialDecl, MaterialRecord, MaterialStatus
from kiosk.signature import Signature, render_png
from kiosk.store import Store
from kiosk.workdays import WorkCalendar


def submit_application(store: Store, catalog: Catalog, calendar: WorkCalendar,
                       terminal_id: str, region_code: str, app: Application,
                       today: dt.date | None = None) -> list[Case]:
    """Validates, creates and queues. A bundle becomes one case per item sharing one
    bundle number; several single items chosen together stay one case (the resident
    asked for them together, and one receipt number is easier to keep)."""
    today = today or dt.date.today()
    plan = plan_application(catalog, app, calendar, today)
    if not plan.ok:
        raise ApplicationInvalid(plan.problems)
    groups = [[pc] for pc in plan.cases] if plan.bundle is not None else [list(plan.cases)]
    bundle_no = store.next_bundle_no(terminal_id) if plan.bundle is not None else None
    cases: list[Case] = []
    for group in groups:
        values: dict[str, object] = {}
        for pc in group:
            values.update(pc.values)
        case = store.create_case(
            terminal_id=terminal_id, region_code=region_code, applicant=app.applicant,
            items=[CaseItem(pc.item.code, pc.item.name) for pc in group], form=values,
            agent_id=None if app.agent is None else store.key.lookup_hash(app.agent.id_number))
        records = _store_pictures(store, case.id, app, _merge(group), set(catalog.materials))
        commitments = [c for pc in group for c in pc.commitments]
        for c in commitments:
            store.add_attachment(case.id, f"signature:{c.option_id}",
                                 render_png(Signature.from_json(c.strokes)))
        dates = [pc.promised_by for pc in group if pc.promised_by]
        subject = next((pc.subject for pc in group if pc.subject is not None), None)
        store.save_case_details(case.id, {
            "materials": [r.to_json() for r in records],
            "commitments": [dict(asdict(c), replaces=list(c.replaces)) for c in commitments],
            "consent": None if app.consent is None else asdict(app.consent),
            "agent": None if app.agent is None else asdict(app.agent),
            "answers": dict(plan.answers),
            "promised_by": max(dates) if dates else None,
            "promised_estimated": any(pc.promised_estimated for pc in group),
            # who the case is about when not the applicant (a bundle item's subject)
            "subject": None if subject is None else asdict(subject),
        }, bundle_no=bundle_no)
        cases.append(case)
    # Queue only once every case of the bundle exists, and all in one transaction, so a
    # crash leaves either the whole bundle queued or none of it (drafts).
    return [store.with_details(c) for c in store.submit_cases([c.id for c in cases])]


def _merge(group: Sequence[PlannedCase]) -> list[MaterialRecord]:
    out: dict[str, MaterialRecord] = {}
    for pc in group:
        for r in pc.materials:
            prev = out.get(r.ref)
            if prev is None or (r.due or "") < (prev.due or "9999"):
                out[r.ref] = r
    return list(out.values())


def _store_pictures(store: Store, case_id: str, app: Application,
                    records: list[MaterialRecord], material_ids: set[str]
                    ) -> list[MaterialRecord]:
    """Each case gets its own encrypted copy of the pictures of its own materials."""
    from dataclasses import replace

    out = []
    for r in records:
        if r.status is MaterialStatus.PHOTOGRAPHED:
            ids = tuple(store.add_attachment(case_id, f"material:{r.ref}", pic).id
                        for pic in app.photos.get(r.ref, ()))
            r = replace(r, attachment_ids=ids)
        out.append(r)
    for kind, pics in app.photos.items():
        if kind not in material_ids:
            for pic in pics:  # not a material, e.g. the portrait taken for a face check
                store.add_attachment(case_id, kind, pic)
    return out


def check(catalog: Catalog, calendar: WorkCalendar, app: Application,
          today: dt.date | None = None) -> Plan:
    """The plan without submitting: what the confirm screen shows, problems included."""
    return plan_application(catalog, app, calendar, today or dt.date.today())


MAX_PHOTO_BYTES = 16 * 1024 * 1024  # the camera's JPEGs are ~200 KB; a scan of A4 ~5 MB


class SpecError(ValueError):
    """A `kiosk submit` file does not describe an application; the message says where."""


def application_from_spec(catalog: Catalog, spec: object, base_dir: Path) -> Application:
    """Reads the JSON a back-office tool or a test hands to `kiosk submit`.

    ``{"applicant": {...}, "items": [{"code", "name"}] or ["CODE"], "bundle": CODE,
    "form": {...}, "answers": {...}, "materials": {REF: {"status", "ecert_ref"}},
    "photos": {REF: ["file.jpg"]}, "agent": {...}, "consent": {"notice_version"}}``.
    Items are matched by code, then by exact name or alias (older files name them).
    """
    if not isinstance(spec, dict):
        raise SpecError("expected a JSON object")
    applicant = _person(spec.get("applicant"), "applicant")
    agent = _person(spec["agent"], "agent") if spec.get("agent") else None
    persons = person_problems(applicant, agent, dt.date.today())
    if persons:  # before reading photos or prefilling forms with an oversized record
        raise ApplicationInvalid(tuple(persons))
    for key in ("items", "materials", "photos", "form", "answers"):
        want = list if key == "items" else dict
        if not isinstance(spec.get(key, want()), want):
            raise SpecError(f"{key}: expected {'a list' if want is list else 'an object'}")
    codes: list[str] = []
    if spec.get("bundle"):
        codes.append(str(spec["bundle"]))
    for i, entry in enumerate(spec.get("items", [])):
        code = entry if isinstance(entry, str) else (entry.get("code") if isinstance(
            entry, dict) else None)
        name = entry.get("name", "") if isinstance(entry, dict) else ""
        item = catalog.find_item(str(code)) or (catalog.find_item(str(name)) if name else None)
        if item is None:
            raise SpecError(f"items[{i}]: no catalog item with code {code!r} or name {name!r}")
        codes.append(item.code)
    form = spec.get("form", {})
    answers = spec.get("answers", {})
    if not isinstance(form, dict) or not isinstance(answers, dict):
        raise SpecError("form and answers must be objects")
    try:
        materials = {str(k): MaterialDecl(MaterialStatus(v["status"]),
                                          ecert_ref=str(v.get("ecert_ref", "")))
                     for k, v in spec.get("materials", {}).items()}
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SpecError(f"materials: expected {{REF: {{status: "
                        f"{'|'.join(s.value for s in MaterialStatus)}}}}} ({exc})") from None
    photos: dict[str, tuple[bytes, ...]] = {}
    for ref, files in spec.get("photos", {}).items():
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise SpecError(f"photos.{ref}: expected a list of file names")
        pics = []
        for f in files:
            try:  # a picture named by the file is a regular file of sane size, too
                data = read_bounded(base_dir / f, MAX_PHOTO_BYTES)
            except JsonFileError as exc:
                raise SpecError(f"photos.{ref}: {base_dir / f}: {exc}") from None
            from sync.protocol import ATTACHMENT_MEDIA_TYPES, sniff_media_type  # pydantic: late

            if sniff_media_type(data) is None:  # contract 1.7: the platform takes no other
                raise SpecError(f"photos.{ref}: {base_dir / f}: not a PNG or JPEG picture "
                                f"(attachments may be {', '.join(ATTACHMENT_MEDIA_TYPES)})")
            pics.append(data)
        photos[str(ref)] = tuple(pics)
    consent = None
    if spec.get("consent"):
        if not isinstance(spec["consent"], dict):
            raise SpecError("consent: expected {notice_version}")
        consent = Consent(str(spec["consent"].get("notice_version", "")),
                          dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    chosen: list[Item] = []
    for c in codes:
        entry = catalog.get(c)
        if isinstance(entry, Item):
            chosen.append(entry)
        elif isinstance(entry, Bundle):  # prefill for every item the answers may select
            chosen += [catalog.item(bi.code) for bi in entry.items]
    if chosen:
        from kiosk.forms.prefill import prefill
        from kiosk.forms.schema import union_form

        known = prefill(catalog, union_form(catalog, chosen), applicant, agent=agent).values
        form = {**known, **form}
    return Application(applicant=applicant, codes=tuple(codes), values=form, answers=answers,
                       materials=materials, photos=photos, consent=consent, agent=agent)


def _person(raw: object, key: str) -> Applicant:
    """The person as the file gives them; without ``card_kind``, the kind the number's form
    implies (a 居住证 or 永久居留证 number is not refused as a bad resident number). The
    bounds are checked with the rest of the application (``plan_application``)."""
    fields = ("name", "id_number", "sex", "nation_code", "birth_date", "address", "phone",
              "card_kind")
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) \
            or not isinstance(raw.get("id_number"), str) \
            or any(k not in fields or not isinstance(v, str) for k, v in raw.items()):
        raise SpecError(f"{key}: expected {{name, id_number, ...}} with text values "
                        f"(known keys: {', '.join(fields)})")
    kind = raw.get("card_kind") or card_kind_of(normalize_id_number(raw["id_number"]))
    return Applicant(**{**raw, "card_kind": kind})
