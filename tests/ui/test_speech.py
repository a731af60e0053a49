"""The Speaker: registered for QML, driven by the 再听一遍 control, silent (with one
technician warning) where there is no sound output, and — through a real PulseAudio null
sink in its own process — heard: the sink's monitor records non-silent audio as long as
the prompt's WAV."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk import prompts
from kiosk.flow import Screen, Step
from kiosk.flow.views import HomeView
from ui.speech import Speaker

REPO = Path(__file__).resolve().parents[2]
QML_DIR = REPO / "ui" / "qml"


HOME = Screen(Step.HOME, "首页", HomeView("示范社区", (("start_service", "我要办事"),)),
              back=False, home=False, masked_name="", polls_card=False, polls_printer=False,
              refreshes_case=False, idle_timeout_s=0, auto_next_s=0, hook="")


def accessible_buttons(window: QQuickWindow) -> list[str]:
    """Names of the buttons an assistive technology sees (AT-SPI walks the same tree)."""
    found: list[str] = []

    def walk(node: QAccessibleInterface | None, depth: int = 0) -> None:
        if node is None or depth > 20:
            return
        if node.role() == QAccessible.Role.Button:
            found.append(node.text(QAccessible.Text.Name))
        for i in range(node.childCount()):
            walk(node.child(i), depth + 1)

    walk(QAccessible.queryAccessibleInterface(window))
    return found


def sox(path: Path, *effects: str) -> tuple[float, float]:
    out = subprocess.run(["sox", str(path), "-n", *effects, "stat"], capture_output=True,
                         text=True, check=True).stderr
    length = re.search(r"Length \(seconds\):\s+([\d.]+)", out)
    rms = re.search(r"RMS\s+amplitude:\s+([\d.]+)", out)
    assert length and rms, out
    return float(length.group(1)), float(rms.group(1))


@pytest.fixture
def speaker(tmp_path: Path) -> Speaker:
    return Speaker(tmp_path / "cache", volume=70, mode="elder")


def test_repeat_button_calls_the_speaker_and_no_output_means_silence(
        qtbot: QtBot, speaker: Speaker, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    qml = tmp_path / "Probe.qml"
    qml.write_text(f'import QtQuick\nimport QtQuick.Window\nimport "{QML_DIR.as_uri()}"\n'
                   "Window { width: 400; height: 300; visible: true\n"
                   "  property Speaker sp\n"
                   "  RepeatButton { objectName: 'repeat'; speaker: sp } }\n",
                   encoding="utf-8")
    engine = QQmlApplicationEngine()
    warnings: list[str] = []
    engine.warnings.connect(lambda ws: warnings.extend(w.toString() for w in ws))
    engine.setInitialProperties({"sp": speaker})
    engine.load(QUrl.fromLocalFile(str(qml)))
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow), warnings
    button = window.findChild(QQuickItem, "repeat")
    assert button is not None and warnings == []
    assert button.isVisible() and speaker.property("available")  # espeak-ng is here
    assert button.width() >= 60 and button.height() >= 60
    assert button.property("text") == "再听一遍"

    speaker.show(HOME)  # not 长辈模式: becomes current, not spoken
    assert speaker.property("prompt") == prompts.step_prompt(Step.HOME)
    assert not speaker.property("auto")
    played: list[str] = []
    speaker.played.connect(played.append)
    assert not QMediaDevices.audioOutputs()  # this process has no sound server

    def told() -> int:
        return sum("no audio output" in r.getMessage() for r in caplog.records)

    with caplog.at_level(logging.WARNING, logger="ui.speech"):
        with qtbot.waitExposed(window):
            window.show()
        assert accessible_buttons(window) == ["再听一遍"]
        assert told() == 0
        centre = button.mapToScene(QPointF(button.width() / 2, button.height() / 2))
        QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         centre.toPoint())
        qtbot.waitUntil(lambda: told() == 1)  # the tap reached Speaker.say
        assert speaker.repeat() is False  # a second time: still silent, still no crash
    assert told() == 1  # the technician is told once, not on every tap
    assert played == []
    engine.deleteLater()


def test_speaker_never_speaks_text_outside_the_prompt_catalogue(
        speaker: Speaker, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="ui.speech"):
        assert speaker.say("张桂兰，身份证号420102195003120021") is False
    assert all("张" not in r.getMessage() and "4201" not in r.getMessage()
               for r in caplog.records)
    assert any("not a prompt" in r.getMessage() for r in caplog.records)


def test_modes_and_volume(tmp_path: Path) -> None:
    sp = Speaker(tmp_path, volume=150, mode="elder")
    assert sp.property("volume") == 100 and not sp.property("auto")
    sp.set_elder_mode(True)
    assert sp.property("auto") is True
    sp.set_volume(0)
    assert sp.effect.volume() == 0.0
    off = Speaker(tmp_path, mode="off")
    off.set_elder_mode(True)
    assert off.property("available") is False and off.property("auto") is False
    assert off.say(prompts.step_prompt(Step.HOME)) is False
    assert Speaker(tmp_path, mode="on").property("auto") is True
    with pytest.raises(ValueError, match="speech mode 'loud'"):
        Speaker(tmp_path, mode="loud")


@pytest.fixture
def null_sink(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private PulseAudio with one null sink ("kiosk"), as this test's own process."""
    run = tmp_path / "pulse"
    run.mkdir()
    env = {**os.environ, "HOME": str(run), "XDG_RUNTIME_DIR": str(run),
           "PULSE_SERVER": f"unix:{run / 'native'}"}
    proc = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
         "-L", "module-null-sink sink_name=kiosk",
         "-L", f"module-native-protocol-unix auth-anonymous=1 socket={run / 'native'}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode != 0:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "pulseaudio did not come up"
        time.sleep(0.1)
    yield env
    proc.terminate()
    proc.wait(10)


