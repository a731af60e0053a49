"""The county staff's endpoints (``/api/v1/admin``): authenticated, role-checked, audited.

Only the reference platform has them and they stay out of the terminal contract. Every
route but ``/login`` needs ``Authorization: Bearer <token>`` from ``POST /admin/login``
(401 without it or with a stale one) and a role allowed for that route (403 otherwise).
Each request that reaches a route is written to the staff audit: who, which action, on
what, when, and how it ended. The test hooks (fault injection, forged documents, the
benchmark's sink and store) exist only on a platform started in test mode.
"""

# No `from __future__ import annotations`: the routes below are closures whose
# `Annotated[..., allowed(...)]` dependencies FastAPI must see as objects, not strings.

import dataclasses
import datetime as dt
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import asdict, dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, Header, Request
from fastapi import Path as PathParam
from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError
from starlette.concurrency import run_in_threadpool

from sync.platform.db import PlatformDB
from sync.platform.enrolment import CODE_TTL_S, MAX_TTL_S, EnrolmentRefused, Enrolments
from sync.platform.errors import ApiError
from sync.platform.faults import Faults
from sync.platform.staff import (
    MAX_PASSWORD,
    ROLE_LABELS,
    ROLES,
    LoginRefused,
    Member,
    Role,
    Staff,
    StaffError,
)
from sync.protocol import (
    API_PREFIX,
    CORRECTION_STATUS,
    DOCUMENT_BODIES,
    MISSING_MAX,
    REGION_CODE,
    TERMINAL_ID,
    UPLOAD_ID,
    MissingMaterial,
    SignedDocument,
)

ADMIN = f"{API_PREFIX}/admin"
EVERYONE: tuple[Role, ...] = ROLES  # reading: every role, 只读 included
# Who may do what beyond reading; admin (管理员) may do everything.
CLERKS: tuple[Role, ...] = ("admin", "clerk")
TECHNICIANS: tuple[Role, ...] = ("admin", "technician")
ADMINS: tuple[Role, ...] = ("admin",)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginIn(_Strict):
    name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD)


class AccountIn(_Strict):
    name: str = Field(min_length=1, max_length=64)
    role: Role
    password: str = Field(min_length=1, max_length=MAX_PASSWORD)


class MissingIn(MissingMaterial):
    model_config = ConfigDict(extra="forbid")


class StatusIn(_Strict):
    status: str = Field(pattern=r"^[a-z][a-z_]{1,31}$")
    # 补正 (contract 1.5): the one complete list, required with needs_correction only.
    missing: list[MissingIn] | None = Field(default=None, max_length=MISSING_MAX)
    correct_by: dt.date | None = None


def _correction(body: StatusIn, outline: tuple[list[str], dict[str, str]],
                catalog: SignedDocument | None) -> dict[str, Any] | None:
    """The 补正 list to store with ``body.status``, names filled in from the case; an
    ApiError (422) for a list that cannot be told to a resident as it is."""
    if body.status != CORRECTION_STATUS:
        if body.missing is not None or body.correct_by is not None:
            raise ApiError(422, "missing_list_unexpected", "a list of missing materials "
                           f"(and correct_by) goes only with status {CORRECTION_STATUS}")
        return None
    if not body.missing:
        raise ApiError(422, "missing_list_required", f"status {CORRECTION_STATUS} (补正) "
                       "needs the one complete list of what is missing (行政许可法 第三十二条, "
                       "一次性告知): missing with at least one entry")
    if body.correct_by is not None and body.correct_by < dt.date.today():
        raise ApiError(422, "deadline_passed", f"correct_by {body.correct_by} is in the past")
    codes, filed = outline
    known = dict(filed)
    for item in _catalog_items(catalog):
        if item.get("code") in codes:
            known.update({str(m): known.get(str(m), "") for m in item.get("materials", [])})
    seen: set[str] = set()
    out = []
    for n, m in enumerate(body.missing):
        if m.material_id is not None:
            if m.material_id not in known:
                raise ApiError(422, "unknown_material", f"missing.{n}.material_id: "
                               f"{m.material_id!r} is not a material of this case's items")
            if m.material_id in seen:
                raise ApiError(422, "duplicate_material", f"missing.{n}.material_id: "
                               f"{m.material_id!r} is listed twice")
            seen.add(m.material_id)
            m = m.model_copy(update={"name": m.name.strip() or known[m.material_id]})
        out.append(m.model_dump(mode="json"))
    return {"missing": out, "correct_by": None if body.correct_by is None
            else body.correct_by.isoformat()}


