"""`kiosk submit`'s spec file: a photo that is not a PNG or a JPEG is refused when the file
is read (contract 1.7 allows no other attachment), with the spec's own path to it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from kiosk.catalog import load_catalog
from kiosk.identity import gb11643_check_char
from kiosk.services import SpecError, application_from_spec


def picture(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buf, fmt)
    return buf.getvalue()


def spec_for(name: str) -> dict[str, object]:
    body = "42010219441105002"
    person = {"name": "张三", "id_number": body + gb11643_check_char(body)}
    return {"applicant": person, "items": ["LOCAL-YB-0001"], "photos": {"portrait": [name]}}


@pytest.mark.parametrize("fmt", ["GIF", "WEBP", "BMP", "TIFF"])
def test_a_photo_of_another_format_is_refused(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "p.img").write_bytes(picture(fmt))
    with pytest.raises(SpecError) as err:
        application_from_spec(load_catalog(), spec_for("p.img"), tmp_path)
    assert str(err.value).startswith(f"photos.portrait: {tmp_path / 'p.img'}: not a PNG or JPEG")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_png_and_jpeg_are_taken_as_they_are(tmp_path: Path, fmt: str) -> None:
    data = picture(fmt)
    (tmp_path / "p.img").write_bytes(data)
    app = application_from_spec(load_catalog(), spec_for("p.img"), tmp_path)
    assert app.photos == {"portrait": (data,)}
