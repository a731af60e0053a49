"""Signatures from the pad: empty, one-dot, tiny, single-line and oversized "signatures"
are refused in plain words; a real one is kept as strokes and renders to PNG."""

from __future__ import annotations

import math

import pytest

from kiosk.signature import (
    MAX_POINTS,
    Signature,
    SignatureError,
    render_png,
    signature_problem,
    simplify,
)
from tests.kiosk.svc import SIGNATURE

W, H = 600.0, 240.0


Strokes = list[list[tuple[float, float]]]


def handwriting(x0: float = 60, y0: float = 40, scale: float = 1.0) -> Strokes:
    """Three strokes a finger might write for a two-character name, densely sampled."""
    def stroke(f: object, n: int = 60) -> list[tuple[float, float]]:
        return [f(i / (n - 1)) for i in range(n)]  # type: ignore[operator]

    s = scale
    return [
        stroke(lambda t: (x0 + 120 * s * t, y0 + 30 * s + 10 * s * math.sin(6 * t))),
        stroke(lambda t: (x0 + 60 * s, y0 + 140 * s * t)),
        stroke(lambda t: (x0 + 180 * s + 80 * s * math.cos(3 * t), y0 + 20 * s + 120 * s * t)),
    ]


def test_a_handwritten_name_is_accepted_and_renders() -> None:
    sig = simplify(handwriting(), W, H)
    assert signature_problem(sig) is None
    assert render_png(sig).startswith(b"\x89PNG")
    assert Signature.from_json(sig.to_json()) == sig


def test_the_sample_signature_of_the_demo_stays_accepted() -> None:
    assert signature_problem(Signature.from_json(SIGNATURE)) is None


@pytest.mark.parametrize(("strokes", "message"), [
    ([], "请在签名框内签上您的名字"),
    ([[(100.0, 100.0)]], "签名太短，请签上完整的名字"),  # one tap
    ([[(100.0, 100.0), (101.0, 100.0)], [(300.0, 80.0)]], "签名太短，请签上完整的名字"),
    ([[(50.0, 120.0), (550.0, 121.0)]] * 3, "请签上您的名字，不要只画一条线"),
    ([[(300.0, 10.0), (301.0, 230.0)]] * 3, "请签上您的名字，不要只画一条线"),
    (handwriting(280, 100, 0.15), "签名太小，请在框里写大一些"),
])
def test_non_signatures_are_refused_in_plain_words(strokes: list[list[tuple[float, float]]],
                                                   message: str) -> None:
    sig = Signature(tuple(tuple(s) for s in strokes), W, H)
    assert signature_problem(sig) == message


def test_a_scribble_on_one_spot_is_too_small_however_many_points() -> None:
    jitter = [[(300 + 2 * (i % 3), 120 + 2 * (i % 2)) for i in range(200)]]
    assert signature_problem(simplify(jitter, W, H)) == "签名太小，请在框里写大一些"
    sig = Signature(tuple(tuple(s) for s in jitter), W, H)  # unsimplified too
    assert signature_problem(sig) == "签名太小，请在框里写大一些"


def test_a_big_but_short_zigzag_is_too_short() -> None:
    """Box wide and tall enough, but only two short lines of ink in opposite corners."""
    strokes = (((10.0, 10.0), (20.0, 12.0), (30.0, 14.0)),
               ((560.0, 220.0), (570.0, 222.0), (580.0, 224.0)))
    assert signature_problem(Signature(strokes, W, H)) == "签名太短，请签上完整的名字"


def test_simplify_drops_resting_finger_points_and_keeps_dots() -> None:
    rest = [[(100.0, 100.0)] * 500 + [(200.0, 100.0)], [(50.0, 50.0)], []]
    sig = simplify(rest, W, H)
    assert sig.strokes == (((100.0, 100.0), (200.0, 100.0)), ((50.0, 50.0),))


def test_oversized_stroke_data_is_refused_before_it_is_built() -> None:
    huge = {"strokes": [[[1, 1]] * (MAX_POINTS + 1)], "width": W, "height": H}
    with pytest.raises(SignatureError, match="太多"):
        Signature.from_json(huge)
    many = {"strokes": [[[1, 1], [2, 2]]] * 201, "width": W, "height": H}
    with pytest.raises(SignatureError):
        Signature.from_json(many)
    built = Signature(tuple(((1.0, 1.0), (2.0, 2.0)) for _ in range(201)), W, H)
    assert signature_problem(built) == "签名数据太多，请重新签名"


def test_a_commitment_is_bound_only_with_a_real_signature() -> None:
    from kiosk.catalog.loader import load_catalog
    from kiosk.signature import signed_commitment

    item = load_catalog().item("LOCAL-MZ-0002")
    option = item.commitment_options[0]
    sig = simplify(handwriting(), W, H)
    sc = signed_commitment(item.code, option, sig, "2026-11-26T10:00:00+08:00")
    assert (sc.option_id, sc.text, sc.title) == (option.id, option.text, "诚信承诺")
    assert Signature.from_json(sc.strokes) == sig
    with pytest.raises(SignatureError, match="签名太短"):
        signed_commitment(item.code, option, Signature((((5.0, 5.0),),), W, H), "x")
