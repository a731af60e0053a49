"""The wire records exchanged with the county platform (the contract's data half).

``sync/openapi.json`` is generated from these through the reference platform; a test
fails when the checked-in document and the code drift apart.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

from sync.signing import TERMINAL_HEADER

API_PREFIX = "/api/v1"
IDEMPOTENCY_HEADER = "Idempotency-Key"
__all__ = ["API_PREFIX", "IDEMPOTENCY_HEADER", "TERMINAL_HEADER"]

TERMINAL_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$"
REGION_CODE = r"^\d{12}$"
SHA256_HEX = r"^[0-9a-f]{64}$"
UPLOAD_ID = r"^[A-Za-z0-9._-]{8,160}$"
CHUNK_SIZE = 256 * 1024  # a chunk a weak 4G link can finish before its radio naps
# One-request submissions (POST /submissions/inline): attachments of at most one chunk may
# travel inside the submission itself. Bigger ones keep the chunked upload, whose resume
# is what a weak link needs; a one-chunk file has nothing to resume, so it loses nothing.
INLINE_PATH = "/submissions/inline"
INLINE_MAX_BYTES = CHUNK_SIZE
INLINE_MAX_FILES = 32
INLINE_MAX_JSON = 1024 * 1024
INLINE_MAX_BODY = INLINE_MAX_FILES * (INLINE_MAX_BYTES + 1024) + INLINE_MAX_JSON

# Field bounds (contract 1.4). The terminal refuses the same values where they are typed or
# read (kiosk.cases.applicant_problems, the catalog's field schemas), so nothing a terminal
# queues is refused here, and nothing over-long reaches the platform's store.
NAME_MAX = 60  # the longest name a card holds: a 2017 永久居留证's 60-character English name
ADDRESS_MAX = 120  # a card's address is 35 characters; a typed one stays on two lines
PHONE_MAX = 11
SEX_WORDS = ("男", "女", "未知", "未说明")  # devices.idcard.model.SEX_NAMES, as the card says
FORM_KEY = r"^[a-z][a-z0-9_]{0,39}$"  # a catalog field id
FORM_VALUE_MAX_CHARS = 500  # the longest text a catalog field may allow (free-text reasons)
FORM_NUMBER_MAX = 10**9  # |number| a catalog field may allow
FORM_MAX_KEYS = 100
FORM_MAX_BYTES = 32 * 1024  # the form's JSON (UTF-8); every catalog field at its longest is ~7 KB
ITEMS_MAX = 50
SUBJECT_RELATION_MAX = 20  # a catalog subject label (新生儿)
ATTACHMENTS_MAX = 200

# Identity documents a terminal's reader accepts (devices.idcard.codes card kinds) and the
# form of each one's number. The terminal applies the full rules (check character, birth
# date, region) from devices.idcard.validation; the contract states the forms.
CardKind = Literal["resident", "hk_mo_tw_permit", "foreign_permanent_2017",
                   "foreign_permanent_2023", "social_security"]
_DATE8 = r"(18|19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])"
ID_NUMBER_FORMS: dict[str, str] = {
    "resident": rf"^[1-6][0-9]{{5}}{_DATE8}[0-9]{{3}}[0-9X]$",  # GB 11643 公民身份号码
    "social_security": rf"^[1-6][0-9]{{5}}{_DATE8}[0-9]{{3}}[0-9X]$",  # 社会保障号码 = the same
    "hk_mo_tw_permit": rf"^8[123]0000{_DATE8}[0-9]{{3}}[0-9X]$",  # 港澳台居民居住证
    "foreign_permanent_2023": r"^9[0-9]{16}[0-9X]$",  # 外国人永久居留身份证 (2023)
    "foreign_permanent_2017": r"^[A-Z]{3}[0-9]{12}$",  # 外国人永久居留身份证 (2017)
}
# Any kind's form: what a number must look like whether or not card_kind comes with it.
ID_NUMBER = "^(" + "|".join(f[1:-1] for k, f in ID_NUMBER_FORMS.items()
                            if k != "social_security") + ")$"


def _kind_rules(schema: dict[str, Any]) -> None:
    """The number-by-kind rule in the Applicant's JSON Schema, so the contract document says
    what the platform checks (and a fuzzer generates only what it accepts)."""
    schema["allOf"] = [
        {"if": {"properties": {"card_kind": {"const": kind}}, "required": ["card_kind"]},
         "then": {"properties": {"id_number": {"pattern": form}}}}
        for kind, form in ID_NUMBER_FORMS.items()]


def card_kind_of(number: str) -> str:
    """The kind a number's first characters say it is (resident and 社保卡 share a form: the
    resident ID): what a pre-1.4 terminal, which sent no ``card_kind``, meant, and whose
    rule a typed number is checked by — a mistyped 居住证 number is told about as one."""
    if number[:3].isascii() and number[:3].isalpha():
        return "foreign_permanent_2017"
    if len(number) == 18 and number.startswith("9"):
        return "foreign_permanent_2023"
    if number[:2] in ("81", "82", "83"):
        return "hk_mo_tw_permit"
    return "resident"



def _json_integer(value: object) -> int:
    """JSON Schema's integer: 3 and 3.0, never true or "3" (pydantic's lax int takes both,
    strict int refuses 3.0, and the contract document says integer)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a JSON integer")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError("must be a whole number")
    return int(value)


