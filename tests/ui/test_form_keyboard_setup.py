"""ui/keyboard.py: the Pinyin keyboard is chosen, and its user dictionary has a writable home."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths

from ui.keyboard import DICTIONARY_SUBDIR, FALLBACK_SUBDIR, IM_MODULE, prepare_keyboard


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    monkeypatch.delenv("QT_IM_MODULE", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return monkeypatch


def _qt_config_home() -> Path:
    loc = QStandardPaths.StandardLocation.GenericConfigLocation
    return Path(QStandardPaths.writableLocation(loc))


def test_a_writable_home_keeps_the_dictionary_in_its_config_folder(
        env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    setup = prepare_keyboard(tmp_path / "data")
    home_config = tmp_path / "home" / ".config"
    assert setup.im_module == IM_MODULE and not setup.moved
    assert setup.dictionary_dir == home_config / DICTIONARY_SUBDIR
    assert setup.dictionary_dir.is_dir()
    assert _qt_config_home() == home_config
    assert not (tmp_path / "data").exists()


def test_a_home_that_cannot_be_written_moves_the_dictionary_under_data_dir(
        env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A plain file where the home should be: nothing can be created under it (this holds
    # for root too, unlike a chmod).
    (tmp_path / "home").write_text("not a folder")
    setup = prepare_keyboard(tmp_path / "data")
    fallback = tmp_path / "data" / FALLBACK_SUBDIR
    assert setup.moved and setup.config_home == fallback
    assert setup.dictionary_dir == fallback / DICTIONARY_SUBDIR
    assert setup.dictionary_dir.is_dir()
    # Qt, which the Pinyin engine asks, now points there.
    assert _qt_config_home() == fallback


def test_an_unwritable_xdg_config_home_is_replaced_too(
        env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    env.setenv("XDG_CONFIG_HOME", str(blocker / "config"))
    setup = prepare_keyboard(tmp_path / "data")
    assert setup.moved and _qt_config_home() == tmp_path / "data" / FALLBACK_SUBDIR


def test_an_operators_input_method_is_left_alone(env: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    env.setenv("QT_IM_MODULE", "ibus")
    assert prepare_keyboard(tmp_path / "data").im_module == "ibus"


def test_nowhere_writable_is_said_and_changes_nothing(env: pytest.MonkeyPatch,
                                                      tmp_path: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "home").write_text("")
    (tmp_path / "data").write_text("")
    setup = prepare_keyboard(tmp_path / "data")
    assert not setup.moved and "Pinyin user dictionary" in caplog.text
    assert _qt_config_home() == tmp_path / "home" / ".config"
