"""A 告知承诺 is confirmed only by a signature on the pad, never by a bare touch (issue 14).

Without Qt, on the real flow: the 核对信息 button (``confirm_commitment``) opens the pad
and binds nothing; an empty pad or a dot is refused in plain words and the case cannot be
submitted; a real signature is what lets it through, and withdrawing it blocks it again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.flow import FlowError, Step
from kiosk.flow.views import CheckAnswersView, SignView
from kiosk.signature import MIN_POINTS
from tests.kiosk.test_flow_materials import TODAY, name_strokes, to_materials


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    k.flow.today = lambda: TODAY
    yield k
    k.close()


def to_check_answers(k: Kiosk) -> CheckAnswersView:
    to_materials(k)
    f = k.flow
    for ref in ("bank_book", "disability_cert", "income_statement"):
        view = f.screen().view
        ways = {w.way for m in getattr(view, "materials", ()) if m.ref == ref for w in m.ways}
        if "defer" in ways:
            f.choose_way(ref, "defer")
    s = f.continue_materials()
    while s.step is Step.PHOTO:
        s = f.take_photo()
    assert s.step is Step.CHECK_ANSWERS, s.step
    f.consent(True)
    view = f.screen().view
    assert isinstance(view, CheckAnswersView)
    return view


def signed_ids(view: CheckAnswersView) -> set[str]:
    return {c.id for c in view.commitments if c.confirmed}


def test_a_touch_opens_the_pad_and_confirms_nothing(kiosk: Kiosk) -> None:
    f = kiosk.flow
    view = to_check_answers(kiosk)
    required = [c.id for c in view.commitments]
    assert required and not view.can_submit and signed_ids(view) == set()
    s = f.confirm_commitment(required[0], True)  # the button's touch
    assert s.step is Step.SIGN and isinstance(s.view, SignView) and not s.view.signed
    assert required[0] not in f.visit.signed
    s = f.back()
    assert s.step is Step.CHECK_ANSWERS
    assert isinstance(s.view, CheckAnswersView) and not s.view.can_submit
    s = f.submit()
    assert s.step is Step.PROBLEM and s.view.problem.kind == "not_confirmed"  # type: ignore[union-attr]
    assert any("签名" in d for d in s.view.problem.details)  # type: ignore[union-attr]
    assert not f.visit.cases


@pytest.mark.parametrize("strokes", [
    [],  # nothing drawn
    [[[300.0, 120.0]]],  # a tap
    [[[300.0, 120.0], [301.0, 120.5], [302.0, 121.0]]],  # a dot dragged a pixel or two
    [[[100.0 + 3 * i, 120.0] for i in range(MIN_POINTS + 5)]],  # a flat line, no height
])
def test_an_empty_or_too_short_signature_is_refused_in_plain_words(
        kiosk: Kiosk, strokes: list[list[list[float]]]) -> None:
    f = kiosk.flow
    view = to_check_answers(kiosk)
    cid = view.commitments[0].id
    f.confirm_commitment(cid, True)
    s = f.sign(strokes, 600, 240)
    assert s.step is Step.SIGN and isinstance(s.view, SignView)
    assert s.view.error and "签" in s.view.error and not s.view.signed
    assert cid not in f.visit.signed
    assert not re.search("[A-Za-z_]", s.view.error)  # the resident's words: no codes


def test_only_a_real_signature_lets_the_case_through_and_withdrawing_blocks_it(
        kiosk: Kiosk) -> None:
    f = kiosk.flow
    view = to_check_answers(kiosk)
    for c in view.commitments:
        assert f.confirm_commitment(c.id, True).step is Step.SIGN
        s = f.sign(name_strokes(), 600, 240)
        assert s.step is Step.CHECK_ANSWERS
    after = f.screen().view
    assert isinstance(after, CheckAnswersView) and after.can_submit
    assert signed_ids(after) == {c.id for c in view.commitments}
    first = view.commitments[0].id
    s = f.confirm_commitment(first, False)  # 点此撤回
    assert isinstance(s.view, CheckAnswersView) and not s.view.can_submit
    assert first not in f.visit.signed
    f.confirm_commitment(first, True)
    f.sign(name_strokes(), 600, 240)
    s = f.submit()
    assert s.step is Step.DONE
    events = [e for e in kiosk.store.audit_events() if e["action"] == "commitment.confirmed"]
    assert events and {json.loads(e["detail"])["signature"] for e in events} == {"signed"}


def test_the_pad_is_opened_only_from_check_answers(kiosk: Kiosk) -> None:
    to_materials(kiosk)
    with pytest.raises(FlowError):
        kiosk.flow.confirm_commitment("honesty", True)
