"""The service view models copy the core's records with one notify signal per property,
emitted only when that property's value changed (no Qt scene needed)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.flow import UNKNOWN
from kiosk.flow.views import GuideView, QuestionView
from tests.conftest import free_port
from ui.vm.service_base import FlowBridge
from ui.vm.service_guide import GuideViewModel, QuestionViewModel


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    k = Kiosk.open(Config(data_dir=tmp_path / "data",
                          platform_url=f"http://127.0.0.1:{free_port()}"))
    yield k
    k.close()


def _spy(vm: QObject, names: list[str]) -> dict[str, int]:
    counts = dict.fromkeys(names, 0)
    for n in names:
        getattr(vm, n + "Changed").connect(lambda n=n: counts.__setitem__(n, counts[n] + 1))
    return counts


def test_only_the_changed_property_is_notified(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.flow.browse()
    kiosk.flow.open_entry("LOCAL-MZ-0004")
    bridge = FlowBridge(kiosk.flow)
    vm = GuideViewModel()
    vm.setProperty("session", bridge)
    view = bridge.current_screen().view
    assert isinstance(view, GuideView)
    assert vm.property("name") == "最低生活保障申请"
    assert vm._get_materials().rowCount() == len(view.materials)
    counts = _spy(vm, ["name", "fee", "promisedTime", "canApply"])
    vm.show(dataclasses.replace(view, fee="收费10元"))
    assert counts == {"name": 0, "fee": 1, "promisedTime": 0, "canApply": 0}
    assert vm.property("fee") == "收费10元"
    vm.show(dataclasses.replace(view, fee="收费10元"))  # the same record again: nothing
    assert counts["fee"] == 1


def test_a_question_follows_the_flow_and_hands_answers_back(qtbot: QtBot,
                                                            kiosk: Kiosk) -> None:
    kiosk.flow.browse()
    kiosk.flow.open_entry("LOCAL-MZ-0004")
    kiosk.flow.start_questions()
    bridge = FlowBridge(kiosk.flow)
    vm = QuestionViewModel()
    vm.setProperty("session", bridge)
    first = vm.property("questionId")
    assert first == "proxy" and vm._get_options().rowCount() == 3
    counts = _spy(vm, ["questionId", "text", "number", "total"])
    vm.answer(UNKNOWN)  # 不清楚 → the next question, through the real flow
    assert bridge.actions[-1] == ("answer", (UNKNOWN,))
    assert isinstance(bridge.current_screen().view, QuestionView)
    assert vm.property("questionId") != first
    assert counts["questionId"] == 1 and counts["text"] == 1 and counts["number"] == 1
    assert counts["total"] == 0  # still three questions
