"""亮证扫码: the QR of an 电子证照 shown on the resident's phone, read by the camera, becomes
a *reference* the platform must verify — never a verified material by itself.

A QR on a phone proves nothing at the terminal: anyone can show any code. So the terminal
only records what was scanned, which licence kind it claims to be, and that it is
unverified; the platform resolves it against the 电子证照库 when the case arrives. What the
terminal does decide is whether the code is plausibly an e-certificate *of the material
asked for*, and otherwise refuses in plain words (a shop's URL, this terminal's own receipt,
random bytes, an oversized payload, a licence of another kind).

Accepted payloads (an assumption to confirm with the county's 电子证照 system, which is
where the real format is defined):

- ``DZZZ1:<KIND>:<LICENCE_NO>:<TOKEN>`` — KIND is the catalog material id in upper case
  (``DISABILITY_CERT``), LICENCE_NO 4–40 letters/digits, TOKEN 16–128 hex/base64url
  characters (the one-time 亮证 token the platform redeems);
- ``https://<trusted host>/<path>?...`` — a URL on a host the county configured as its
  电子证照 service (``trusted_hosts``); the kind is then the material asked for, and the
  whole URL is what the platform redeems.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from kiosk.i18n import QT_TRANSLATE_NOOP, arg
from kiosk.status import number_from_payload

MAX_PAYLOAD = 1024  # a 亮证 code is a short token or URL; more is not one
PREFIX = "DZZZ1:"
_KIND = re.compile(r"^[A-Z][A-Z0-9_]{1,39}$")
_LICENCE = re.compile(r"^[0-9A-Za-z]{4,40}$")
_TOKEN = re.compile(r"^[0-9A-Za-z_-]{16,128}$")
# A receipt's case number: <terminal id>-YYYYMMDD-NNNNN (kiosk.store.repository).
_RECEIPT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{2,63}-\d{8}-\d{5}$")
RECEIPT = QT_TRANSLATE_NOOP("kiosk", "这是办事回执上的二维码，不是电子证照。"
                                    "查进度请回到首页点“查询”")


def is_receipt(text: str) -> bool:
    """A receipt QR (``…/q/<no>``) or a bare case number, of this or any terminal."""
    n = number_from_payload(text)
    return n is not None and _RECEIPT.match(n) is not None

NOT_ECERT = QT_TRANSLATE_NOOP("kiosk", "这个二维码不是电子证照。"
                                      "请在手机上打开电子证照，点“亮证”，把二维码对准镜头")


@dataclass(frozen=True)
class ECertReference:
    """An e-certificate as the case carries it: unverified until the platform says so."""

    material: str  # catalog material id it stands for
    kind: str  # licence kind as the code claims it (material id in upper case)
    licence_no: str  # "" for a URL code (the platform reads it from the 证照库)
    token: str  # what the platform redeems (the token, or the whole URL)
    scanned: str  # the exact text read from the QR
    scanned_at: str  # ISO time, terminal clock
    must_verify: bool = True  # always: the terminal cannot verify a phone's QR

    @property
    def ref(self) -> str:
        """The ``ecert_ref`` a ``MaterialDecl``/``MaterialRecord`` stores."""
        return self.scanned

    @property
    def masked_no(self) -> str:
        """For screen and paper: the licence number with its middle hidden."""
        n = self.licence_no
        return n if len(n) <= 6 else f"{n[:3]}{'*' * (len(n) - 7)}{n[-4:]}"

    def to_json(self) -> dict[str, object]:
        return {"material": self.material, "kind": self.kind, "licence_no": self.licence_no,
                "token": self.token, "scanned": self.scanned, "scanned_at": self.scanned_at,
                "must_verify": self.must_verify}


@dataclass(frozen=True)
class ECertRefusal:
    """Why the code is not taken, in words for the resident; ``reason`` for logs (no
    payload in it: a QR may carry personal data)."""

    message: str
    reason: str


def _words_of(material: str, names: Mapping[str, str]) -> str:
    return names.get(material, "所需材料")


def read_ecert(texts: Sequence[str], material: str, names: Mapping[str, str],
               trusted_hosts: Sequence[str] = (), now: dt.datetime | None = None,
               ) -> ECertReference | ECertRefusal:
    """The first usable e-certificate among the codes ``scan_qr`` found for ``material``
    (names: material id → 名称, from the catalog), or the refusal of the most telling one."""
    if not texts:
        return ECertRefusal(QT_TRANSLATE_NOOP("kiosk", "没有读到二维码，请把手机屏幕对准镜头，"
                                                       "稍微离远一点"), "no code")
    refusals = []
    for t in texts:
        got = parse_ecert(t, material, names, trusted_hosts, now)
        if isinstance(got, ECertReference):
            return got
        refusals.append(got)
    # A code of the wrong kind says more than "not an e-certificate".
    return next((r for r in refusals if r.reason == "other kind"), refusals[0])


def parse_ecert(text: str, material: str, names: Mapping[str, str],
                trusted_hosts: Sequence[str] = (), now: dt.datetime | None = None,
                ) -> ECertReference | ECertRefusal:
    when = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
    if len(text) > MAX_PAYLOAD:
        return ECertRefusal(NOT_ECERT, f"oversized ({len(text)} characters)")
    if not text.strip() or not text.isprintable():
        return ECertRefusal(NOT_ECERT, "not text")
    t = text.strip()
    if t.upper().startswith(PREFIX):
        parts = t[len(PREFIX):].split(":")
        if len(parts) != 3 or not _KIND.match(parts[0]) or not _LICENCE.match(parts[1]) \
                or not _TOKEN.match(parts[2]):
            return ECertRefusal(QT_TRANSLATE_NOOP("kiosk", "这个电子证照二维码读不全，"
                                                           "请在手机上刷新后再扫一次"),
                                "malformed DZZZ1 code")
        kind, no, token = parts
        if kind.lower() != material:
            other = names.get(kind.lower())
            msg = (arg(QT_TRANSLATE_NOOP("kiosk", "这是%1的电子证照，这里需要的是%2"), other,
                       _words_of(material, names))
                   if other else arg(QT_TRANSLATE_NOOP("kiosk", "这个电子证照不是%1，请换一个"),
                                     _words_of(material, names)))
            return ECertRefusal(msg, "other kind")
        return ECertReference(material, kind, no, token, t, when)
    url = urlsplit(t) if "://" in t else None
    if url is not None and url.scheme in ("http", "https"):
        host = (url.hostname or "").lower()
        if is_receipt(t):
            return ECertRefusal(RECEIPT, "receipt code")
        if url.scheme == "https" and host and any(
                host == h.lower() or host.endswith("." + h.lower()) for h in trusted_hosts):
            return ECertReference(material, material.upper(), "", t, t, when)
        return ECertRefusal(QT_TRANSLATE_NOOP("kiosk", "这个二维码是一个网址，不是电子证照。"
                                                       "请在手机上打开电子证照，点“亮证”，"
                                                       "把二维码对准镜头"),
                            "untrusted url")
    if is_receipt(t):
        return ECertRefusal(RECEIPT, "receipt code")
    return ECertRefusal(NOT_ECERT, "unknown code")