def _catalog_items(doc: SignedDocument | None) -> list[dict[str, Any]]:
    """The published catalog's items (code, material ids), [] when none is published."""
    if doc is None:
        return []
    try:
        items = json.loads(doc.body).get("items", [])
    except (ValueError, AttributeError):
        return []
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


class CodeIn(_Strict):
    terminal_id: str = Field(pattern=TERMINAL_ID)
    region_code: str | None = Field(default=None, pattern=REGION_CODE)
    ttl_s: int = Field(default=CODE_TTL_S, ge=60, le=MAX_TTL_S)


M = TypeVar("M", bound=BaseModel)
Rows = list[dict[str, Any]]


class FaultsIn(RootModel[dict[str, float]]):
    pass


@dataclass
class AdminContext:
    """What the administration routes act on (shared by both listeners)."""

    db: PlatformDB
    staff: Staff
    enrolments: Enrolments
    publish: Callable[[str, BaseModel], SignedDocument]
    faults: list[Faults]  # one element; replaced by PUT /admin/faults (test mode)
    test_mode: bool


async def _parse(request: Request, model: type[M]) -> M:
    """The body as ``model``, read only after the caller's credentials were checked (a
    body parameter would be parsed first, answering a stranger's garbage before the 401)."""
    raw = await request.body()
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        where = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
                          for e in exc.errors()[:10])
        raise ApiError(422, "invalid_request", where) from exc