JsonInt = Annotated[int, BeforeValidator(_json_integer)]

class ErrorBody(BaseModel):
    """Every refusal: a stable machine code and a sentence for the technician."""

    error: str
    detail: str


class EnrolmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    terminal_id: str = Field(pattern=TERMINAL_ID)
    region_code: str = Field(pattern=REGION_CODE)
    public_key: str = Field(min_length=40, max_length=64, description="raw Ed25519, base64")
    code: str = Field(min_length=6, max_length=64, description="one-time enrolment code")
    proof: str = Field(min_length=80, max_length=100,
                       description="signature of the enrolment message with the new key")


class EnrolmentOut(BaseModel):
    terminal_id: str
    region_code: str
    platform_public_key: str = Field(description="verifies catalog/config/holiday documents "
                                                 "and, with answers_signed, every answer")
    answers_signed: bool = Field(
        default=False, description="1.3: the platform signs its answers to signed requests "
                                   "(X-Answer-Signature); the terminal then requires it")
    enrolled_at: str


# 1.7: what an attachment may be. Exactly what the terminal's encoders write
# (devices/camera/encode.py): a document page as a bitonal PNG or a grey / colour JPEG, the
# 电子证件照 as JPEG, a 告知承诺 signature as PNG — formats every county viewer opens. The
# platform refuses anything else (415 ``unsupported_attachment_type``), judged from the
# bytes themselves, and the terminal never sends anything else (sync/outbox.py).
ATTACHMENT_MEDIA_TYPES = ("image/png", "image/jpeg")
AttachmentMediaType = Literal["image/png", "image/jpeg"]
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8", "image/jpeg"))  # SOI


def sniff_media_type(data: bytes) -> str | None:
    """The attachment media type the first bytes of ``data`` are, by their signature (PNG's
    eight bytes, JPEG's SOI marker), or None for anything the contract does not allow."""
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return media_type
    return None


