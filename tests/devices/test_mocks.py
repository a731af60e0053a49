from pathlib import Path

import cv2
import numpy as np
import pytest

from devices import registry
from devices.camera import CameraError
from devices.errors import UnknownDriver
from devices.idcard import CardError, CardRead, IdCard, NoCard
from devices.idcard.mock import MockCardReader
from devices.printer import OutOfPaper, PrinterError, PrinterReady
from devices.printer.mock import MockPrinter


def test_card_can_be_inserted_read_and_removed(tmp_path: Path, card: IdCard) -> None:
    reader = registry.card_reader("mock:", tmp_path)
    assert reader.status() == NoCard()
    MockCardReader(tmp_path).insert(card)  # from "outside", another instance
    st = reader.status()
    assert isinstance(st, CardRead)
    assert st.card.id_number == card.id_number
    assert st.card.valid_until is None
    MockCardReader(tmp_path).remove()
    assert reader.status() == NoCard()


def test_torn_or_garbled_card_is_a_card_error_not_an_exception(tmp_path: Path) -> None:
    reader = MockCardReader(tmp_path)
    reader.insert_torn()
    assert isinstance(reader.status(), CardError)
    reader.card_file.write_text('{"name": "张', encoding="utf-8")
    st = reader.status()
    assert isinstance(st, CardError)
    assert "重新放置" in st.resident_message


def test_card_repr_never_shows_personal_data(card: IdCard) -> None:
    assert card.id_number not in repr(card)
    assert card.name not in str(card)


def test_printer_runs_out_of_paper(tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4 fake")
    printer = registry.printer("mock:", tmp_path / "dev")
    assert isinstance(printer, MockPrinter)
    printer.set_sheets(1)
    assert printer.status() == PrinterReady()
    job = printer.print_pdf(pdf, "受理回执")
    assert (printer.out_dir / f"{job}.pdf").read_bytes() == pdf.read_bytes()
    assert printer.status() == OutOfPaper()
    with pytest.raises(PrinterError) as err:
        printer.print_pdf(pdf, "受理回执")
    assert "缺纸" in err.value.resident_message
    assert pdf.exists()  # the receipt is kept for a reprint


def test_camera_gives_a_decodable_jpeg_and_serves_dropped_images(tmp_path: Path) -> None:
    cam = registry.camera("mock:", tmp_path)
    photo = cam.capture()
    img = cv2.imdecode(np.frombuffer(photo.jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert img.shape == (photo.height, photo.width, 3)
    (tmp_path / "camera").mkdir()
    cv2.imwrite(str(tmp_path / "camera" / "a.png"), np.zeros((100, 200, 3), np.uint8))
    assert (cam.capture().width, cam.capture().height) == (200, 100)
    (tmp_path / "camera-unplugged").touch()
    with pytest.raises(CameraError):
        cam.capture()


def test_unknown_driver_names_the_config_key(tmp_path: Path) -> None:
    with pytest.raises(UnknownDriver, match=r"devices.card_reader"):
        registry.card_reader("nosuch:/dev/ttyUSB0", tmp_path)
