"""Every domain error becomes a problem state in plain words; no step is silent."""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3
from collections.abc import Iterator

import pytest

from devices.camera.camera import CameraError
from devices.idcard import CardError, CardRead, ReaderError
from devices.idcard.mock import MockCardReader
from devices.printer.printer import (
    PrinterError,
    PrinterJammed,
    PrinterOfflineError,
    PrinterOutOfPaper,
)
from kiosk.app import Kiosk
from kiosk.applications import ApplicationInvalid
from kiosk.catalog import CatalogError
from kiosk.catalog.loader import Problem as CatalogProblem
from kiosk.config import Config
from kiosk.flow import Step
from kiosk.flow.problems import Problem, card_problem, card_refused, problem_for
from kiosk.flow.views import CheckAnswersView, InsertCardView, ProblemView, QueryView
from kiosk.forms.schema import FieldProblem
from kiosk.ratings import RatingInvalid
from kiosk.samples import sample_card, sample_values, scripted_visit
from kiosk.store import StoreError
from sync.client import PlatformAuthFailed, PlatformUnavailable

TODAY = dt.date(2026, 11, 26)
CARD = sample_card()


def _disk_full() -> StoreError:
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError as inner:
            raise StoreError(f"local database commit failed: {inner}") from inner
    except StoreError as exc:
        return exc


CASES: list[tuple[BaseException, Step, str, Step | None]] = [
    (ApplicationInvalid((FieldProblem("phone", "「手机号码」手机号码应为11位，现在是7位"),)),
     Step.CHECK_ANSWERS, "application_invalid", Step.CHECK_ANSWERS),
    (_disk_full(), Step.CHECK_ANSWERS, "disk_full", Step.CHECK_ANSWERS),
    (OSError(errno.ENOSPC, "No space left on device"), Step.CHECK_ANSWERS, "disk_full",
     Step.CHECK_ANSWERS),
    (StoreError("local database unavailable: locked"), Step.CHECK_ANSWERS,
     "store_unavailable", Step.CHECK_ANSWERS),
    (PrinterOutOfPaper("x"), Step.DONE, "printer_out_of_paper", Step.DONE),
    (PrinterJammed("x"), Step.DONE, "printer_jammed", Step.DONE),
    (PrinterOfflineError("x"), Step.DONE, "printer_unavailable", Step.DONE),
    (PrinterError("x"), Step.DONE, "printer_unavailable", Step.DONE),
    (CameraError("x"), Step.PHOTO, "camera_unavailable", Step.PHOTO),
    (CatalogError([CatalogProblem("catalog.json", "$.items[0]", "bad")]), Step.GUIDE,
     "catalog_unavailable", Step.FIND_SERVICE),
    (KeyError("LOCAL-XX-0001"), Step.FIND_SERVICE, "catalog_unavailable", Step.FIND_SERVICE),
    (PlatformUnavailable("timeout"), Step.QUERY_NUMBER, "platform_unreachable",
     Step.QUERY_NUMBER),
    (PlatformAuthFailed("clock_skew", "x"), Step.QUERY_NUMBER, "platform_unreachable",
     Step.QUERY_NUMBER),
    (RatingInvalid(["请选择不满意的原因"]), Step.RATE, "rating_invalid", Step.RATE),
    (RuntimeError("boom"), Step.FORM, "unexpected", Step.FORM),
]


@pytest.mark.parametrize(("exc", "step", "kind", "retry"), CASES,
                         ids=[f"{type(c[0]).__name__}-{c[2]}" for c in CASES])
def test_each_domain_error_maps_to_a_problem_with_words_and_a_next_step(
        exc: BaseException, step: Step, kind: str, retry: Step | None) -> None:
    p = problem_for(exc, step)
    assert p.kind == kind and p.retry == retry
    assert p.title and p.words and p.next_action and p.retry_label
    assert "Error" not in p.words + p.next_action  # words for a person, not a traceback
    if not isinstance(exc, RatingInvalid):  # its problems are the resident's own words
        assert str(exc) not in p.words  # the technician's detail stays in the logs


