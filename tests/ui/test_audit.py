"""The 适老化 audit, proved on small QML scenes built to break one rule each, and then on
every real screen (``kiosk screenshots --audit`` must find nothing)."""

from __future__ import annotations

import os
import subprocess
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QImage
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow
from pytestqt.qtbot import QtBot

from kiosk.fonts import cjk_font_path
from tests.conftest import free_port
from ui.audit import (
    ACCESSIBLE_NAME,
    CONTRAST,
    ELDER,
    GESTURE,
    LINE_SPACING,
    NORMAL,
    POPUP,
    TARGET_GAP,
    TARGET_SIZE,
    TEXT_SIZE,
    RuleSet,
    Violation,
    activate_accessibility,
    audit,
)

Scene = Callable[..., list[Violation]]


@pytest.fixture
def scene(qtbot: QtBot, tmp_path: Path) -> Iterator[Scene]:
    """Renders a QML body inside a 1280×800 window (light background) and audits it."""
    activate_accessibility()
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    fid = QFontDatabase.addApplicationFont(str(cjk_font_path()))
    app.setFont(QFont(QFontDatabase.applicationFontFamilies(fid)[0]))
    engines: list[QQmlApplicationEngine] = []

    def render(body: str, rules: RuleSet = NORMAL, size: tuple[int, int] = (1280, 800)
               ) -> list[Violation]:
        qml = tmp_path / f"scene{len(engines)}.qml"
        qml.write_text("import QtQuick\nimport QtQuick.Controls\n"
                       f"Window {{ width: {size[0]}; height: {size[1]}; visible: true\n"
                       f'  color: "#EEF1F5"\n{body}\n}}\n', encoding="utf-8")
        engine = QQmlApplicationEngine()
        engines.append(engine)
        engine.load(QUrl.fromLocalFile(str(qml)))
        window = engine.rootObjects()[0]
        assert isinstance(window, QQuickWindow)
        qtbot.waitExposed(window)
        return audit(window, window.grabWindow(), "scene", rules)

    yield render
    for e in engines:
        for w in e.rootObjects():
            if isinstance(w, QQuickWindow):
                w.close()


def button(x: int, y: int, text: str = "确定", w: int = 200, h: int = 80,
           extra: str = "", px: int = 28) -> str:
    return (f'Button {{ objectName: "{text}"; x: {x}; y: {y}; text: "{text}"; '
            f'font.pixelSize: {px}; width: {w}; height: {h}; {extra} }}')


def rules_of(found: list[Violation]) -> list[tuple[str, str]]:
    """(item, rule) pairs; a text is named by its objectName, then its text and place."""
    return [(v.item.split(" “")[0], v.rule) for v in found]


def test_a_compliant_screen_passes(scene: Scene) -> None:
    found = scene(
        button(40, 40, "确定") + button(260, 40, "返回")
        + 'Text { x: 40; y: 200; text: "请把身份证放在读卡区"; font.pixelSize: 30; '
          'color: "#111111" }'
        + 'Text { x: 40; y: 260; width: 400; wrapMode: Text.WordWrap; lineHeight: 1.4; '
          'text: "养老保险、医疗保险、高龄津贴等都可以在这里办理，请按提示操作"; '
          'font.pixelSize: 26; color: "#3C4350" }'
        + 'Rectangle { x: 600; y: 200; width: 300; height: 120; color: "#0A4FA3"; '
          'Accessible.role: Accessible.Button; Accessible.name: "我要办事"; '
          'Text { anchors.centerIn: parent; text: "我要办事"; color: "white"; '
          'font.pixelSize: 40 } MouseArea { anchors.fill: parent } }'
        + 'TextField { x: 40; y: 520; width: 400; height: 80; font.pixelSize: 28; '
          'text: "13800000000"; Accessible.name: "手机号码" }')
    assert found == []


def test_a_too_small_button_is_caught(scene: Scene) -> None:
    found = scene(button(40, 40, "小", w=50, h=40))
    assert rules_of(found) == [("小", TARGET_SIZE)]
    assert found[0].measured == "50×40 px" and found[0].limit == "60×60 px"


def test_a_16_px_text_is_caught_and_points_are_converted(scene: Scene) -> None:
    found = scene('Text { objectName: "tiny"; x: 40; y: 40; text: "说明"; font.pixelSize: 16;'
                  ' color: "#111111" }'
                  'Text { objectName: "points"; x: 40; y: 140; text: "十二磅"; '
                  'font.pointSize: 12; color: "#111111" }'
                  'Text { objectName: "big"; x: 40; y: 240; text: "够大"; font.pointSize: 18;'
                  ' color: "#111111" }')
    assert rules_of(found) == [("tiny", TEXT_SIZE), ("points", TEXT_SIZE)]
    assert found[1].measured == "16.0 px"  # 12 pt at 96 dpi


def test_grey_on_grey_is_caught_from_the_pixels(scene: Scene) -> None:
    found = scene('Rectangle { x: 0; y: 0; width: 600; height: 200; color: "#999999"; '
                  'Text { objectName: "grey"; x: 40; y: 40; text: "看不清的字"; '
                  'font.pixelSize: 28; color: "#777777" } }')
    assert rules_of(found) == [("grey", CONTRAST)]
    measured = float(found[0].measured.split(":")[0])
    assert 1.0 < measured < 1.6  # #777 on #999 is 1.5:1


