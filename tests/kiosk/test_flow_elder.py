"""长辈模式 and 高对比度 in the core flow: chosen on the home screen, they last for the visit
started from there and end with it, whichever way it ends; 长辈模式 gives a longer idle time
and shorter form pages. Qt-free."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest

from devices.idcard import CardRead
from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.flow import Step, Visit
from kiosk.flow.controller import ELDER_IDLE_FACTOR, ELDER_PAGE_SIZE
from kiosk.forms.page import DEFAULT_PAGE_SIZE
from kiosk.samples import sample_card, scripted_visit

TODAY = dt.date(2026, 11, 26)
CARD = sample_card()


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    k.flow.today = lambda: TODAY
    yield k
    k.close()


def test_the_home_screen_choice_shows_at_once_and_lasts_into_the_visit(kiosk: Kiosk) -> None:
    f = kiosk.flow
    home = f.screen()
    assert (home.elder, home.high_contrast) == (False, False)
    s = f.set_elder(True)
    assert s.step is Step.HOME and s.elder and not s.high_contrast
    s = f.set_contrast(True)
    assert s.elder and s.high_contrast
    for s in (f.start("service"), f.on_card(CardRead(CARD)), f.open_entry("LOCAL-MZ-0001")):
        assert s.elder and s.high_contrast, s.step
    s = f.set_elder(False)  # a helper may turn it off again mid-visit
    assert not s.elder and s.high_contrast


WAYS_OUT: dict[str, Callable[[Kiosk], object]] = {
    "home": lambda k: k.flow.home(),
    "exit": lambda k: k.flow.exit(),
    "idle": lambda k: k.flow.idle_timeout(),
    "legacy idle": lambda k: k.idle_timeout(),
}


@pytest.mark.parametrize("way", sorted(WAYS_OUT))
def test_every_way_out_ends_the_mode_with_the_visit(kiosk: Kiosk, way: str) -> None:
    f = kiosk.flow
    f.set_elder(True)
    f.set_contrast(True)
    f.start("service")
    f.on_card(CardRead(CARD))
    WAYS_OUT[way](kiosk)
    s = f.screen()
    assert s.step is Step.HOME and not s.elder and not s.high_contrast
    assert f.visit == Visit()


def test_finishing_a_visit_ends_the_mode_too(kiosk: Kiosk) -> None:
    f = kiosk.flow
    f.set_elder(True)
    result = scripted_visit(f, "LOCAL-RS-0002", CARD)
    assert result.screens[-1].elder  # the whole visit was drawn in 长辈模式
    assert f.skip_rating().step is Step.HOME
    assert not f.screen().elder


def test_a_visit_started_after_another_does_not_inherit_its_mode(kiosk: Kiosk) -> None:
    """The next resident at the terminal starts plain, even if the last one left the
    terminal mid-visit (a fresh start from anywhere but home ends the old visit first)."""
    f = kiosk.flow
    f.set_elder(True)
    f.start("service")
    f.on_card(CardRead(CARD))
    f.visit.step = Step.FIND_SERVICE  # still mid-visit
    assert not f.start("query").elder


def test_elder_mode_doubles_the_idle_time(kiosk: Kiosk) -> None:
    f = kiosk.flow
    plain = f.start("service").idle_timeout_s
    f.home()
    f.set_elder(True)
    assert plain > 0
    assert f.start("service").idle_timeout_s == plain * ELDER_IDLE_FACTOR
    f.home()
    assert f.screen().idle_timeout_s == 0  # the home screen has none, in either mode


def _form_pages(kiosk: Kiosk, elder: bool) -> list[int]:
    """How many questions each page of 最低生活保障's form asks, answering 否 throughout."""
    f = kiosk.flow
    f.home()
    f.set_elder(elder)
    f.start("service")
    f.on_card(CardRead(CARD))
    f.open_entry("LOCAL-MZ-0004")
    s = f.apply()
    while s.step is Step.QUESTION:
        s = f.answer("no")
    if s.step is Step.CHECKLIST:
        s = f.apply()
    sizes = []
    from kiosk.samples import sample_values

    while s.step is Step.FORM:
        fields = [x.id for x in s.view.fields if not x.read_only]  # type: ignore[union-attr]
        sizes.append(len(fields))
        s = f.continue_form(sample_values(kiosk.catalog, fields, TODAY))
    return sizes


def test_elder_form_pages_ask_fewer_questions_and_the_same_ones(kiosk: Kiosk) -> None:
    plain, elder = _form_pages(kiosk, False), _form_pages(kiosk, True)
    assert max(plain) == DEFAULT_PAGE_SIZE and max(elder) == ELDER_PAGE_SIZE, (plain, elder)
    assert sum(plain) == sum(elder) and len(elder) >= len(plain)
