"""Spoken prompts: every sentence rendered with the terminal's own espeak-ng voice and
measured with sox (non-silent, plausible length), the Mandarin tone-digit problem
(espeak-ng#1028) caught, and no resident's data in any prompt of any sample screen.

Measured here (espeak-ng 1.51, 150 wpm): the cmn-latn-pinyin voice speaks 0.34-0.42 s per
字, RMS 0.10-0.13; the default ``cmn`` voice reads 请 (qing3) and others as English with the
tone digit ("king three"): its phonemes switch to ``(en)`` in every one of the prompts and
they run 1.21-1.54x longer — not double, so the length bound alone would miss some; the
phoneme check does not.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk import prompts
from kiosk.config import Config, ConfigError, load_config
from kiosk.flow import Step
from kiosk.samples import SAMPLE_NAME, sample_card, sample_screens

RMS_FLOOR = 0.02  # espeak-ng's speech measured 0.06-0.11 RMS; silence or a click is < 0.005
ZH_S_PER_CHAR = (0.15, 0.5)  # measured 0.34-0.42; cmn's English tone-digit reading 0.47-0.58
EN_S_PER_WORD = (0.2, 0.8)  # measured 0.31-0.70 (long words: "Maintenance information")
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Stat:
    length_s: float
    rms: float


def sox_stat(path: Path) -> Stat:
    assert shutil.which("sox"), "sox is in setup.sh's APT_PACKAGES"
    out = subprocess.run(["sox", str(path), "-n", "stat"], capture_output=True, text=True,
                         check=True).stderr
    length = re.search(r"Length \(seconds\):\s+([\d.]+)", out)
    rms = re.search(r"RMS\s+amplitude:\s+([\d.]+)", out)
    assert length and rms, out
    return Stat(float(length.group(1)), float(rms.group(1)))


def units(text: str, language: str) -> int:
    """字 in a Chinese prompt, words in an English one."""
    return len(HAN.findall(text)) if language == "zh_CN" else len(text.split())


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("prompts")
    prompts.render_cache(d)
    return d


def test_every_step_has_a_short_prompt_in_both_languages() -> None:
    assert set(prompts.STEP_PROMPTS) == set(Step)
    for p in prompts.ALL_PROMPTS:
        assert 4 <= len(HAN.findall(p.zh)) <= 20, p.zh
        assert not re.search(r"[A-Za-z]", p.zh), p.zh  # Latin would be spelled out
        assert 2 <= len(p.en.split()) <= 14 and p.en.isascii(), p.en
    assert prompts.step_prompt(Step.INSERT_CARD) == "请把身份证放在读卡区"
    assert prompts.step_prompt(Step.FIND_SERVICE) == "请选择要办的事"
    assert prompts.step_prompt(Step.CHECK_ANSWERS, "en_US").startswith("Please check")
    with pytest.raises(ValueError, match="language 'fr_FR'"):
        prompts.step_prompt(Step.HOME, "fr_FR")


@pytest.mark.parametrize("language", prompts.LANGUAGES)
def test_every_prompt_renders_to_non_silent_audio_of_plausible_length(
        cache: Path, language: str) -> None:
    texts = prompts.all_prompts(language)
    assert len(texts) == len(prompts.ALL_PROMPTS)  # no two prompts share a sentence
    lo, hi = ZH_S_PER_CHAR if language == "zh_CN" else EN_S_PER_WORD
    for text in texts:
        wav = cache / prompts.audio_name(text, language)
        st = sox_stat(wav)
        n = units(text, language)
        assert st.rms > RMS_FLOOR, (text, st)
        assert lo * n <= st.length_s <= hi * n, (text, n, st)


def test_mandarin_prompts_are_read_as_pinyin_not_as_english_tone_digits(
        tmp_path: Path) -> None:
    for text in prompts.all_prompts("zh_CN"):
        ph = prompts.phonemes(text, "zh_CN")
        assert "(en)" not in ph, (text, ph)
    # Negative control: the default Mandarin voice of this espeak-ng shows the problem, so
    # the check above would catch a voice change back to it.
    text = prompts.step_prompt(Step.INSERT_CARD)
    bad = subprocess.run(["espeak-ng", "-v", "cmn", "-s", str(prompts.RATE_WPM), "-x", "-q",
                          "--", text], capture_output=True, text=True, check=True).stdout
    assert "(en)" in bad
    subprocess.run(["espeak-ng", "-v", "cmn", "-s", str(prompts.RATE_WPM), "-w",
                    str(tmp_path / "cmn.wav"), "--", text], check=True)
    good = sox_stat(prompts.render(text, "zh_CN", tmp_path / "good.wav"))
    assert sox_stat(tmp_path / "cmn.wav").length_s > 1.2 * good.length_s


def test_cache_is_reused_and_renamed_into_place(tmp_path: Path) -> None:
    first = prompts.render_cache(tmp_path)
    assert len(first) == 2 * len(prompts.ALL_PROMPTS)
    stamps = {p: p.stat().st_mtime_ns for p in first}
    again = prompts.render_cache(tmp_path)
    assert again == first and all(p.stat().st_mtime_ns == stamps[p] for p in again)
    assert not list(tmp_path.glob(".*.tmp"))  # no half-written file left
    # a change of sentence, voice or rate is a different file
    assert prompts.audio_name("请核对信息", "zh_CN") != prompts.audio_name("请核对信息。", "zh_CN")
    assert prompts.audio_name("x", "zh_CN") != prompts.audio_name("x", "en_US")


def test_missing_espeak_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(prompts.PromptAudioError, match="apt-get install espeak-ng"):
        prompts.render("请核对信息", "zh_CN", tmp_path / "a.wav")
    assert not prompts.voice_installed()
    assert not (tmp_path / "a.wav").exists()


def test_no_prompt_of_any_sample_screen_speaks_personal_data(cfg: Config) -> None:
    screens = sample_screens(cfg)
    assert len(screens) >= 30  # every screen state kiosk screenshots shows
    ids = [sample_card(d).id_number for d in (dt.date(1940, 3, 12), dt.date(1950, 3, 12),
                                              dt.date(1961, 8, 8))]
    with_name = [s for _, s in screens if s.masked_name]
    assert with_name  # the check below meets screens that do show who is served
    heard: set[str] = set()
    for name, s in screens:
        for lang in prompts.LANGUAGES:
            said = prompts.prompt_for(s, lang)
            heard.add(said)
            assert said in prompts.all_prompts(lang), name
            assert not re.search(r"\d", said), (name, said)  # no ID, case or phone digits
            assert "*" not in said and (not s.masked_name or s.masked_name not in said)
            assert not set(SAMPLE_NAME) & set(said), (name, said)
            assert all(i not in said and i[-4:] not in said for i in ids)
    # the variants are reached by the samples: a card problem, form errors, printing
    assert {prompts.CARD_RETRY.zh, prompts.FORM_ERRORS.zh} <= heard


def test_speech_config_keys(tmp_path: Path) -> None:
    cfg = load_config(tmp_path / "none.toml", env={})
    assert (cfg.speech, cfg.speech_volume) == ("elder", 80)
    assert prompts.speech_on(cfg.speech, elder_mode=True)
    assert not prompts.speech_on(cfg.speech, elder_mode=False)
    assert prompts.speech_on("on", elder_mode=False)
    assert not prompts.speech_on("off", elder_mode=True)
    on = load_config(tmp_path / "none.toml", env={"KIOSK_SPEECH": "on",
                                                  "KIOSK_SPEECH_VOLUME": "0"})
    assert (on.speech, on.speech_volume) == ("on", 0)
    for env, key in (({"KIOSK_SPEECH": "loud"}, "speech"),
                     ({"KIOSK_SPEECH_VOLUME": "101"}, "speech_volume"),
                     ({"KIOSK_SPEECH_VOLUME": "-1"}, "speech_volume"),
                     ({"KIOSK_SPEECH_VOLUME": "half"}, "speech_volume")):
        with pytest.raises(ConfigError, match=f"'{key}'"):
            load_config(tmp_path / "none.toml", env=env)
    toml = tmp_path / "k.toml"
    toml.write_text('speech = "off"\nspeech_volume = 55\n', encoding="utf-8")
    assert (load_config(toml, env={}).speech, load_config(toml, env={}).speech_volume) == (
        "off", 55)


def test_doctor_line_for_spoken_prompts(cfg: Config, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from kiosk.doctor import _speech, format_check

    ok = _speech(cfg)
    assert ok.ok and f"{2 * len(prompts.ALL_PROMPTS)} prompts cached" in ok.detail
    assert len(list(prompts.cache_dir(cfg.data_dir).glob("*.wav"))) == 2 * len(
        prompts.ALL_PROMPTS)
    assert _speech(replace(cfg, speech="off")).ok
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng: silent terminal, told how
    line = format_check(_speech(cfg))
    assert line.startswith("[FAIL] spoken prompts") and "fix: apt-get install espeak-ng" in line