def test_low_contrast_in_a_label_with_its_own_background_is_caught(scene: Scene) -> None:
    """A text with child items (a Label's background, a TextField's frame) cannot be hidden
    alone; its background is read from the pixels around the glyphs."""
    found = scene('Label { objectName: "tag"; x: 40; y: 40; padding: 12; text: "待补正"; '
                  'font.pixelSize: 28; color: "#8A8A8A"; background: Rectangle { '
                  'color: "#B0B0B0" } }'
                  'Label { objectName: "fine"; x: 40; y: 200; padding: 12; text: "已办结"; '
                  'font.pixelSize: 28; color: "#111111"; background: Rectangle { '
                  'color: "#E3F4E8" } }'
                  'TextField { objectName: "pale"; x: 40; y: 360; width: 400; height: 80; '
                  'font.pixelSize: 28; text: "13800000000"; color: "#C8C8C8"; '
                  'Accessible.name: "手机号码" }')
    assert rules_of(found) == [("tag", CONTRAST), ("pale", CONTRAST)]


def test_a_dark_text_over_a_dark_picture_is_caught(scene: Scene, tmp_path: Path) -> None:
    """The declared colour (#111 on the window's light grey) would pass; the picture drawn
    behind it is what the resident sees."""
    rnd = np.random.default_rng(13)
    for name, low, high in (("dark", 10, 70), ("light", 200, 255)):
        noise = rnd.integers(low, high, size=(50, 150, 3), dtype=np.uint8)
        pixels = np.ascontiguousarray(noise.repeat(4, axis=0).repeat(4, axis=1))
        img = QImage(pixels.tobytes(), 600, 200, 600 * 3, QImage.Format.Format_RGB888)
        assert img.save(str(tmp_path / f"{name}.png"))
    found = scene(f'Image {{ x: 0; y: 0; source: "{(tmp_path / "dark.png").as_uri()}" }}'
                  f'Image {{ x: 0; y: 300; source: "{(tmp_path / "light.png").as_uri()}" }}'
                  'Text { objectName: "onDark"; x: 40; y: 60; text: "请放身份证"; '
                  'font.pixelSize: 40; font.bold: true; color: "#111111" }'
                  'Text { objectName: "onLight"; x: 40; y: 360; text: "请放身份证"; '
                  'font.pixelSize: 40; font.bold: true; color: "#111111" }')
    assert rules_of(found) == [("onDark", CONTRAST)]


def test_a_missing_or_wrong_accessible_name_is_caught(scene: Scene) -> None:
    found = scene('Rectangle { objectName: "tile"; x: 40; y: 40; width: 300; height: 120; '
                  'color: "#0A4FA3"; Text { anchors.centerIn: parent; text: "办件查询"; '
                  'color: "white"; font.pixelSize: 36 } MouseArea { anchors.fill: parent } }'
                  + button(40, 300, "继续", extra='Accessible.name: "下一步"'))
    assert rules_of(found) == [("tile", ACCESSIBLE_NAME), ("继续", ACCESSIBLE_NAME)]
    assert found[0].limit == "a name (its text: “办件查询”)"


def test_two_buttons_2_px_apart_are_caught(scene: Scene) -> None:
    found = scene(button(40, 40, "是") + button(242, 40, "否"))
    assert rules_of(found) == [("是 ↔ 否", TARGET_GAP)]
    assert found[0].measured == "2 px"


def test_hidden_clipped_transparent_and_off_screen_items_are_not_counted(
        scene: Scene) -> None:
    found = scene(button(40, 40, "a", w=20, h=20, extra="visible: false")
                  + button(80, 40, "b", w=20, h=20, extra="opacity: 0")
                  + button(1400, 40, "c", w=20, h=20)
                  + 'Item { x: 40; y: 200; width: 100; height: 100; clip: true; '
                  + button(300, 0, "d", w=20, h=20) + ' }'
                  + 'Text { x: 40; y: 900; text: "下面"; font.pixelSize: 10 }'
                  # a text scrolled all but out of view: a 2 px sliver of its box, no ink
                  + 'Item { x: 400; y: 200; width: 400; height: 100; clip: true; '
                    'Text { y: 98; text: "下一段"; font.pixelSize: 30; color: "#111111" } }')
    assert found == []


def test_a_text_in_the_colour_behind_it_is_caught(scene: Scene) -> None:
    found = scene('Text { objectName: "ghost"; x: 40; y: 40; text: "看不见"; '
                  'font.pixelSize: 30; color: "#EEF1F5" }')
    assert rules_of(found) == [("ghost", CONTRAST)]
    assert found[0].measured == "1.00:1 (no ink shows: drawn in the colour behind it)"


