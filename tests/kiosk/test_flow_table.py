"""The flow table is well-formed: read as data, without running a visit."""

from __future__ import annotations

import inspect

from kiosk.flow import FLOW, ResidentFlow, Step
from kiosk.flow.problems import problem_for
from kiosk.flow.steps import reachable
from kiosk.flow.visit import GUARDS


def test_every_step_has_exactly_one_row_and_every_next_step_exists() -> None:
    assert set(FLOW) == set(Step)
    for step, spec in FLOW.items():
        assert spec.step is step
        assert spec.title
        for n in spec.next:
            assert isinstance(n, Step) and n in FLOW, f"{step} → {n}"
        assert len(set(spec.next)) == len(spec.next), f"{step} lists a next step twice"


def test_every_step_is_reachable_from_home() -> None:
    assert reachable(Step.HOME) == set(Step)


def test_every_step_has_a_way_home() -> None:
    for step, spec in FLOW.items():
        if step is Step.HOME:
            continue
        auto_home = spec.auto_next_s > 0 and spec.next[0] is Step.HOME
        assert spec.home or Step.HOME in spec.next or auto_home, f"{step} traps the resident"
        # and the idle timeout ends every screen, 维护信息 included (a technician who walks
        # away must not leave the terminal out of service)
        assert spec.idle_timeout_s != 0, step


def test_guards_and_exit_actions_named_in_the_table_exist() -> None:
    actions = {"save_draft"}
    for spec in FLOW.values():
        assert not spec.guard or spec.guard in GUARDS, spec.guard
        assert set(spec.on_exit) <= actions, spec.on_exit
        assert set(spec.on_enter) <= {"end_visit"}, spec.on_enter


def test_devices_and_timers_are_named_per_step() -> None:
    assert [s for s, spec in FLOW.items() if spec.polls_card] == [Step.INSERT_CARD]
    assert {s for s, spec in FLOW.items() if spec.polls_printer} == {Step.DONE,
                                                                      Step.PRINT_PROBLEM}
    assert FLOW[Step.RATED].auto_next_s > 0
    assert FLOW[Step.HOME].idle_timeout_s == 0
    # device steps of the next issue are hooks named in the table, not hidden in code
    assert FLOW[Step.PHOTO].hook and FLOW[Step.QUERY_SCAN].hook


def test_personal_steps_need_a_card_and_cannot_be_returned_to_after_submitting() -> None:
    assert not FLOW[Step.HOME].in_history  # 返回 never reaches home without ending the visit
    for step in (Step.FORM, Step.PHOTO, Step.CHECK_ANSWERS, Step.DONE):
        assert FLOW[step].needs_card, step
    assert not FLOW[Step.DONE].back and not FLOW[Step.DONE].in_history
    assert Step.CHECK_ANSWERS not in FLOW[Step.DONE].next


def test_every_problem_retry_target_is_a_step_the_problem_screen_may_go_to() -> None:
    from devices.printer.printer import PrinterOutOfPaper
    from kiosk.applications import ApplicationInvalid
    from kiosk.catalog import CatalogError, Problem
    from kiosk.store import StoreError
    from sync.client import PlatformUnavailable

    excs: list[BaseException] = [ApplicationInvalid(()), StoreError("x"), KeyError("x"),
                                 CatalogError([Problem("f", "$", "bad")]),
                                 PlatformUnavailable("x"), RuntimeError()]
    for step in Step:
        for exc in excs:
            target = problem_for(exc, step).retry
            assert target is None or target in FLOW[Step.PROBLEM].next, (exc, step, target)
    assert problem_for(PrinterOutOfPaper("x"), Step.DONE).retry in FLOW[Step.PRINT_PROBLEM].next


def test_every_documented_action_exists_on_the_flow() -> None:
    doc = inspect.getdoc(__import__("kiosk.flow", fromlist=["x"])) or ""
    for name in ("start", "browse", "poll_card", "on_card", "open_category", "search",
                 "open_entry", "start_questions", "show_checklist", "apply", "answer",
                 "print_checklist", "continue_form", "use_history", "take_photo", "change",
                 "consent", "confirm_commitment", "defer", "submit", "print_receipt", "rate",
                 "refresh_cases", "retry", "skip_print", "choose_level", "submit_rating",
                 "skip_rating", "reprint", "rate_row", "open_correction", "open_query_number",
                 "query_number", "open_scan", "scan_payload", "print_correction", "back",
                 "home", "exit", "idle_timeout", "open_maintenance", "start_query_number"):
        assert callable(getattr(ResidentFlow, name)), name
        assert f"{name}(" in doc, f"{name} is not in the published API"


def test_the_sample_resident_is_the_demo_resident() -> None:
    from kiosk.demo import sample_card as demo_card
    from kiosk.samples import sample_card

    assert sample_card() == demo_card()
