"""Printing: the CUPS driver through a real private cupsd (cups-pdf output read back with
pdftotext; device faults from a backend of the tests' own), the ESC/POS driver through
python-escpos's Dummy printer."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from devices import registry
from devices.printer.cups import CupsPrinter, JobState, parse_lpstat_printer, status_from_reasons
from devices.printer.escpos import (
    FS_CHINESE_ON,
    Align,
    EscposPrinter,
    Line,
    ReceiptDoc,
    parse_uri,
    render,
)
from devices.printer.printer import (
    OutOfPaper,
    PaperJam,
    PrinterError,
    PrinterJammed,
    PrinterOffline,
    PrinterOfflineError,
    PrinterOutOfPaper,
    PrinterReady,
)
from tests.devices.cups_stack import QUEUE, CupsStack
from tests.pdfread import pdf_text

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def make_pdf(path: Path, text: str) -> Path:
    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", FONT, subfontIndex=0))
    c = canvas.Canvas(str(path), pagesize=(226, 300))
    c.setFont("WQY", 10)
    c.drawString(10, 260, text)
    c.save()
    return path


# CUPS ----------------------------------------------------------------------------------


@pytest.mark.integration
def test_pdf_prints_through_cups_and_reads_back(cups_stack: CupsStack, tmp_path: Path) -> None:
    # cups-pdf re-renders through PostScript and ghostscript, which drops the text mapping
    # of CJK glyphs, so the read-back marker is ASCII (the receipt PDF's own Chinese text
    # is checked in tests/kiosk/test_receipts.py).
    marker = f"VK-{uuid.uuid4().hex[:8]}"
    printer = registry.printer(f"cups:{QUEUE}", tmp_path)
    assert printer.status() == PrinterReady()
    since = time.time()
    job = printer.print_pdf(make_pdf(tmp_path / "r.pdf", f"受理回执 {marker}"), "receipt")
    assert job.startswith(f"{QUEUE}-")
    assert isinstance(printer, CupsPrinter)
    printer.wait(job, timeout=30)
    assert printer.job_state(job) is JobState.COMPLETED
    out = cups_stack.find_output(job, since)
    try:
        assert marker in pdf_text(out)
    finally:
        out.unlink()


@pytest.mark.integration
@pytest.mark.parametrize(("reason", "status", "error"), [
    ("media-empty-error", OutOfPaper, PrinterOutOfPaper),
    ("media-jam-error", PaperJam, PrinterJammed),
    ("offline-report", PrinterOffline, PrinterOfflineError),
])
def test_device_fault_reported_by_the_backend_becomes_a_typed_status_and_error(
        cups_stack: CupsStack, tmp_path: Path, reason: str, status: type,
        error: type[PrinterError]) -> None:
    queue = f"Fault{uuid.uuid4().hex[:6]}"
    cups_stack.add_fault_queue(queue, reason)
    printer = CupsPrinter(queue)
    assert printer.status() == PrinterReady()  # nothing known before the first job
    job = printer.print_pdf(make_pdf(tmp_path / "r.pdf", "x"), "receipt")
    with pytest.raises(error):
        printer.wait(job, timeout=20)
    assert isinstance(printer.status(), status)
    assert printer.job_state(job) is JobState.PENDING  # kept for a reprint after the fix
    with pytest.raises(error):
        printer.print_pdf(tmp_path / "r.pdf", "again")


@pytest.mark.integration
def test_unknown_queue_is_offline_with_the_way_to_list_queues(cups_stack: CupsStack) -> None:
    st_ = CupsPrinter("NoSuchQueue").status()
    assert isinstance(st_, PrinterOffline) and "lpstat -p" in st_.detail
    with pytest.raises(PrinterOfflineError):
        CupsPrinter("NoSuchQueue").print_pdf(Path("/dev/null"), "x")


@pytest.mark.integration
def test_disabled_queue_is_offline_and_says_how_to_enable_it(cups_stack: CupsStack) -> None:
    import subprocess

    queue = f"Stopped{uuid.uuid4().hex[:6]}"
    cups_stack.add_fault_queue(queue, "none")
    subprocess.run(["cupsdisable", "-r", "maintenance", queue], check=True)
    st_ = CupsPrinter(queue).status()
    assert isinstance(st_, PrinterOffline) and "cupsenable" in st_.detail
    assert "maintenance" in st_.detail


def test_reason_rules_put_paper_and_jams_before_a_stopped_queue() -> None:
    assert status_from_reasons(["media-needed-warning"], enabled=False) == OutOfPaper()
    assert isinstance(status_from_reasons(["media-jam"], enabled=False), PaperJam)
    assert isinstance(status_from_reasons(["cover-open-error"], enabled=True), PrinterOffline)
    assert status_from_reasons(["toner-low-warning"], enabled=True) == PrinterReady()


def test_lpstat_listing_is_parsed() -> None:
    text = ("printer Jam disabled since Thu 26 Nov 2026 -\n\tdevice reports media-jam-error\n"
            "\tForm mounted:\n\tAlerts: media-jam-error paused\n\tLocation: \n")
    assert parse_lpstat_printer(text) == (["media-jam-error"], False,
                                          "device reports media-jam-error")
    assert parse_lpstat_printer("printer P is idle.  enabled since x\n\tAlerts: none\n") == (
        [], True, "")


@given(st.text(max_size=300))
def test_any_lpstat_text_gives_a_status(text: str) -> None:
    status_from_reasons(*parse_lpstat_printer(text))


# ESC/POS -------------------------------------------------------------------------------


def receipt() -> ReceiptDoc:
    return ReceiptDoc(lines=(Line("示范社区便民服务站", Align.CENTER, bold=True, large=True),
                             Line("办件编号 42010220261126000001"),
                             Line("事项：城乡居民基本养老保险参保登记")),
                      qr="http://county.example/q/42010220261126000001")


def test_receipt_renders_gb18030_chinese_native_qr_and_a_cut() -> None:
    from escpos.printer import Dummy

    d = Dummy()
    render(receipt(), d)
    out = d.output
    assert FS_CHINESE_ON + "示范社区便民服务站".encode("gb18030") in out
    assert "城乡居民基本养老保险参保登记".encode("gb18030") in out
    qr_data = b"http://county.example/q/42010220261126000001"
    store = b"\x1d(k" + (len(qr_data) + 3).to_bytes(2, "little") + b"1P0" + qr_data
    assert store in out and b"\x1d(k\x03\x001Q0" in out  # store, then print, natively
    assert out.endswith(b"\x1dVB\x00")  # full cut (python-escpos' GS V 66 0)
    assert out.index(b"\x1b!\x30") < out.index("示范".encode("gb18030"))  # title large


def test_escpos_printer_prints_a_receipt_and_a_pdf_through_a_given_device(
        tmp_path: Path) -> None:
    from escpos.printer import Dummy

    d = Dummy()
    p = EscposPrinter("escpos-net", "", device=d)
    p.print_receipt(ReceiptDoc(lines=(Line("你好"),), cut=False))
    assert "你好".encode("gb18030") in d.output and b"\x1dV" not in d.output
    job = p.print_pdf(make_pdf(tmp_path / "r.pdf", "回执"), "r1")
    assert job == "escpos-r1" and b"\x1dv0" in d.output and d.output.endswith(b"\x1dVB\x00")


@pytest.mark.parametrize(("uri", "kind", "args"), [
    ("escpos-usb:0416:5011", "usb", {"idVendor": 0x0416, "idProduct": 0x5011}),
    ("escpos-serial:/dev/ttyS0", "serial", {"devfile": "/dev/ttyS0", "baudrate": 9600}),
    ("escpos-serial:/dev/ttyUSB1?baud=115200", "serial",
     {"devfile": "/dev/ttyUSB1", "baudrate": 115200}),
    ("escpos-net:192.168.1.50:9100", "net", {"host": "192.168.1.50", "port": 9100}),
    ("escpos-net:printer.local", "net", {"host": "printer.local", "port": 9100}),
])
def test_escpos_uris(uri: str, kind: str, args: dict[str, object]) -> None:
    scheme, _, rest = uri.partition(":")
    assert parse_uri(scheme, rest) == (kind, args)


@pytest.mark.parametrize("uri", ["escpos-usb:zz", "escpos-serial:", "escpos-net:h:port"])
def test_bad_escpos_uri_names_the_forms(uri: str) -> None:
    scheme, _, rest = uri.partition(":")
    with pytest.raises(PrinterError, match="escpos-usb:0416:5011"):
        parse_uri(scheme, rest)


def test_unreachable_network_printer_is_offline(tmp_path: Path) -> None:
    from tests.conftest import free_port

    p = registry.printer(f"escpos-net:127.0.0.1:{free_port()}", tmp_path)
    assert isinstance(p.status(), PrinterOffline)
    with pytest.raises(PrinterOfflineError):
        p.print_pdf(make_pdf(tmp_path / "r.pdf", "x"), "r")