def test_a_backdrop_that_swallows_presses_between_buttons_is_not_a_target(
        scene: Scene) -> None:
    """A keyboard panel's or a modal's MouseArea under its buttons is no target; a bare
    tap area with nothing on it still is one (and needs a name)."""
    found = scene('Rectangle { x: 0; y: 300; width: 1280; height: 300; color: "#263238"; '
                  'MouseArea { anchors.fill: parent } '
                  + button(40, 40, "甲") + button(260, 40, "乙") + ' }'
                  'Rectangle { objectName: "bare"; x: 40; y: 40; width: 200; height: 100; '
                  'color: "#dddddd"; MouseArea { anchors.fill: parent } }')
    assert rules_of(found) == [("bare", ACCESSIBLE_NAME)]


def test_a_button_covered_by_a_panel_is_not_counted(scene: Scene) -> None:
    """Under an opaque panel (a keyboard over the footer) a too-small, nameless button, its
    text and a plain text show nothing: not counted, like invisible ones. A button only
    partly under the panel still shows, and counts."""
    found = scene('Rectangle { objectName: "tiny"; x: 40; y: 680; width: 30; height: 30; '
                  'Text { text: "首页"; font.pixelSize: 12 } MouseArea { anchors.fill: parent } }'
                  + button(400, 560, "继", w=50)
                  + 'Text { x: 600; y: 700; text: "键盘下面"; font.pixelSize: 30 }'
                  + 'Rectangle { x: 0; y: 620; width: 1280; height: 180; color: "#263238" }')
    assert rules_of(found) == [("继", TARGET_SIZE)]


def test_elder_rules_and_a_larger_screen_raise_the_limits(scene: Scene) -> None:
    body = button(40, 40, "办", w=76, h=70, px=48)
    assert scene(body) == []
    assert rules_of(scene(body, ELDER)) == [("办", TARGET_SIZE)]
    assert rules_of(scene(body, NORMAL, (2560, 1600))) == [("办", TARGET_SIZE)]


def test_crowded_lines_and_horizontal_swipes_are_caught(scene: Scene) -> None:
    found = scene('Text { objectName: "crowded"; x: 40; y: 40; width: 300; '
                  'wrapMode: Text.WordWrap; lineHeight: 0.8; font.pixelSize: 28; '
                  'color: "#111111"; text: "一行字一行字一行字一行字一行字一行字" }'
                  'ListView { objectName: "strip"; x: 40; y: 400; width: 600; height: 100; '
                  'orientation: ListView.Horizontal; model: 20; delegate: Rectangle { '
                  'width: 100; height: 100; color: index % 2 ? "#cccccc" : "#dddddd" } }')
    assert rules_of(found) == [("strip", GESTURE), ("crowded", LINE_SPACING)]


def test_an_open_pop_up_is_caught(scene: Scene) -> None:
    found = scene('Popup { objectName: "notice"; x: 100; y: 100; width: 400; height: 200; '
                  'visible: true; contentItem: Text { text: "请注意"; font.pixelSize: 30; '
                  'color: "#111111" } }')
    assert rules_of(found) == [("notice", POPUP)], found


# (rules, language, 高对比度): the normal mode, plain and in 高对比度 (English is measured
# in-process by test_i18n_visit.py). 长辈模式 (``--rules elder``) is not held here yet: its
# one screen left, rate_poor (the reasons and the phone pad do not fit 800 px at 1.34×),
# still has violations — issue 15's closing note counts them.
AUDITS = [("normal", "zh_CN", False), ("normal", "zh_CN", True)]


@pytest.mark.parametrize(("rules", "language", "contrast"), AUDITS,
                         ids=["-".join((r, lang, "hc" if c else "plain"))
                              for r, lang, c in AUDITS])
def test_every_screen_passes_the_audit(tmp_path: Path, rules: str, language: str,
                                       contrast: bool) -> None:
    """What CI holds the screens to: ``kiosk screenshots OUTDIR --audit`` itself, in its own
    process (so the Pinyin keyboard is there and form_keyboard is drawn, as on a terminal),
    exits 0 — zero violations over every screen, in each mode and language (``--rules
    elder`` draws the screens in 长辈模式 and holds them to its column of the table). A
    failure lists each violation to fix."""
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(f'data_dir = "{tmp_path / "data"}"\n'
                   f'platform_url = "http://127.0.0.1:{free_port()}"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "QT_IM_"))}
    env.update(KIOSK_CONFIG=str(cfg), QT_QPA_PLATFORM="offscreen", KIOSK_LANGUAGE=language)
    out = tmp_path / "shots"
    proc = subprocess.run([sys.executable, "-m", "kiosk.cli", "screenshots", str(out),
                           "--audit", "--rules", rules,
                           *(["--high-contrast"] if contrast else [])],
                          env=env, capture_output=True, text=True, timeout=600)
    lines = [ln for ln in proc.stdout.splitlines() if not ln.startswith(str(out))]
    summary = lines[-1] if lines else proc.stderr[-2000:]
    assert "适老化 audit" in summary, summary
    assert ("长辈模式 rules" in summary) == (rules == "elder"), summary
    screens = sorted(out.glob("*.png"))
    assert f"of {len(screens)} screens" in summary and len(screens) >= 30, summary
    assert proc.returncode == 0, "\n".join(lines)
