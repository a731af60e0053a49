"""The sdtapi back-end against a stand-in vendor library built here with gcc and loaded
through the same ctypes code, and the optional photo decoder back-ends."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices import registry
from devices.idcard import CardError, CardRead, NoCard, ReaderError
from devices.idcard.photo import (
    BMP_SIZE,
    GetBmpDecoder,
    UnpackDecoder,
    load_decoder,
    looks_like_wlt,
    photo_bmp,
    placeholder_bmp,
)
from devices.idcard.session import SamReader
from devices.idcard.textblock import build_appended_address, build_text_block
from devices.idcard.uri import open_reader
from tests.devices.idcard.conftest import resident_card
from tests.devices.idcard.simulator import sample_wlt

SOURCE = Path(__file__).with_name("standin_sdtapi.c")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    gcc = shutil.which("gcc")
    assert gcc, "gcc is needed (setup.sh installs it)"
    out = tmp_path_factory.mktemp("sdtapi") / "libsdtapi.so"
    subprocess.run([gcc, "-shared", "-fPIC", "-O1", "-o", str(out), str(SOURCE)], check=True)
    return out


@pytest.fixture
def sim(library: Path) -> Iterator[ctypes.CDLL]:
    lib = ctypes.CDLL(str(library))  # the same handle the driver gets from dlopen
    photo = sample_wlt()
    lib.SIM_SetCard(build_text_block(resident_card()), photo, 1)
    lib.SIM_SetAppended(None, 0)
    lib.SIM_SetSam(0x90)
    lib.SIM_SetReadResult(0x90)
    lib.SIM_SetHangMs(0)
    lib.SIM_SetLicensed(1)
    yield lib
    lib.SIM_SetHangMs(0)


def reader_for(library: Path, port: int = 1001) -> SamReader:
    return open_reader(f"sdtapi:{library}?port={port}")


def test_reads_a_card_through_the_vendor_library(sim: ctypes.CDLL, library: Path,
                                                 tmp_path: Path) -> None:
    sim.SIM_SetAppended(build_appended_address("湖北省武汉市新址9号"), 70)
    reader = registry.card_reader(f"sdtapi:{library}?port=1001", tmp_path)
    try:
        st = reader.status()
        assert isinstance(st, CardRead)
        assert st.card == resident_card(photo=sample_wlt(), appended_address="湖北省武汉市新址9号")
        assert reader.info.sam_id_text == "05.01-20230101-0001234567-0890123456"  # type: ignore
        calls = sim.SIM_Calls()
        assert isinstance(reader.status(), CardRead)  # the card stays: not read again
        assert sim.SIM_Calls() - calls == 2  # find + select
        sim.SIM_SetCard(None, None, 0)
        assert reader.status() == NoCard()
    finally:
        reader.close()


def test_wrong_port_and_missing_library_are_no_reader(sim: ctypes.CDLL, library: Path,
                                                      tmp_path: Path) -> None:
    st = reader_for(library, port=1002).status()
    assert isinstance(st, ReaderError) and st.reason == "no_reader"
    assert "SDT_OpenPort(1002) returned 1" in st.detail
    st = open_reader(f"sdtapi:{tmp_path}/nothing.so").status()
    assert isinstance(st, ReaderError) and st.reason == "no_reader"
    assert "cannot load" in st.detail
    not_sdtapi = tmp_path / "libother.so"
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(not_sdtapi), "-x", "c", "-"],
                   input=b"int f(void){return 0;}", check=True)
    st = open_reader(f"sdtapi:{not_sdtapi}").status()
    assert isinstance(st, ReaderError) and "not an sdtapi library" in st.detail


def test_sam_status_and_card_failures_map_to_the_same_errors(sim: ctypes.CDLL,
                                                             library: Path) -> None:
    sim.SIM_SetSam(0x66)
    reader = reader_for(library)
    try:
        st = reader.status()
        assert isinstance(st, ReaderError) and st.reason == "sam_not_authorised"
        sim.SIM_SetSam(0x90)
        sim.SIM_SetReadResult(0x40)
        time.sleep(0.6)
        st = reader.status()
        assert isinstance(st, CardError) and st.reason == "wrong_card_kind"
        sim.SIM_SetReadResult(0x90)
        assert isinstance(reader.status(), CardRead)
    finally:
        reader.close()


def test_a_hung_library_call_does_not_hang_the_terminal(sim: ctypes.CDLL,
                                                        library: Path) -> None:
    reader = reader_for(library)
    try:
        assert isinstance(reader.status(), CardRead)
        sim.SIM_SetCard(None, None, 0)
        assert reader.status() == NoCard()
        sim.SIM_SetHangMs(2500)
        t0 = time.monotonic()
        st = reader.status()
        assert time.monotonic() - t0 < 2.3  # given up on, not waited out (the hang is 2.5 s)
        assert isinstance(st, ReaderError) and st.reason == "reader_not_responding"
        sim.SIM_SetHangMs(0)
        time.sleep(2.6)  # the stuck call returns
        assert reader.status() == NoCard()
    finally:
        reader.close()


# The photo -------------------------------------------------------------------------------


def test_without_a_decoder_the_photo_is_a_neutral_placeholder() -> None:
    wlt = sample_wlt()
    assert looks_like_wlt(wlt)
    bmp = photo_bmp(wlt, None)
    assert bmp == placeholder_bmp() and bmp.startswith(b"BM") and len(bmp) == BMP_SIZE == 38862
    assert photo_bmp(b"", UnpackDecoder("/nonexistent.so")) == placeholder_bmp()


def test_a_licensed_unpack_decoder_is_used_through_ctypes(sim: ctypes.CDLL,
                                                          library: Path) -> None:
    decoder = load_decoder(f"unpack:{library}")
    bmp = photo_bmp(sample_wlt(), decoder)
    assert bmp.startswith(b"BM") and len(bmp) == BMP_SIZE and bmp != placeholder_bmp()
    assert photo_bmp(b"XX" + bytes(1022), decoder) == placeholder_bmp()  # decoder refuses
    sim.SIM_SetLicensed(0)  # −5 软件未授权
    assert photo_bmp(sample_wlt(), decoder) == placeholder_bmp()


def test_a_getbmp_decoder_works_through_files(sim: ctypes.CDLL, library: Path) -> None:
    decoder = load_decoder(f"getbmp:{library}?intf=2")
    assert isinstance(decoder, GetBmpDecoder) and decoder.intf == 2
    assert photo_bmp(sample_wlt(), decoder) == b"BM-standin"
    sim.SIM_SetLicensed(0)
    assert photo_bmp(sample_wlt(), decoder) == placeholder_bmp()


def test_the_decoder_is_named_in_the_reader_uri(library: Path) -> None:
    reader = open_reader(f"sam-serial:/dev/ttyS0?wlt=unpack:{library}")
    assert isinstance(reader.photo_decoder, UnpackDecoder)
    assert open_reader("sam-serial:/dev/ttyS0").photo_decoder is None
    with pytest.raises(ValueError):
        load_decoder("unpack:")