def _bearer(authorization: str) -> str | None:
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def add_admin_routes(app: FastAPI, ctx: AdminContext) -> None:
    staff, db = ctx.staff, ctx.db

    def allowed(action: str, roles: tuple[Role, ...], audit: bool = True) -> Any:
        """The route's dependency: the signed-in member, after the role check; the
        request's outcome is audited once the route has answered or failed (``audit``
        off only for the test-mode benchmark baselines, whose point is to cost nothing
        but the upload itself)."""

        async def member(
            request: Request,
            authorization: Annotated[str, Header(max_length=512)] = "",
        ) -> AsyncIterator[Member]:
            token = _bearer(authorization)
            if token is None:
                raise ApiError(401, "missing_credentials", "sign in (POST /api/v1/admin/"
                               "login) and send Authorization: Bearer <token>",
                               headers={"WWW-Authenticate": "Bearer"})
            who = await run_in_threadpool(staff.member, token)
            if who is None:
                raise ApiError(401, "invalid_token", "the token is unknown or expired: "
                               "sign in again", headers={"WWW-Authenticate": "Bearer"})
            target = "/".join(str(v) for v in request.path_params.values())
            if who.role not in roles:
                await run_in_threadpool(staff.record, who.name, who.role, action, target,
                                        "forbidden_role")
                raise ApiError(403, "forbidden_role", f"the role {who.role} "
                               f"({ROLE_LABELS[who.role]}) may not do this")
            if not audit:
                yield who
                return
            outcome = "ok"
            try:
                yield who
            except ApiError as exc:
                outcome = exc.code
                raise
            except Exception as exc:
                outcome = type(exc).__name__
                raise
            finally:  # a route may name what it acted on beyond its path (a terminal id)
                target = getattr(request.state, "audit_target", target)
                await run_in_threadpool(staff.record, who.name, who.role, action, target,
                                        outcome)

        return Depends(member)


    # Session --------------------------------------------------------------------------

    @app.post(f"{ADMIN}/login", include_in_schema=False)
    async def login(request: Request) -> dict[str, Any]:
        body = await _parse(request, LoginIn)
        try:
            session = await run_in_threadpool(staff.login, body.name, body.password)
        except LoginRefused as exc:
            await run_in_threadpool(staff.record, body.name[:64], "-", "login", "", exc.code)
            headers = ({"Retry-After": str(exc.retry_after_s)} if exc.retry_after_s
                       else {"WWW-Authenticate": "Bearer"})
            raise ApiError(429 if exc.code == "account_locked" else 401, exc.code,
                           exc.detail, headers=headers) from exc
        await run_in_threadpool(staff.record, session.member.name, session.member.role,
                                "login", "", "ok")
        return {"token": session.token, "token_type": "bearer",
                "expires_at": session.expires_at, "name": session.member.name,
                "role": session.member.role}

    @app.post(f"{ADMIN}/logout", include_in_schema=False)
    def logout(authorization: Annotated[str, Header()],
            who: Annotated[Member, allowed("logout", EVERYONE)]) -> dict[str, str]:
        staff.logout(_bearer(authorization) or "")
        return {"signed_out": who.name}

    @app.get(f"{ADMIN}/me", include_in_schema=False)
    def me(who: Annotated[Member, allowed("me", EVERYONE)]) -> dict[str, str]:
        return {"name": who.name, "role": who.role, "role_label": ROLE_LABELS[who.role]}

    # Reading ----------------------------------------------------------------------------

    @app.get(f"{ADMIN}/submissions", include_in_schema=False)
    def list_submissions(_: Annotated[Member, allowed("view_submissions", EVERYONE)]) -> Rows:
        return db.submissions()

    @app.get(f"{ADMIN}/ratings", include_in_schema=False)
    def list_ratings(_: Annotated[Member, allowed("view_ratings", EVERYONE)]) -> Rows:
        return db.ratings()

    @app.get(f"{ADMIN}/audit-events", include_in_schema=False)
    def list_audit(_: Annotated[Member, allowed("view_terminal_audit", EVERYONE)]) -> Rows:
        return db.audit_events()

    @app.get(f"{ADMIN}/heartbeats", include_in_schema=False)
    def list_heartbeats(_: Annotated[Member, allowed("view_heartbeats", EVERYONE)]) -> Rows:
        return db.heartbeats()

    @app.get(f"{ADMIN}/uploads/{{terminal_id}}/{{upload_id}}/chunks", include_in_schema=False)
    def chunks(terminal_id: Annotated[str, PathParam(pattern=TERMINAL_ID)],
               upload_id: Annotated[str, PathParam(pattern=UPLOAD_ID)],
            _: Annotated[Member, allowed("view_upload", EVERYONE)]) -> list[dict[str, int]]:
        return db.upload_chunks(terminal_id, upload_id)

    @app.get(f"{ADMIN}/terminals", include_in_schema=False)
    def terminals(_: Annotated[Member, allowed("view_terminals", EVERYONE)]) -> dict[str, Any]:
        rows = db.query("SELECT terminal_id, region_code, enrolled_at FROM terminals "
                        "ORDER BY terminal_id")
        return {"terminals": [{"terminal_id": r[0], "region_code": r[1],
                               "enrolled_at": r[2]} for r in rows],
                "key_replacements": ctx.enrolments.replacements()}

    # 受理/审核: case status -------------------------------------------------------------

    @app.put(f"{ADMIN}/submissions/{{platform_no}}/status", include_in_schema=False)
    async def set_status(platform_no: Annotated[str, PathParam(max_length=64)],
                         request: Request,
                         _: Annotated[Member, allowed("set_case_status", CLERKS)]
                         ) -> dict[str, Any]:
        body = await _parse(request, StatusIn)
        outline = await run_in_threadpool(db.case_materials, platform_no)
        if outline is None:
            raise ApiError(404, "unknown_case", f"no case {platform_no}")
        catalog = await run_in_threadpool(db.latest_document, "catalog")
        correction = _correction(body, outline, catalog)
        if not await run_in_threadpool(db.set_status, platform_no, body.status, correction):
            raise ApiError(404, "unknown_case", f"no case {platform_no}")
        return {"platform_no": platform_no, "status": body.status, **(correction or {})}

    # 技术员: enrolment and key replacement ----------------------------------------------

    @app.post(f"{ADMIN}/enrolment-codes", include_in_schema=False)
    async def issue_code(request: Request,
                         who: Annotated[Member, allowed("issue_enrolment_code", TECHNICIANS)]
                         ) -> dict[str, Any]:
        body = await _parse(request, CodeIn)
        request.state.audit_target = body.terminal_id
        try:
            issued = await run_in_threadpool(ctx.enrolments.issue, body.terminal_id,
                                             body.region_code, who.name, body.ttl_s)
        except EnrolmentRefused as exc:
            raise ApiError(exc.status, exc.code, exc.detail) from exc
        return asdict(issued)

    @app.post(f"{ADMIN}/terminals/{{terminal_id}}/key-replacement", include_in_schema=False)
    def replace_key(terminal_id: Annotated[str, PathParam(pattern=TERMINAL_ID)],
                    who: Annotated[Member, allowed("start_key_replacement", TECHNICIANS)]
                    ) -> dict[str, str]:
        try:
            return ctx.enrolments.start_replacement(terminal_id, who.name)
        except EnrolmentRefused as exc:
            raise ApiError(exc.status, exc.code, exc.detail) from exc

    # 管理员: accounts and signed documents ----------------------------------------------

    @app.get(f"{ADMIN}/accounts", include_in_schema=False)
    def accounts(_: Annotated[Member, allowed("view_accounts", ADMINS)]) -> Rows:
        return staff.accounts()

    @app.post(f"{ADMIN}/accounts", include_in_schema=False, status_code=201)
    async def add_account(request: Request,
                          _: Annotated[Member, allowed("add_account", ADMINS)]) -> dict[str, str]:
        body = await _parse(request, AccountIn)
        request.state.audit_target = f"{body.name} ({body.role})"
        try:
            added = await run_in_threadpool(staff.add, body.name, body.role, body.password)
        except StaffError as exc:
            raise ApiError(409 if exc.code == "name_taken" else 422, exc.code,
                           exc.detail) from exc
        return {"name": added.name, "role": added.role}

    @app.delete(f"{ADMIN}/accounts/{{name}}", include_in_schema=False)
    def disable_account(name: Annotated[str, PathParam(max_length=64)],
            who: Annotated[Member, allowed("disable_account", ADMINS)]) -> dict[str, str]:
        if name == who.name:
            raise ApiError(409, "own_account", "an administrator cannot close their own "
                           "account (ask another)")
        if not staff.disable(name):
            raise ApiError(404, "unknown_account", f"no account {name!r}")
        return {"disabled": name}

    @app.get(f"{ADMIN}/staff-audit", include_in_schema=False)
    def staff_audit(_: Annotated[Member, allowed("view_staff_audit", ADMINS)]) -> Rows:
        return staff.audit_log()

    @app.post(f"{ADMIN}/documents/{{kind}}", include_in_schema=False)
    async def publish(kind: Annotated[str, PathParam(max_length=32)],
                      request: Request,
            _: Annotated[Member, allowed("publish_document", ADMINS)]) -> SignedDocument:
        if kind not in DOCUMENT_BODIES:
            raise ApiError(404, "unknown_kind", f"no document kind {kind!r}")
        body = await _parse(request, DOCUMENT_BODIES[kind])
        return await run_in_threadpool(ctx.publish, kind, body)

    if not ctx.test_mode:
        return

    # Test mode only: hooks that make the platform misbehave for the terminal's tests. --

    @app.post(f"{ADMIN}/documents/{{kind}}/raw", include_in_schema=False)
    async def publish_raw(kind: str, request: Request,
                          _: Annotated[Member, allowed("publish_raw_document", ADMINS)]
                          ) -> SignedDocument:
        """Stores a document as given, e.g. with a forged signature, to test the terminal."""
        doc = await _parse(request, SignedDocument)
        await run_in_threadpool(db.put_document, doc)
        return doc

    @app.put(f"{ADMIN}/faults", include_in_schema=False)
    async def set_faults(request: Request,
                         _: Annotated[Member, allowed("set_faults", ADMINS)]) -> dict[str, Any]:
        body = await _parse(request, FaultsIn)
        try:
            ctx.faults[0] = Faults.from_json(body.root)
        except (ValueError, TypeError) as exc:
            raise ApiError(422, "invalid_request", str(exc)) from exc
        return dataclasses.asdict(ctx.faults[0])

    @app.post(f"{ADMIN}/sink", include_in_schema=False)
    async def sink(request: Request,
            _: Annotated[Member, allowed("sink", ADMINS, audit=False)]) -> dict[str, int]:
        """Swallows a body: the plain-upload baseline of the sync benchmark."""
        return {"received": len(await request.body())}

    @app.post(f"{ADMIN}/store", include_in_schema=False)
    async def store(request: Request,
            _: Annotated[Member, allowed("store", ADMINS, audit=False)]) -> dict[str, int]:
        """Stores a body durably and checks its ``Upload-SHA256``, with no signature and no
        bookkeeping: the sync benchmark's baseline, paying the server-side cost every
        correct upload pays (write, fsync, hash) and nothing of the terminal's."""
        body = await request.body()
        if not await run_in_threadpool(db.store_blob, body,
                                       request.headers.get("Upload-SHA256", "")):
            raise ApiError(409, "hash_mismatch", "body does not match Upload-SHA256")
        return {"received": len(body)}