def test_application_invalid_carries_every_thing_to_fix_with_its_field() -> None:
    exc = ApplicationInvalid((FieldProblem("phone", "「手机号码」必须填写"),
                              FieldProblem("material:e_photo", "「电子证件照」还没有拍照")))
    p = problem_for(exc, Step.CHECK_ANSWERS)
    assert p.details == ("「手机号码」必须填写", "「电子证件照」还没有拍照")
    assert p.fields == ("phone", "material:e_photo") and p.kept


def test_card_problems_are_banners_that_keep_the_card_screen(cfg: Config) -> None:
    assert card_problem(CardError("torn")).retry is Step.INSERT_CARD
    assert card_problem(ReaderError("gone")).kind == "reader_unavailable"
    assert card_refused("已过期").words == "已过期"
    k = Kiosk.open(cfg)
    try:
        f = k.flow
        f.start("service")
        reader = MockCardReader(cfg.mock_dir)
        reader.insert_torn()
        s = f.poll_card()
        assert s.step is Step.INSERT_CARD and s.polls_card
        assert isinstance(s.view, InsertCardView) and s.view.banner is not None
        assert s.view.banner.kind == "card_unreadable"
        s = f.on_card(CardRead(sample_card().__class__(**{
            **sample_card().__dict__, "valid_until": dt.date(2020, 1, 1)})))
        assert isinstance(s.view, InsertCardView) and s.view.banner is not None
        assert s.view.banner.kind == "card_refused" and "2020年1月1日" in s.view.banner.words
        reader.insert(CARD)
        s = f.poll_card()
        assert s.step is Step.FIND_SERVICE
    finally:
        k.close()


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    k.flow.today = lambda: TODAY
    yield k
    k.close()


def _to_check_answers(k: Kiosk, code: str) -> CheckAnswersView:
    f = k.flow
    f.start("service")
    f.on_card(CardRead(CARD))
    f.open_entry(code)
    s = f.apply()
    for _ in range(50):
        if s.step is Step.QUESTION:
            s = f.answer("no")
        elif s.step is Step.CHECKLIST:
            s = f.apply()
        elif s.step is Step.FORM:
            ids = [x.id for x in s.view.fields if not x.read_only]  # type: ignore[union-attr]
            s = f.continue_form(sample_values(f.catalog, ids, TODAY))
        elif s.step is Step.PHOTO:
            s = f.take_photo()
        elif s.step is Step.MATERIALS:
            s = f.continue_materials()
        else:
            break
    assert isinstance(s.view, CheckAnswersView)
    f.consent(True)
    return s.view


def test_an_invalid_application_at_submit_is_a_problem_not_silence(kiosk: Kiosk) -> None:
    _to_check_answers(kiosk, "LOCAL-WJ-0002")  # 老年人优待证: the photo is required
    f = kiosk.flow
    f.visit.photos.clear()  # the picture is lost (e.g. the camera's file went away)
    view = f.screen().view
    assert isinstance(view, CheckAnswersView) and not view.can_submit
    assert [p.field for p in view.problems] == ["material:e_photo"]
    s = f.submit()
    assert s.step is Step.PROBLEM and isinstance(s.view, ProblemView)
    assert s.view.problem.kind == "application_invalid"
    assert s.view.problem.fields == ("material:e_photo",)
    s = f.change("material:e_photo")  # 修改 beside the problem
    assert s.step is Step.PHOTO
    s = f.take_photo()
    assert s.step is Step.CHECK_ANSWERS
    assert f.submit().step is Step.DONE
    assert kiosk.store.queue_depth() == 1