class AttachmentRef(BaseModel):
    """An attachment of a submission. Uploaded beforehand in chunks under ``upload_id``
    (the platform checked its SHA-256), or, with ``POST /submissions/inline``, carried in
    the same request as the part whose filename is ``upload_id``. Its bytes are a PNG or a
    JPEG (1.7), named by ``media_type``."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=64)
    sha256: str = Field(pattern=SHA256_HEX)
    size: JsonInt = Field(ge=0, le=2**40)
    upload_id: str = Field(pattern=UPLOAD_ID)
    media_type: AttachmentMediaType | None = Field(
        default=None, description="1.7: image/png (a bitonal document page, a signature) or "
        "image/jpeg (a grey or colour page, the 电子证件照); a 1.7 terminal always sends it. "
        "The platform checks the bytes are that type (415 unsupported_attachment_type "
        "otherwise) and refuses any other value (422 invalid_request)")


class UploadState(BaseModel):
    upload_id: str
    size: int
    sha256: str
    received: int = Field(description="bytes stored; the next chunk starts here")
    complete: bool


class ItemRef(BaseModel):
    code: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)


class Applicant(BaseModel):
    """Who a case is for (or, as ``agent``, who acted): as read from the identity card."""

    model_config = ConfigDict(json_schema_extra=_kind_rules)

    name: str = Field(min_length=1, max_length=NAME_MAX)
    id_number: str = Field(
        pattern=ID_NUMBER, description="in the form of its card_kind: resident and "
        "social_security: GB 11643 (18, first digit 1–6); hk_mo_tw_permit: 18 beginning "
        "810000/820000/830000; foreign_permanent_2023: 18 beginning 9; "
        "foreign_permanent_2017: 3 letters and 12 digits")
    card_kind: CardKind = Field(
        default="resident", description="1.4: the document the number is from; absent "
        "(older terminals): the kind the number's form implies")
    sex: str = Field(default="", pattern="^(" + "|".join(SEX_WORDS) + ")?$")
    nation_code: str = Field(default="", pattern=r"^([0-9]{2})?$", description="GB 3304 code")
    birth_date: str = Field(default="", pattern=r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")
    address: str = Field(default="", max_length=ADDRESS_MAX)
    phone: str = Field(default="", pattern=r"^[0-9]*$", max_length=PHONE_MAX)

    @model_validator(mode="before")
    @classmethod
    def _kind_from_number(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("card_kind") is None \
                and isinstance(data.get("id_number"), str):
            return {**data, "card_kind": card_kind_of(data["id_number"])}
        return data

    @model_validator(mode="after")
    def _number_fits_kind(self) -> Applicant:
        # Never the value itself in the message: it goes into the 422 answer and logs.
        if not re.fullmatch(ID_NUMBER_FORMS[self.card_kind], self.id_number):
            raise ValueError("id_number does not have the form its card_kind requires")
        return self


class Subject(BaseModel):
    """1.5: who a case is about when that is not the applicant — the newborn whose 医保参保
    and 社保卡 a parent (the applicant, 监护人) files in 新生儿出生一件事. Bounded like the
    applicant; no ID number yet is allowed (a newborn's comes with 出生登记)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=NAME_MAX)
    relation: str = Field(default="", max_length=SUBJECT_RELATION_MAX,
                          description="the catalog's label, e.g. 新生儿")
    id_number: str = Field(default="", pattern="^$|" + ID_NUMBER,
                           description="empty until one is assigned")
    sex: str = Field(default="", pattern="^(" + "|".join(SEX_WORDS) + ")?$")
    birth_date: str = Field(default="", pattern=r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")
    nation_code: str = Field(default="", pattern=r"^([0-9]{2})?$", description="GB 3304 code")


FormValue = Annotated[
    Annotated[str, StringConstraints(max_length=FORM_VALUE_MAX_CHARS)] | StrictBool
    | Annotated[StrictInt, Field(ge=-FORM_NUMBER_MAX, le=FORM_NUMBER_MAX)]
    | Annotated[StrictFloat, Field(ge=-FORM_NUMBER_MAX, le=FORM_NUMBER_MAX, allow_inf_nan=False)]
    | None, Field(description=f"text of at most {FORM_VALUE_MAX_CHARS} characters, a "
                              f"boolean, or a number within ±{FORM_NUMBER_MAX}")]


class MaterialIn(BaseModel):
    """How one 申报材料 was handled: photographed (its pictures are the attachments named
    ``material:<ref>``), read from the card, an 电子证照 reference, 容缺 with the date it is
    owed, replaced by a signed 告知承诺, or to be shown at the counter."""

    model_config = ConfigDict(extra="forbid")

    ref: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    status: str = Field(pattern=r"^[a-z_]{1,32}$")
    ecert_ref: str = Field(default="", max_length=128)
    due: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")


class CommitmentIn(BaseModel):
    """A signed 告知承诺: the exact text shown; the signature picture is the attachment
    named ``signature:<option_id>``."""

    model_config = ConfigDict(extra="forbid")

    item_code: str = Field(min_length=1, max_length=64)
    option_id: str = Field(min_length=1, max_length=64)
    title: str = Field(max_length=200)
    text: str = Field(max_length=10000)
    replaces: list[str] = Field(default_factory=list, max_length=50)
    signed_at: str = Field(max_length=40)


class SubmissionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    terminal_id: str = Field(pattern=TERMINAL_ID)
    region_code: str = Field(pattern=REGION_CODE)
    local_no: str = Field(min_length=1, max_length=100)
    submitted_at: str = Field(max_length=40)
    items: list[ItemRef] = Field(min_length=1, max_length=ITEMS_MAX)
    applicant: Applicant
    form: dict[Annotated[str, StringConstraints(pattern=FORM_KEY)], FormValue] = Field(
        default_factory=dict, max_length=FORM_MAX_KEYS,
        json_schema_extra={"propertyNames": {"pattern": FORM_KEY}, "additionalProperties": False},
        description=f"the answers by catalog field id; at most {FORM_MAX_KEYS} keys and "
                    f"{FORM_MAX_BYTES} bytes of JSON (UTF-8) in all")
    attachments: list[AttachmentRef] = Field(default_factory=list, max_length=ATTACHMENTS_MAX)
    bundle_no: str | None = Field(default=None, max_length=100,
                                  description="一件事: links per-item cases")
    agent_id: str | None = Field(default=None, max_length=128)
    agent: Applicant | None = Field(default=None, description="帮办代办: who acted")
    materials: list[MaterialIn] = Field(default_factory=list, max_length=200)
    commitments: list[CommitmentIn] = Field(default_factory=list, max_length=50)
    consent_notice_version: str | None = Field(default=None, max_length=40)
    subject: Subject | None = Field(
        default=None, description="1.5: who the case is about when not the applicant (a "
        "一件事 item filed for a newborn); absent: the applicant, and from older terminals")

    @field_validator("form")
    @classmethod
    def _form_size(cls, form: dict[str, Any]) -> dict[str, Any]:
        size = len(json.dumps(form, ensure_ascii=False, separators=(",", ":")).encode())
        if size > FORM_MAX_BYTES:
            raise ValueError(f"form is {size} bytes of JSON; at most {FORM_MAX_BYTES}")
        return form


class SubmissionAck(BaseModel):
    platform_no: str = Field(min_length=6, max_length=64, pattern=r"^[0-9A-Za-z-]+$")
    received_at: str
    duplicate: bool = False
    local_no: str | None = Field(
        default=None, max_length=64,
        description="1.2: the local_no of the case filed under this Idempotency-Key (on a "
                    "duplicate, of the first one). A terminal takes an answer naming another "
                    "case as no answer at all; absent from 1.1 platforms.")


# 补正 (contract 1.5): what a case sent back for correction still lacks, said once and in
# full (行政许可法 art. 32, 一次性告知). Bounded so a hostile or broken platform cannot
# fill the terminal's screen, paper or store: the terminal refuses a longer answer whole.
CORRECTION_STATUS = "needs_correction"
MISSING_MAX = 30  # no real 补正 asks for more documents; an item lists at most ~20
MISSING_NAME_MAX = 60  # a material's name, as the catalog's longest fits on two lines
MISSING_REASON_MAX = 200  # why it is missing or wrong: one or two sentences
MISSING_COUNT_MAX = 20  # originals or copies of one document
MATERIAL_ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"  # a catalog material id (item material ref)


class MissingMaterial(BaseModel):
    """One thing a case in 补正 still needs: a catalog material (``material_id``) or a
    document named in free text, why, and how many originals and copies to bring."""

    material_id: str | None = Field(default=None, pattern=MATERIAL_ID,
                                    description="the catalog material (the item's material "
                                                "ref); absent for a document named in text")
    name: str = Field(default="", max_length=MISSING_NAME_MAX,
                      description="required without material_id; with it, the platform "
                                  "fills in the name the case's item gives it")
    reason: str = Field(default="", max_length=MISSING_REASON_MAX)
    originals: JsonInt = Field(default=0, ge=0, le=MISSING_COUNT_MAX)
    copies: JsonInt = Field(default=0, ge=0, le=MISSING_COUNT_MAX)

    @model_validator(mode="after")
    def _named(self) -> MissingMaterial:
        if self.material_id is None and not self.name.strip():
            raise ValueError("a missing material needs a material_id or a name")
        return self


class CaseStatus(BaseModel):
    platform_no: str
    status: str
    updated_at: str
    missing: list[MissingMaterial] | None = Field(
        default=None, max_length=MISSING_MAX,
        description=f"1.5: with status {CORRECTION_STATUS} (补正), the one complete list of "
                    f"what the case still lacks, at most {MISSING_MAX} entries; absent "
                    "otherwise and from 1.4 platforms")
    correct_by: dt.date | None = Field(
        default=None, description=f"1.5: with status {CORRECTION_STATUS}, the last day to "
                                  "bring them (absent: no deadline set)")


class StatusQuery(BaseModel):
    platform_nos: list[str] = Field(min_length=1, max_length=200)


class StatusList(BaseModel):
    statuses: list[CaseStatus]


class RatingIn(BaseModel):
    """好差评: one resident's rating of one visit."""

    model_config = ConfigDict(extra="forbid")

    rating_id: str = Field(min_length=8, max_length=64)
    level: JsonInt = Field(ge=1, le=5)
    reasons: list[str] = Field(default_factory=list, max_length=20)
    comment: str = Field(default="", max_length=500)
    phone: str = Field(default="", max_length=20, description="only for a follow-up call")
    case_local_no: str | None = None
    case_platform_no: str | None = None
    rated_at: str


class RatingAck(BaseModel):
    rating_id: str
    received_at: str
    duplicate: bool = False


class AuditEventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seq: JsonInt = Field(ge=1, le=2**53 - 1,
                     description="the terminal's event number: the platform's dedupe key")
    at: str
    actor: str = Field(max_length=64)
    action: str = Field(max_length=64)
    subject: str = Field(default="", max_length=128)
    detail: dict[str, Any] = Field(default_factory=dict)


class AuditBatch(BaseModel):
    events: list[AuditEventIn] = Field(min_length=1, max_length=500)


class AuditAck(BaseModel):
    stored: int
    duplicates: int
    last_seq: int


class HeartbeatIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at: str
    queue_depth: JsonInt = Field(ge=0)
    parked: JsonInt = Field(ge=0)
    audit_backlog: JsonInt = Field(ge=0, default=0)
    software: str = Field(default="", max_length=64)
    catalog_version: JsonInt = Field(ge=0, default=0)
    config_version: JsonInt = Field(ge=0, default=0)


class HeartbeatAck(BaseModel):
    server_time: str


DocumentKind = Literal["catalog", "config", "holidays"]


class SignedDocument(BaseModel):
    """A catalog/config/holiday document; ``body`` is the exact JSON text that was signed."""

    kind: DocumentKind
    version: int = Field(ge=1)
    body: str
    signature: str
    published_at: str


class CatalogEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    department: str = ""
    materials: list[str] = Field(default_factory=list)


class CatalogBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[CatalogEntry] = Field(min_length=1)


class RemoteConfigBody(BaseModel):
    """The settings the county may change remotely; anything else stays local."""

    model_config = ConfigDict(extra="forbid")

    idle_timeout_s: JsonInt | None = Field(default=None, ge=5, le=3600)
    announcement: str = Field(default="", max_length=500)
    retention_days: JsonInt | None = Field(default=None, ge=1, le=365)
    heartbeat_interval_s: JsonInt | None = Field(default=None, ge=30, le=86400)


class HolidayBody(BaseModel):
    """法定节假日 and 调休 working days: they move every year, so the county publishes them."""

    model_config = ConfigDict(extra="forbid")

    year: JsonInt = Field(ge=2000, le=2100)
    holidays: list[dt.date] = Field(default_factory=list)
    workdays: list[dt.date] = Field(default_factory=list)


DOCUMENT_BODIES: dict[str, type[BaseModel]] = {
    "catalog": CatalogBody, "config": RemoteConfigBody, "holidays": HolidayBody}
