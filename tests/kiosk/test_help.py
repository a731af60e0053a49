"""帮助 texts (kiosk.prompts.HELP): one for every step in both languages, short enough to
read on one screen, generic (no digits, nothing of a resident), and spoken by the same
espeak-ng voice as the prompts — rendered and measured with sox like them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk import prompts
from kiosk.flow import Step
from tests.kiosk.test_prompts import EN_S_PER_WORD, HAN, RMS_FLOOR, ZH_S_PER_CHAR, sox_stat
from tests.kiosk.test_prompts import units as speech_units


def test_every_step_has_help_in_both_languages_of_one_or_two_sentences() -> None:
    assert set(prompts.HELP) == set(Step)
    for p in (*prompts.HELP.values(), prompts.HELP_FALLBACK):
        assert 10 <= len(HAN.findall(p.zh)) <= 60, p.zh
        assert 1 <= p.zh.count("。") <= 2 and p.zh.endswith("。"), p.zh
        assert not re.search(r"[A-Za-z0-9]", p.zh), p.zh  # Latin and digits get spelled out
        assert 6 <= len(p.en.split()) <= 30 and p.en.isascii(), p.en
        assert not re.search(r"\d", p.en), p.en
    # distinct: a help text that says the same on two steps says nothing about either
    assert len({p.zh for p in prompts.HELP.values()}) == len(prompts.HELP)
    assert prompts.help_for(Step.SIGN).startswith("先读完")
    assert prompts.help_for(Step.SIGN, "en_US").startswith("Read the commitment")
    with pytest.raises(ValueError, match="language 'fr_FR'"):
        prompts.help_for(Step.HOME, "fr_FR")


@pytest.mark.parametrize("language", prompts.LANGUAGES)
def test_every_help_text_is_spoken_audibly_at_a_plausible_length(
        tmp_path: Path, language: str) -> None:
    lo, hi = ZH_S_PER_CHAR if language == "zh_CN" else EN_S_PER_WORD
    texts = prompts.help_texts(language)
    assert len(texts) == len(prompts.HELP) + 1
    for text in texts:
        st = sox_stat(prompts.cached_audio(tmp_path, text, language))
        n = speech_units(text, language)
        assert st.rms > RMS_FLOOR, (text, st)
        assert lo * n <= st.length_s <= hi * n, (text, n, st)
        assert "(en)" not in prompts.phonemes(text, language) or language == "en_US", text