def test_say_plays_through_a_real_sound_server(tmp_path: Path,
                                               null_sink: dict[str, str]) -> None:
    """``python -m ui.speech`` (the technician's check) plays two prompts while parecord
    records the sink's monitor; sox finds speech in the recording, about as long as the
    two WAVs together (start and end trimmed of silence)."""
    env = {**null_sink, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path / "d"),
           "KIOSK_CONFIG": str(tmp_path / "none.toml")}
    rec = tmp_path / "rec.wav"
    recorder = subprocess.Popen(["parecord", "-d", "kiosk.monitor", "--file-format=wav",
                                 str(rec)], env=env)
    try:
        out = subprocess.run([sys.executable, "-m", "ui.speech", "insert_card",
                              "check_answers"], env=env, cwd=REPO, capture_output=True,
                             text=True, timeout=120)
    finally:
        time.sleep(0.3)  # the last buffer reaches the monitor
        recorder.terminate()
        recorder.wait(10)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "played insert_card: 请把身份证放在读卡区" in out.stdout
    assert "played check_answers" in out.stdout
    cache = prompts.cache_dir(tmp_path / "d")
    wavs = [cache / prompts.audio_name(prompts.step_prompt(s), "zh_CN")
            for s in (Step.INSERT_CARD, Step.CHECK_ANSWERS)]
    expected = sum(sox(w)[0] for w in wavs)
    heard, rms = sox(rec, "silence", "1", "0.05", "0.5%", "reverse", "silence", "1", "0.05",
                     "0.5%", "reverse")
    assert rms > 0.01, (heard, rms)
    # volume 80 on a log scale is ~0.35 of full: quieter, but there; the pause between the
    # two prompts is kept, so the recording is at least both prompts long
    assert expected * 0.85 <= heard <= expected + 3.0, (heard, expected)  # measured 0.95x


def test_prepare_renders_the_whole_cache_in_the_background(tmp_path: Path) -> None:
    sp = Speaker(tmp_path / "c")
    sp.prepare().join(60)
    assert len(list((tmp_path / "c").glob("*.wav"))) == 2 * len(prompts.ALL_PROMPTS)
