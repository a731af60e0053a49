"""返回首页, 退出, the idle timeout (and skipping the rating) end a visit the same way.

After each, every field of the flow's visit, the legacy session and its view, and the
screen record is walked: no name, ID number, address or typed value of the resident may be
left anywhere, and their saved draft is gone from the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from typing import Any

import pytest

from devices.idcard import CardRead
from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.flow import Screen, Step, Visit
from kiosk.samples import sample_card, sample_values
from kiosk.session import SessionView


def leaks(obj: Any, secrets: Iterable[str], path: str = "", seen: set[int] | None = None
          ) -> list[str]:
    """Paths inside ``obj`` (dataclasses, mappings, sequences, sets, bytes, text) where one
    of ``secrets`` appears."""
    seen = set() if seen is None else seen
    secrets = tuple(s for s in secrets if s)
    if id(obj) in seen:
        return []
    if isinstance(obj, str):
        return [path or "."] if any(s in obj for s in secrets) else []
    if isinstance(obj, bytes):
        return [path] if any(s.encode() in obj for s in secrets) else []
    if obj is None or isinstance(obj, bool | int | float | Enum):
        return []
    seen.add(id(obj))
    out: list[str] = []
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            out += leaks(getattr(obj, f.name), secrets, f"{path}.{f.name}", seen)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            out += leaks(k, secrets, f"{path}[key]", seen)
            out += leaks(v, secrets, f"{path}[{k!r}]", seen)
    elif isinstance(obj, list | tuple | set | frozenset):
        for i, v in enumerate(obj):
            out += leaks(v, secrets, f"{path}[{i}]", seen)
    elif hasattr(obj, "__dict__"):
        for k, v in vars(obj).items():
            out += leaks(v, secrets, f"{path}.{k}", seen)
    return out


TODAY = dt.date(2026, 11, 26)
CARD = sample_card()
PHONE = "13800138000"  # what kiosk.samples types into a phone field


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    k.flow.today = lambda: TODAY
    yield k
    k.close()


def _half_way(k: Kiosk) -> Screen:
    """A resident mid-form with a draft saved: card read, answers given, a page typed."""
    f = k.flow
    f.start("service")
    f.on_card(CardRead(CARD))
    f.open_entry("LOCAL-MZ-0004")
    s = f.apply()
    while s.step is Step.QUESTION:
        s = f.answer("no")
    s = f.apply()
    assert s.step is Step.FORM
    fields = [x.id for x in s.view.fields if not x.read_only]  # type: ignore[union-attr]
    s = f.continue_form(sample_values(k.catalog, fields, TODAY))
    assert s.step is Step.FORM and s.view.page == 2  # type: ignore[union-attr]
    assert k.store.load_draft("resident", CARD.id_number) is not None
    return s


SECRETS = (CARD.name, CARD.id_number, CARD.address, PHONE, "湖北省武汉市江岸区幸福路12号")

WAYS_OUT: dict[str, Callable[[Kiosk], object]] = {
    "home": lambda k: k.flow.home(),
    "exit": lambda k: k.flow.exit(),
    "idle": lambda k: k.flow.idle_timeout(),
    "legacy idle": lambda k: k.idle_timeout(),
    "legacy session.end (ui 退出)": lambda k: k.session.end(),
}


@pytest.mark.parametrize("way", sorted(WAYS_OUT))
def test_every_way_out_leaves_nothing_of_the_resident(kiosk: Kiosk, way: str) -> None:
    s = _half_way(kiosk)
    assert leaks(kiosk.flow.visit, SECRETS)  # the walker does find them while they are there
    assert leaks(s, (CARD.name, CARD.id_number)) == []  # screens only show masked identity
    WAYS_OUT[way](kiosk)
    f = kiosk.flow
    assert f.visit == Visit()
    assert leaks(f.visit, SECRETS) == []
    assert leaks(f.screen(), SECRETS) == []
    assert f.screen().step is Step.HOME and f.screen().masked_name == ""
    assert leaks(kiosk.session, SECRETS) == [] and kiosk.session.view == SessionView()
    assert kiosk.session.applicant is None
    assert kiosk.store.load_draft("resident", CARD.id_number) is None


def test_after_submitting_and_skipping_the_rating_nothing_is_left(kiosk: Kiosk) -> None:
    from kiosk.samples import scripted_visit

    scripted_visit(kiosk.flow, "LOCAL-RS-0002", CARD)
    s = kiosk.flow.rate()
    assert s.step is Step.RATE and s.view.skippable  # type: ignore[union-attr]
    s = kiosk.flow.skip_rating()
    assert s.step is Step.HOME
    assert leaks(kiosk.flow.visit, SECRETS) == [] and leaks(kiosk.session, SECRETS) == []


def test_a_new_visit_keeps_a_draft_saved_before_a_power_cut(cfg: Config) -> None:
    k = Kiosk.open(cfg)
    k.flow.today = lambda: TODAY
    _half_way(k)
    k.close()  # power cut: no way out was taken
    k = Kiosk.open(cfg)
    try:
        k.flow.today = lambda: TODAY
        k.flow.start("service")
        k.flow.on_card(CardRead(CARD))
        k.flow.open_entry("LOCAL-MZ-0004")
        assert k.flow.visit.entered.get("phone") == PHONE  # resumed, not typed again
        k.flow.idle_timeout()
        assert k.store.load_draft("resident", CARD.id_number) is None
    finally:
        k.close()
