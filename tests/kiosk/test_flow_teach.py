"""怎么用 (教办) in the core flow: opened from the home screen only, six pages in order with
上一步/下一步 kept within the walkthrough, 我知道了 ending it at home like every way out,
长辈模式/高对比度 chosen on the home screen kept while it is shown. Qt-free."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devices.idcard import CardRead
from kiosk import prompts
from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.flow import FLOW, FlowError, Step
from kiosk.flow.teach import PAGES
from kiosk.flow.views import TeachView
from kiosk.samples import sample_card


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    yield k
    k.close()


def view(s: object) -> TeachView:
    v = getattr(s, "view", None)
    assert isinstance(v, TeachView), v
    return v


def test_the_pages_are_the_devices_in_the_order_a_visit_meets_them() -> None:
    assert [p.id for p in PAGES] == ["card", "choose", "camera", "sign", "keyboard", "receipt"]
    assert len({p.picture for p in PAGES}) == len(PAGES)
    for p in PAGES:
        assert p.title and len(p.title) <= 8, p.title
        # one or two short sentences, plain words: no digits, no Latin
        sentences = [x for x in p.words.replace("。", "。|").split("|") if x]
        assert 1 <= len(sentences) <= 2 and len(p.words) <= 40, p.words
        assert not any(c.isascii() and c.isalnum() for c in p.words), p.words
        assert p.id in prompts.TEACH_PROMPTS  # and each is spoken


def test_open_from_home_step_through_and_finish_at_home(kiosk: Kiosk) -> None:
    f = kiosk.flow
    s = f.open_teach()
    assert s.step is Step.TEACH and s.title == "怎么用"
    assert s.home and not s.back  # 返回首页 in the footer; pages go by 上一步/下一步
    assert s.idle_timeout_s == kiosk.config.idle_timeout_s  # walking away ends it too
    v = view(s)
    assert (v.index, v.count, v.page.id, v.first, v.last) == (0, len(PAGES), "card", True,
                                                               False)
    # 上一步 on the first page stays there
    assert view(f.teach_back()).index == 0
    seen = [v.page.id]
    for i in range(1, len(PAGES)):
        v = view(f.teach_next())
        assert v.index == i and not v.first
        seen.append(v.page.id)
    assert seen == [p.id for p in PAGES] and v.last
    # 下一步 on the last page stays there; 上一步 goes back one
    assert view(f.teach_next()).index == len(PAGES) - 1
    assert view(f.teach_back()).page.id == PAGES[-2].id
    assert view(f.teach_page(0)).page.id == "card"  # 从头再看
    assert view(f.teach_page(99)).last and view(f.teach_page(-3)).first
    s = f.teach_done()
    assert s.step is Step.HOME
    # replayable: it opens again from the start
    assert view(f.open_teach()).index == 0


@pytest.mark.parametrize("way", ["teach_done", "home", "idle_timeout"])
def test_every_way_out_ends_the_visit(kiosk: Kiosk, way: str) -> None:
    f = kiosk.flow
    f.set_elder(True)
    f.set_contrast(True)
    f.open_teach()
    f.teach_next()
    old = f.visit
    s = getattr(f, way)()
    assert s.step is Step.HOME and f.visit is not old  # a fresh visit
    assert (f.visit.arg, f.visit.history) == ("", [])
    assert not s.elder and not s.high_contrast  # the display choice went with the visit


def test_elder_and_contrast_chosen_at_home_stay_on(kiosk: Kiosk) -> None:
    f = kiosk.flow
    f.set_elder(True)
    f.set_contrast(True)
    s = f.open_teach()
    assert s.elder and s.high_contrast
    assert s.idle_timeout_s > kiosk.config.idle_timeout_s  # 长辈模式's longer idle time
    for s in (f.teach_next(), f.teach_next(), f.teach_back()):
        assert s.elder and s.high_contrast


def test_not_reachable_mid_visit(kiosk: Kiosk) -> None:
    f = kiosk.flow
    f.start("service")
    with pytest.raises(FlowError, match="home screen only"):
        f.open_teach()
    f.on_card(CardRead(sample_card()))
    assert f.visit.step is Step.FIND_SERVICE
    with pytest.raises(FlowError):
        f.open_teach()
    with pytest.raises(FlowError, match="not in 怎么用"):
        f.teach_next()
    with pytest.raises(FlowError, match="not in 怎么用"):
        f.teach_done()
    assert f.visit.step is Step.FIND_SERVICE and f.visit.applicant is not None  # untouched
    # the table agrees: only the home screen leads there, and it leads only home
    assert [s for s, spec in FLOW.items() if Step.TEACH in spec.next] == [Step.HOME]
    assert FLOW[Step.TEACH].next == (Step.HOME,) and not FLOW[Step.TEACH].needs_card


def test_each_page_speaks_its_own_sentence_and_no_personal_data(kiosk: Kiosk) -> None:
    f = kiosk.flow
    s = f.open_teach()
    said = []
    for i in range(len(PAGES)):
        s = f.teach_page(i)
        for lang in prompts.LANGUAGES:
            text = prompts.prompt_for(s, lang)
            assert text == prompts.TEACH_PROMPTS[PAGES[i].id].text(lang)
            assert text in prompts.all_prompts(lang)
        said.append(prompts.prompt_for(s))
    assert len(set(said)) == len(PAGES)
    assert prompts.help_for(Step.TEACH) != prompts.HELP_FALLBACK.zh
    assert "下一步" in prompts.help_for(Step.TEACH)
