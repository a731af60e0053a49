"""Document and portrait bytes: the mode a page allows, the budget, legibility measured back
at the original resolution, the catalog's e-photo size."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.camera import scenes
from devices.camera.camera import CameraError
from devices.camera.document import find_page, straighten
from devices.camera.encode import (
    PAGE_MAX_BYTES,
    PORTRAIT_MAX_BYTES,
    PORTRAIT_SIZE,
    PageMode,
    PageRules,
    encode_page,
    encode_portrait,
    page_mode,
)
from devices.camera.quality import check_portrait, detect_faces
from tests.devices import camera_pages as cp


def decode(data: bytes) -> np.ndarray:
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    assert img is not None
    return img


@pytest.fixture(scope="module")
def photographed() -> np.ndarray:
    tp = cp.text_page()
    frame = cp.photograph(tp.image)
    quad = find_page(frame)
    assert quad is not None
    return straighten(frame, quad)


def test_text_page_goes_bitonal_png_far_under_budget_and_stays_legible(
        photographed: np.ndarray) -> None:
    enc = encode_page(photographed)
    assert enc.mode == PageMode.BITONAL and enc.media_type == "image/png"
    assert len(enc.data) <= PAGE_MAX_BYTES
    img = decode(enc.data)
    assert img.ndim == 2 and set(np.unique(img)) <= {0, 255}
    assert max(enc.width, enc.height) == round(210 / 25.4 * 300)  # A5 long side at 300 dpi
    f1 = cp.text_f1(cp.text_page().ink, cp.ink_of(img))
    assert f1 > 0.85, f1  # text pixels agree with the rendered text at 300 dpi


def test_grey_page_keeps_its_text_readable_too(photographed: np.ndarray) -> None:
    enc = encode_page(photographed, mode=PageMode.GREY)
    assert enc.media_type == "image/jpeg" and len(enc.data) <= PAGE_MAX_BYTES
    assert decode(enc.data).ndim == 2
    assert cp.text_f1(cp.text_page().ink, cp.ink_of(decode(enc.data))) > 0.85


def test_page_with_a_photo_goes_grey_and_one_with_a_red_seal_colour() -> None:
    page = scenes.a5_page().copy()
    h, w = page.shape[:2]
    ramp = np.tile(np.linspace(60, 200, w // 3, dtype=np.uint8), (h // 3, 1))
    with_photo = page.copy()
    with_photo[h // 3:h // 3 + h // 3, w // 3:w // 3 + w // 3] = ramp[..., None]
    assert page_mode(page) is PageMode.BITONAL
    assert page_mode(with_photo) is PageMode.GREY
    sealed = page.copy()
    cv2.circle(sealed, (w * 2 // 3, h * 3 // 4), w // 8, (40, 40, 210), 6)
    assert page_mode(sealed) is PageMode.COLOUR
    enc = encode_page(sealed)
    assert enc.mode == "colour" and decode(enc.data).ndim == 3


def test_a_tight_budget_is_met_by_lowering_the_resolution(photographed: np.ndarray) -> None:
    enc = encode_page(photographed, PageRules(max_bytes=5_000))
    assert len(enc.data) <= 5_000 and enc.height < round(210 / 25.4 * 300)


def test_webp_is_opt_in(photographed: np.ndarray) -> None:
    enc = encode_page(photographed, PageRules(codecs=("webp",)), mode=PageMode.GREY)
    assert enc.media_type == "image/webp" and decode(enc.data).size


@pytest.mark.parametrize("rules", [PageRules(max_bytes=100), PageRules(codecs=())])
def test_impossible_requests_are_a_clear_error(photographed: np.ndarray,
                                               rules: PageRules) -> None:
    with pytest.raises(CameraError):
        encode_page(photographed, rules)
    with pytest.raises(CameraError, match="too small"):
        encode_page(np.zeros((5, 5, 3), np.uint8))


def test_portrait_is_the_catalogs_e_photo_size_under_40_kb() -> None:
    frame = scenes.face(0, 640, 480)
    (face,) = detect_faces(frame)
    enc = encode_portrait(frame, face)
    img = decode(enc.data)
    assert enc.media_type == "image/jpeg" and img.shape == (441, 358, 3)
    assert (enc.width, enc.height) == PORTRAIT_SIZE and len(enc.data) <= PORTRAIT_MAX_BYTES
    assert len(detect_faces(img)) == 1  # the face is still in the crop, whole


def test_portrait_near_the_frame_edge_is_padded_not_cropped_short() -> None:
    frame = scenes.face(0, 640, 480)
    (face,) = detect_faces(frame)
    assert check_portrait(frame).ok
    moved = np.roll(frame, 200, axis=1)
    (face2,) = detect_faces(moved)
    assert encode_portrait(moved, face2).width == 358
    assert face2.x != face.x


def test_capture_page_from_the_mock_document_still(tmp_path: object) -> None:
    from pathlib import Path

    from devices import registry
    from devices.camera.document import capture_page

    photo = registry.camera("mock:?scene=document", Path(str(tmp_path))).capture()
    still = cv2.imdecode(np.frombuffer(photo.jpeg, np.uint8), cv2.IMREAD_COLOR)
    cap = capture_page(still)
    assert cap.outline_found and cap.outline is not None and len(cap.outline) == 4
    assert cap.page.mode == "bitonal" and len(cap.page.data) <= PAGE_MAX_BYTES
    assert decode(cap.page.data).shape == (cap.page.height, cap.page.width)
    empty = capture_page(scenes.desk(0, 640, 480))
    assert not empty.outline_found and empty.outline is None
