from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config


def test_defaults_are_valid_and_data_lives_under_data_dir(tmp_path: Path) -> None:
    cfg = load_config(tmp_path / "missing.toml", env={})
    assert len(cfg.region_code) == 12
    assert cfg.db_path.parent == cfg.data_dir
    assert cfg.key_path.parent.parent == cfg.data_dir
    assert cfg.devices.card_reader == "mock:"


def test_file_then_environment_override(tmp_path: Path) -> None:
    f = tmp_path / "kiosk.toml"
    f.write_text('terminal_id = "HB-JA-0007"\nidle_timeout_s = 120\n'
                 '[devices]\nprinter = "cups:KioskPDF"\n', encoding="utf-8")
    cfg = load_config(f, env={"KIOSK_IDLE_TIMEOUT_S": "45", "KIOSK_DATA_DIR": str(tmp_path)})
    assert cfg.terminal_id == "HB-JA-0007"
    assert cfg.idle_timeout_s == 45
    assert cfg.data_dir == tmp_path
    assert cfg.devices.printer == "cups:KioskPDF"
    assert cfg.devices.camera == "mock:"


@pytest.mark.parametrize(("toml", "key", "expected"), [
    ('region_code = "4201"', "region_code", "12-digit"),
    ('platform_url = "county-platform"', "platform_url", "http"),
    ('platform_proxy = "socks5://10.0.0.1:1080"', "platform_proxy", "http"),
    ("idle_timeout_s = 0", "idle_timeout_s", "between 5 and 3600"),
    ("sync_lanes = 0", "sync_lanes", "between 1 and 8"),
    ('idle_timeout_s = "soon"', "idle_timeout_s", "whole number"),
    ('language = "fr_FR"', "language", "zh_CN"),
    ('[devices]\nscanner = "mock:"', "devices.scanner", "card_reader"),
    ('terminal_idd = "x"', "terminal_idd", "unknown key"),
])
def test_wrong_value_gets_one_line_error_naming_key(tmp_path: Path, toml: str, key: str,
                                                    expected: str) -> None:
    f = tmp_path / "kiosk.toml"
    f.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(f, env={})
    msg = str(err.value)
    assert f"'{key}'" in msg
    assert expected in msg
    assert "\n" not in msg


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    f = tmp_path / "kiosk.toml"
    f.write_text("terminal_id = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(f, env={})


def test_environment_value_is_checked_too(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'region_code'"):
        load_config(tmp_path / "none.toml", env={"KIOSK_REGION_CODE": "42010200100X"})
