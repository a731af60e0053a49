"""The same session over a serial-to-Ethernet converter and over USB bulk pipes, and the
reader URIs the config accepts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from devices import registry
from devices.errors import UnknownDriver
from devices.idcard import CardRead, NoCard, ReaderError
from devices.idcard.errors import BadReaderUri
from devices.idcard.frames import Command
from devices.idcard.link import FrameLink
from devices.idcard.sdtapi import SdtapiLink
from devices.idcard.session import SamReader
from devices.idcard.transport import SerialTransport, TcpTransport, UsbTransport
from tests.conftest import free_port
from tests.devices.idcard.conftest import resident_card
from tests.devices.idcard.simulator import (
    FakeUsbDevice,
    SamModule,
    SimCard,
    TcpSimulator,
    finder_for,
)


def test_sam_tcp_reads_and_reconnects_after_the_converter_drops(tmp_path: Path) -> None:
    module = SamModule(SimCard.of(resident_card()))
    with TcpSimulator(module) as server:
        reader = registry.card_reader(f"sam-tcp:127.0.0.1:{server.port}", tmp_path)
        try:
            st = reader.status()
            assert isinstance(st, CardRead) and st.card.name == "王建国"
            server.drop_connections()
            time.sleep(0.05)
            st = reader.status()
            assert isinstance(st, ReaderError) and st.reason == "reader_unplugged"
            time.sleep(0.6)
            assert isinstance(reader.status(), CardRead)
        finally:
            reader.close()


def test_sam_tcp_with_nothing_listening_is_no_reader(tmp_path: Path) -> None:
    reader = registry.card_reader(f"sam-tcp:127.0.0.1:{free_port()}", tmp_path)
    st = reader.status()
    assert isinstance(st, ReaderError) and st.reason == "no_reader"
    assert "serial server" in st.detail


def usb_reader(device: FakeUsbDevice | None) -> SamReader:
    return SamReader(FrameLink(UsbTransport(0x0400, 0xC35A, finder=finder_for(device))))


def test_sam_usb_splits_frames_over_the_two_pipe_pairs() -> None:
    device = FakeUsbDevice(SamModule(SimCard.of(resident_card())))
    reader = usb_reader(device)
    st = reader.status()
    assert isinstance(st, CardRead) and st.card.name == "王建国"
    header, body = device.writes[0], device.writes[1]
    assert header == (0x02, bytes.fromhex("AAAAAA96690003"))
    assert body == (0x06, bytes.fromhex("11FFED"))
    assert {ep for ep, _ in device.writes} == {0x02, 0x06}
    assert device.module.count(Command.READ_BASE) == 1


def test_sam_usb_unplugged_and_missing() -> None:
    device = FakeUsbDevice(SamModule(SimCard.of(resident_card())))
    reader = usb_reader(device)
    assert isinstance(reader.status(), CardRead)
    device.unplugged = True
    st = reader.status()
    assert isinstance(st, ReaderError) and st.reason == "reader_unplugged"
    device.unplugged = False
    device.module.remove()
    time.sleep(0.6)
    assert reader.status() == NoCard()
    missing = usb_reader(None).status()
    assert isinstance(missing, ReaderError) and missing.reason == "no_reader"
    assert "lsusb" in missing.detail


@pytest.mark.parametrize(("uri", "link", "transport"), [
    ("sam-serial:/dev/ttyUSB0?baud=115200", FrameLink, SerialTransport),
    ("sam-serial:/dev/ttyS1?baud=9600&fp=1&appended=0&max_rf=none", FrameLink, SerialTransport),
    ("sam-usb:0400:c35a", FrameLink, UsbTransport),
    ("sam-usb:", FrameLink, UsbTransport),
    ("sam-tcp:192.0.2.7:4001", FrameLink, TcpTransport),
    ("sam-tcp:[::1]:4001", FrameLink, TcpTransport),
    ("sdtapi:/opt/reader/libsdtapi.so?port=1001", SdtapiLink, type(None)),
    ("sdtapi:/opt/reader/libsdtapi.so?port=3", SdtapiLink, type(None)),
])
def test_reader_uris(uri: str, link: type, transport: type, tmp_path: Path) -> None:
    reader = registry.card_reader(uri, tmp_path)
    assert isinstance(reader, SamReader) and isinstance(reader.link, link)
    if transport is not type(None):
        assert isinstance(reader.link.transport, transport)  # type: ignore[attr-defined]


def test_uri_options_reach_the_session(tmp_path: Path) -> None:
    reader = registry.card_reader("sam-serial:/dev/ttyS1?baud=9600&fp=1&appended=0&max_rf=none"
                                  "&set_baud=115200&probe=0", tmp_path)
    assert isinstance(reader, SamReader)
    assert (reader.fingerprint, reader.appended_address, reader.max_rf_bytes) == \
        (True, False, None)
    assert (reader.target_baud, reader.probe_speeds) == (115200, False)
    assert reader.link.baud == 9600  # type: ignore[attr-defined]


@pytest.mark.parametrize("uri", [
    "sam-serial:", "sam-serial:/dev/ttyUSB0?baud=12345", "sam-serial:/dev/x?speed=1",
    "sam-serial:/dev/x?fp=maybe", "sam-usb:zz:c35a", "sam-tcp:host", "sam-tcp:host:0",
    "sdtapi:", "sdtapi:/x.so?port=99", "sam-serial:/dev/x?max_rf=7",
    "sam-serial:/dev/x?wlt=magic:/x.so",
])
def test_bad_uris_name_the_key_and_the_forms(uri: str, tmp_path: Path) -> None:
    with pytest.raises(BadReaderUri) as err:
        registry.card_reader(uri, tmp_path)
    assert isinstance(err.value, UnknownDriver)
    assert "devices.card_reader" in str(err.value) and "sam-usb:0400:c35a" in str(err.value)


def test_building_a_reader_opens_nothing(tmp_path: Path) -> None:
    # A terminal must start with its reader unplugged: the error shows on the first poll.
    reader = registry.card_reader("sam-serial:/dev/ttyNOSUCH0", tmp_path)
    assert isinstance(reader.status(), ReaderError)
