"""The sample screens `kiosk screenshots` renders come from the real flow, without devices
of the terminal and without touching its data."""

from __future__ import annotations

import datetime as dt

from kiosk.config import Config
from kiosk.flow import Step
from kiosk.samples import SAMPLE_NAME, sample_card, sample_screens
from tests.kiosk.test_flow_ways_out import leaks


def test_at_least_thirty_distinct_screen_states_with_only_masked_identity(cfg: Config
                                                                          ) -> None:
    screens = sample_screens(cfg)
    names = [n for n, _ in screens]
    assert len(names) == len(set(names)) >= 30
    states = {repr(s) for _, s in screens}
    assert len(states) == len(screens)  # no two samples show the same thing
    for needed in ("search_results", "guide_item", "question_yesno", "checklist_pending",
                   "form_page", "form_errors", "check_answers", "check_answers_problems",
                   "done_bundle", "print_out_of_paper", "correction", "query_result",
                   "problem_application_invalid", "problem_disk_full", "maintenance"):
        assert needed in names, needed
    assert {s.step for _, s in screens} == set(Step)  # every step of the table is shown
    card_ids = [sample_card(d).id_number for d in (dt.date(1940, 3, 12),
                                                   dt.date(1950, 3, 12),
                                                   dt.date(1961, 8, 8))]
    for name, s in screens:
        assert leaks(s, (SAMPLE_NAME, *card_ids)) == [], name
    assert not cfg.data_dir.exists()  # the terminal's own folder was never touched
