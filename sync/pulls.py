"""What the terminal fetches: case statuses, and signed catalog / config / holiday documents.

A document is installed only when its signature verifies against the platform key pinned
at enrolment, its version is newer than the installed one, and its body matches the
schema; anything else is refused with a reason and the last good version stays in use —
a terminal in a village must never be left without a service list by a bad download.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from pydantic import ValidationError

from sync.client import PlatformClient, PlatformRejected
from sync.protocol import DOCUMENT_BODIES, CaseStatus, SignedDocument
from sync.signing import SignatureInvalid, document_message, load_public_key, verify

log = logging.getLogger(__name__)


class DocumentRejected(Exception):
    """A downloaded document was not installed; the message says why."""


class PullStore(Protocol):
    def open_platform_nos(self, limit: int) -> list[str]:
        """Platform numbers of cases whose status may still change."""
        ...

    def apply_statuses(self, statuses: list[CaseStatus]) -> int: ...

    def document_version(self, kind: str) -> int: ...

    def save_document(self, doc: SignedDocument) -> None: ...


def check_document(doc: SignedDocument, kind: str, platform_key_b64: str,
                   installed_version: int) -> None:
    """Raises ``DocumentRejected`` unless ``doc`` may replace the installed version."""
    if doc.kind != kind:
        raise DocumentRejected(f"{kind}: platform sent a {doc.kind!r} document")
    try:
        verify(load_public_key(platform_key_b64),
               document_message(doc.kind, doc.version, doc.body), doc.signature)
    except SignatureInvalid as exc:
        raise DocumentRejected(f"{kind} v{doc.version}: signature does not verify with the "
                               "platform key from enrolment") from exc
    if doc.version <= installed_version:
        raise DocumentRejected(f"{kind} v{doc.version}: not newer than installed "
                               f"v{installed_version}")
    try:
        DOCUMENT_BODIES[kind].model_validate_json(doc.body)
    except ValidationError as exc:
        raise DocumentRejected(f"{kind} v{doc.version}: body does not match the schema "
                               f"({exc.error_count()} errors)") from exc


@dataclass
class PullResult:
    statuses: int = 0
    installed: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()


class Puller:
    def __init__(self, store: PullStore, client: PlatformClient, platform_key_b64: str) -> None:
        self.store = store
        self.client = client
        self.platform_key_b64 = platform_key_b64

    def pull_statuses(self, batch: int = 200) -> int:
        numbers = self.store.open_platform_nos(batch)
        if not numbers:
            return 0
        return self.store.apply_statuses(self.client.statuses(numbers))

    def pull_document(self, kind: str) -> bool:
        """True when a newer valid document was installed."""
        try:
            doc = self.client.document(kind)
        except PlatformRejected as exc:
            if exc.code == "not_published":
                return False
            raise
        installed = self.store.document_version(kind)
        if doc.version == installed:
            return False
        check_document(doc, kind, self.platform_key_b64, installed)
        self.store.save_document(doc)
        return True

    def pull_all(self) -> PullResult:
        """Statuses, then each document; a refused document does not stop the others."""
        result = PullResult(statuses=self.pull_statuses())
        installed: list[str] = []
        refused: list[str] = []
        for kind in DOCUMENT_BODIES:
            try:
                if self.pull_document(kind):
                    installed.append(kind)
            except DocumentRejected as exc:
                log.warning("refused %s", exc)
                refused.append(str(exc))
        result.installed, result.refused = tuple(installed), tuple(refused)
        return result
