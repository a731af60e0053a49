"""办件查询 and 好差评 against the real reference platform on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.applications import Application
from kiosk.config import Config
from kiosk.provision import provision
from kiosk.ratings import Level, Rating, submit_rating
from kiosk.status import OFFLINE_NOTE, by_id_number, by_number, number_from_payload
from sync.platform.server import ThreadedPlatform
from tests.kiosk.svc import elder
from tests.platform_peer import FAST_HASHER, STAFF_NAME, STAFF_PASSWORD, admin_call, forget


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[ThreadedPlatform]:
    with ThreadedPlatform(tmp_path / "platform" / "platform.sqlite3",
                          password_hasher=FAST_HASHER) as p:
        p.add_account(STAFF_NAME, "clerk", STAFF_PASSWORD)  # 受理/审核: sets case statuses
        yield p
    forget(p.url)


@pytest.fixture
def kiosk(cfg: Config, platform: ThreadedPlatform) -> Iterator[Kiosk]:
    cfg = replace(cfg, platform_url=platform.url)
    provision(cfg, platform.url, platform.issue_code(cfg.terminal_id))
    k = Kiosk.open(cfg)
    yield k
    k.close()


def submit(k: Kiosk, codes: tuple[str, ...], birth: str = "1940-03-12") -> list:  # type: ignore[type-arg]
    a = elder(birth)
    app = Application(applicant=a, codes=codes, photos={"e_photo": (b"\xff\xd8j",)},
                      values={"name": a.name, "id_number": a.id_number,
                              "phone": "13800138000"})
    return k.submit_application(app)


def test_qr_payload_or_typed_number_gives_the_case_number() -> None:
    assert number_from_payload("http://county.example/q/VK-1-20261126-00001") == \
        "VK-1-20261126-00001"
    assert number_from_payload(" 42010220261126000042 ") == "42010220261126000042"
    assert number_from_payload("http://x/q/") is None
    assert number_from_payload("<script>") is None


def test_query_pulls_platform_statuses_newest_first_in_plain_words(
        kiosk: Kiosk, platform: ThreadedPlatform) -> None:
    first = submit(kiosk, ("LOCAL-RS-0002",))[0]
    second = submit(kiosk, ("LOCAL-MZ-0001",))[0]
    assert kiosk.sync_once().sent == 2
    second = kiosk.store.get_case(second.id)
    admin_call(platform.url, "PUT", f"/submissions/{second.platform_no}/status",
               {"status": "in_progress"})
    answer = by_id_number(kiosk.store, kiosk.client, first.applicant.id_number)
    assert answer.online and answer.note == ""
    assert [ln.items[0] for ln in answer.lines] == ["高龄津贴申领", "养老保险待遇领取资格认证"]
    assert answer.lines[0].status == "办理中"
    assert answer.lines[0].detail.startswith("承诺") and "前办结" in answer.lines[0].detail
    assert answer.lines[1].status == "已受理"
    assert answer.lines[0].masked_id.startswith("4201**")
    by_qr = by_number(kiosk.store, kiosk.client, f"{platform.url}/q/{second.platform_no}")
    assert [ln.number for ln in by_qr.lines] == [second.platform_no]


def test_bundle_number_shows_every_case_of_the_bundle(kiosk: Kiosk) -> None:
    cases = submit(kiosk, ("LOCAL-YJS-0002",))
    answer = by_number(kiosk.store, None, cases[0].bundle_no)
    assert sorted(ln.number for ln in answer.lines) == sorted(c.local_no for c in cases)
    assert all(ln.status == "已提交，等待上传" for ln in answer.lines)
    assert answer.note == OFFLINE_NOTE  # no platform asked


def test_unreachable_platform_answers_from_local_records(cfg: Config) -> None:
    k = Kiosk.open(replace(cfg, platform_url="http://127.0.0.1:9"))
    try:
        case = submit(k, ("LOCAL-RS-0002",))[0]
        answer = by_number(k.store, k.client, case.local_no)
        assert not answer.online and answer.note == OFFLINE_NOTE
        assert answer.lines[0].detail.startswith("已在本机保存")
        assert by_number(k.store, k.client, "VK-NOTHING-1").note == "本机没有找到您的办件记录"
    finally:
        k.close()


def test_poor_rating_reaches_the_platform_with_the_case_number(
        kiosk: Kiosk, platform: ThreadedPlatform) -> None:
    case = submit(kiosk, ("LOCAL-RS-0002",))[0]
    submit_rating(kiosk.store, Rating(Level.DISSATISFIED, ("等待时间长",),
                                      phone="13800138000", case_id=case.id))
    assert kiosk.sync_once().sent == 2  # the case first, then its rating
    ratings = admin_call(platform.url, "GET", "/ratings")
    assert len(ratings) == 1
    body = str(ratings[0])
    assert kiosk.store.get_case(case.id).platform_no in body and "13800138000" in body


def test_the_digits_of_a_provisional_number_find_the_case_and_the_bundle(kiosk: Kiosk) -> None:
    """The digit pad has no letters: a resident types the digits of the receipt's number
    (after the terminal id) and finds the case, or every case of the 一件事."""
    tid = kiosk.config.terminal_id
    single = submit(kiosk, ("LOCAL-RS-0002",))[0]
    digits = single.local_no.removeprefix(f"{tid}-").replace("-", "")
    assert digits.isdigit() and len(digits) == 13
    assert [ln.number for ln in by_number(kiosk.store, None, digits, tid).lines] == [
        single.local_no]
    bundle = submit(kiosk, ("LOCAL-YJS-0002",))
    no = bundle[0].bundle_no
    assert no is not None
    digits = no.removeprefix(f"{tid}-YJS-").replace("-", "")
    answer = by_number(kiosk.store, None, digits, tid)
    assert sorted(ln.number for ln in answer.lines) == sorted(c.local_no for c in bundle)
    # another terminal's digits, or digits without the terminal's id, find nothing
    assert by_number(kiosk.store, None, digits, "HB-XX-0001").lines == ()
    assert by_number(kiosk.store, None, digits).lines == ()
