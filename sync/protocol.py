"""The wire records exchanged with the county platform (the contract's data half)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

API_PREFIX = "/api/v1"
IDEMPOTENCY_HEADER = "Idempotency-Key"
TERMINAL_HEADER = "X-Terminal-Id"


class ItemRef(BaseModel):
    code: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)


class Applicant(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    id_number: str = Field(min_length=6, max_length=32)
    sex: str = ""
    nation_code: str = ""
    birth_date: str = ""
    address: str = ""
    phone: str = ""


class AttachmentIn(BaseModel):
    name: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    content_b64: str


class SubmissionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    terminal_id: str
    region_code: str = Field(pattern=r"^\d{12}$")
    local_no: str
    submitted_at: str
    items: list[ItemRef] = Field(min_length=1)
    applicant: Applicant
    form: dict[str, Any] = Field(default_factory=dict)
    attachments: list[AttachmentIn] = Field(default_factory=list)


class SubmissionAck(BaseModel):
    platform_no: str = Field(min_length=6, max_length=64, pattern=r"^[0-9A-Za-z-]+$")
    received_at: str
    duplicate: bool = False


class CaseStatus(BaseModel):
    platform_no: str
    status: str
    updated_at: str