def test_a_full_disk_at_submit_keeps_the_answers_and_says_so(kiosk: Kiosk,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    _to_check_answers(kiosk, "LOCAL-RS-0002")
    f = kiosk.flow
    typed = dict(f.visit.entered)

    def full(*_a: object, **_k: object) -> None:
        raise _disk_full()

    monkeypatch.setattr(kiosk.store, "create_case", full)
    s = f.submit()
    assert s.step is Step.PROBLEM and s.view.problem.kind == "disk_full"  # type: ignore[union-attr]
    monkeypatch.undo()
    s = f.retry()
    assert s.step is Step.CHECK_ANSWERS and f.visit.entered == typed
    assert f.submit().step is Step.DONE


def test_a_jammed_printer_is_its_own_screen_and_printing_again_works(
        kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> None:
    scripted_visit(kiosk.flow, "LOCAL-RS-0002", CARD)
    f = kiosk.flow
    printer = kiosk.devices.printer
    real = printer.print_pdf

    def jam(*_a: object) -> str:
        raise PrinterJammed("jam at the cutter")

    monkeypatch.setattr(printer, "print_pdf", jam)
    s = f.print_receipt()
    assert s.step is Step.PRINT_PROBLEM and s.view.problem.kind == "printer_jammed"  # type: ignore[union-attr]
    monkeypatch.setattr(printer, "print_pdf", real)
    s = f.retry()
    assert s.step is Step.DONE and s.view.printed  # type: ignore[union-attr]


def test_a_camera_failure_is_a_problem_whose_retry_is_the_photo(
        kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> None:
    f = kiosk.flow
    f.start("service")
    f.on_card(CardRead(CARD))
    f.open_entry("LOCAL-WJ-0002")
    s = f.apply()
    ids = [x.id for x in s.view.fields if not x.read_only]  # type: ignore[union-attr]
    s = f.continue_form(sample_values(f.catalog, ids, TODAY))
    assert s.step is Step.PHOTO

    def broken() -> object:
        raise CameraError("no frames")

    monkeypatch.setattr(kiosk.devices.camera, "capture", broken)
    s = f.take_photo()
    assert s.step is Step.PROBLEM and s.view.problem.kind == "camera_unavailable"  # type: ignore[union-attr]
    monkeypatch.undo()
    assert f.retry().step is Step.PHOTO


def test_an_unknown_entry_is_a_catalog_problem_back_to_find_service(kiosk: Kiosk) -> None:
    f = kiosk.flow
    f.browse()
    s = f.open_entry("LOCAL-XX-9999")
    assert s.step is Step.PROBLEM and s.view.problem.kind == "catalog_unavailable"  # type: ignore[union-attr]
    assert f.retry().step is Step.FIND_SERVICE


def test_an_unreachable_platform_in_a_query_says_so(kiosk: Kiosk,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    scripted_visit(kiosk.flow, "LOCAL-RS-0002", CARD)
    number = kiosk.flow.visit.cases[0].display_no
    kiosk.flow.home()
    f = kiosk.flow
    f.start_query_number()
    s = f.query_number(number)  # the config's platform (127.0.0.1:9) refuses connections
    assert isinstance(s.view, QueryView) and [r.case_no for r in s.view.rows] == [number]
    assert s.view.note  # says these are the terminal's own records

    import kiosk.status as status

    def down(*_a: object) -> object:
        raise PlatformUnavailable("connect timeout")

    f.home()
    f.start_query_number()
    monkeypatch.setattr(status, "by_number", down)
    s = f.query_number(number)
    assert s.step is Step.PROBLEM and s.view.problem.kind == "platform_unreachable"  # type: ignore[union-attr]
    assert f.retry().step is Step.QUERY_NUMBER


def test_a_number_that_is_not_one_is_said_on_the_digit_pad(kiosk: Kiosk) -> None:
    f = kiosk.flow
    f.start_query_number()
    s = f.query_number("??")
    assert s.step is Step.QUERY_NUMBER and s.view.error  # type: ignore[union-attr]


def test_problems_hold_no_personal_value() -> None:
    for exc, step, _, _ in CASES:
        p = problem_for(exc, step)
        assert isinstance(p, Problem)
        for text in (p.title, p.words, p.next_action, *p.details):
            assert CARD.name not in text and CARD.id_number not in text


def test_the_done_screen_reads_the_printer_only_in_its_poll(kiosk: Kiosk,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    from devices.printer.mock import MockPrinter

    scripted_visit(kiosk.flow, "LOCAL-RS-0002", CARD)
    f = kiosk.flow
    assert f.screen().view.printer_ready  # type: ignore[union-attr]
    MockPrinter(kiosk.config.mock_dir).set_sheets(0)
    calls: list[int] = []
    real = kiosk.devices.printer.status
    monkeypatch.setattr(kiosk.devices.printer, "status", lambda: calls.append(1) or real())
    f.screen()
    assert calls == []  # building a screen never waits for a device
    s = f.refresh_cases()  # the done screen's poll (off the GUI thread)
    assert calls == [1]
    assert s.view.printer == "打印机缺纸" and not s.view.printer_ready  # type: ignore[union-attr]
