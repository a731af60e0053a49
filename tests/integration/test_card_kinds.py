"""Every card kind the reader accepts can apply, from the card to the printed receipt.

SAM reader simulator on a pseudo-terminal (the card's text block and its kind flag) →
Kiosk (the reader's driver, session, Application, encrypted store, outbox) → the
reference platform in its own process on 127.0.0.1 → platform number stored locally →
receipt PDF read back with poppler, the number masked by its kind's rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from devices.idcard import IdCard, codes
from kiosk.app import Kiosk
from kiosk.cases import CaseStatus
from kiosk.config import Config, DeviceChoice
from kiosk.identity import id_label, mask_id_number
from kiosk.provision import provision
from kiosk.status import by_id_number, id_number_query
from tests.conftest import PlatformProcess
from tests.devices.idcard.conftest import ALL_KINDS
from tests.devices.idcard.simulator import PtySimulator, SamModule, SimCard
from tests.pdfread import pdf_text

pytestmark = pytest.mark.integration

ITEM = "LOCAL-YB-0001"  # 城乡居民基本医疗保险参保登记: asks nothing the card does not give
# What each kind's number looks like on paper: the first characters kept, the rest starred.
MASKED = {
    codes.RESIDENT: ("4201", 10),
    codes.HK_MO_TW_PERMIT: ("8100", 10),
    codes.FOREIGN_PERMANENT_2017: ("USA", 8),
    codes.FOREIGN_PERMANENT_2023: ("9326", 10),
}


@pytest.mark.parametrize("kind", sorted(ALL_KINDS))
def test_each_card_kind_applies_from_card_to_printed_receipt(
        kind: str, cfg: Config, tmp_path: Path, platform_process: PlatformProcess) -> None:
    make: Callable[[], IdCard] = ALL_KINDS[kind]
    card = make()
    assert card.card_type == kind
    with PtySimulator(SamModule(SimCard.of(card)), pace=False) as sim:
        kcfg = replace(cfg, platform_url=platform_process.url,
                       devices=DeviceChoice(card_reader=f"sam-serial:{sim.path}"))
        provision(kcfg, platform_process.url, platform_process.enrol_code(kcfg.terminal_id))
        kiosk = Kiosk.open(kcfg)
        try:
            kiosk.start_visit()
            assert kiosk.poll_card(), kiosk.session.view.message  # read over the SAM protocol
            applicant = kiosk.session.applicant
            assert applicant is not None
            assert (applicant.card_kind, applicant.id_number) == (kind, card.id_number)
            kiosk.choose([ITEM])
            case = kiosk.submit()
            assert case.status is CaseStatus.SUBMITTED
            stored = kiosk.store.get_case(case.id).applicant
            assert (stored.card_kind, stored.id_number) == (kind, card.id_number)
            assert kiosk.sync_once().sent == 1
            case = kiosk.store.get_case(case.id)
            assert case.status is CaseStatus.ACCEPTED and case.platform_no
            # The lookup by number finds it whatever the kind (and however it is typed).
            query = id_number_query(card.id_number.lower())
            assert query == card.id_number
            found = by_id_number(kiosk.store, None, query)
            assert [ln.number for ln in found.lines] == [case.platform_no]
            pdf = tmp_path / "receipt.pdf"
            assert kiosk.print_receipt(pdf)
        finally:
            kiosk.close()
    rows = [r for r in platform_process.submissions() if r["platform_no"] == case.platform_no]
    assert len(rows) == 1
    sent = rows[0]["payload"]["applicant"]
    assert (sent["card_kind"], sent["id_number"], sent["name"]) == \
        (kind, card.id_number, card.name)

    text = pdf_text(pdf)
    head, stars = MASKED[kind]
    masked = mask_id_number(card.id_number)
    assert masked == head + "*" * stars + card.id_number[-4:]
    assert f"{id_label(kind)}：{masked}" in text.replace(" ", "")
    assert card.id_number not in text and card.id_number[len(head):-4] not in text
    assert case.platform_no in text
    assert card.birth_date.strftime("%Y%m%d") not in text


def test_an_expired_permit_is_still_refused_at_the_reader(
        cfg: Config, tmp_path: Path) -> None:
    """Accepting every kind is not accepting every card: the reader's rules still hold."""
    card = replace(ALL_KINDS[codes.HK_MO_TW_PERMIT](), valid_until=dt.date(2020, 1, 1))
    with PtySimulator(SamModule(SimCard.of(card)), pace=False) as sim:
        kiosk = Kiosk.open(replace(cfg, devices=DeviceChoice(
            card_reader=f"sam-serial:{sim.path}")))
        try:
            kiosk.start_visit()
            assert not kiosk.poll_card()
            assert kiosk.session.view.message == \
                "您的港澳台居民居住证已于2020年1月1日过期，请先换领新证"
            assert kiosk.store.outbox_rows() == []
        finally:
            kiosk.close()
