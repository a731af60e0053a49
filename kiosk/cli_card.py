"""`kiosk card read` and `kiosk card decode`: the ID card path as a technician meets it.

Both show personal data masked unless ``--reveal``, print one plain line saying why when
the card must be refused, and exit non-zero then:

    0 accepted · 1 the card must be refused · 2 bad input · 3 no card
    4 the card could not be read · 5 the reader is missing or failing

``read`` never hangs: the driver bounds every command, and the whole read is bounded
again here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from devices.idcard import codes
from devices.idcard.frames import PREAMBLE, FrameError, parse_answer
from devices.idcard.model import IdCard
from devices.idcard.reader import CardError, CardRead, CardReader, CardStatus, NoCard, ReaderError
from devices.idcard.textblock import TEXT_BLOCK_SIZE, TextBlockError, parse_text_block
from devices.idcard.validation import Problem, card_problems, date_words
from kiosk.identity import mask_id_number, mask_name

EXIT_OK, EXIT_REFUSED, EXIT_INPUT, EXIT_NO_CARD, EXIT_CARD_ERROR, EXIT_READER = 0, 1, 2, 3, 4, 5
# A full dump (text 256 + photo 1024 + fingerprints 1024 bytes) is about 4.6 KB of hex;
# spaces, newlines and 0x prefixes may triple it.
HEX_MAX_BYTES = 64 * 1024
HARD_LIMIT_S = 30.0  # beyond every driver timeout; only a wedged library gets here


def register(sub: Any) -> None:
    card = sub.add_parser("card", help="read or decode ID cards (for technicians)",
                          description="read the card on the reader, or decode a text-block dump")
    csub = card.add_subparsers(dest="card_command", required=True, metavar="ACTION")
    rd = csub.add_parser("read", help="read the card on the reader")
    rd.add_argument("--reader", help="reader URI (default: the config's devices.card_reader),"
                    " e.g. sam-serial:/dev/ttyUSB0?baud=115200, sam-usb:0400:c35a,"
                    " sam-tcp:HOST:PORT, sdtapi:/path/libsdtapi.so?port=1001, mock:")
    rd.add_argument("--wait", type=float, default=0.0, metavar="S",
                    help="wait up to S seconds for a card (default: read once)")
    rd.add_argument("--photo", metavar="FILE",
                    help="with --reveal: save the photo (.wlt raw, otherwise a BMP)")
    rd.add_argument("--data-dir", help="override the config's data_dir (mock reader)")
    _common(rd)
    rd.set_defaults(func=cmd_card_read)
    dc = csub.add_parser("decode", help="decode a raw 256-byte text block given as hex")
    dc.add_argument("--hex", required=True, metavar="FILE|-",
                    help="hex of the text block (or of a whole 30 01 answer frame); - for stdin")
    _common(dc)
    dc.set_defaults(func=cmd_card_decode)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.add_argument("--reveal", action="store_true", help="show personal data unmasked")
    p.add_argument("--on", metavar="YYYY-MM-DD", type=dt.date.fromisoformat,
                   help="check validity on this date (default: today)")


# Showing a card ---------------------------------------------------------------------


def mask_address(address: str) -> str:
    """Province and city are enough to recognise; the rest is hidden."""
    a = address.strip()
    keep = min(6, len(a) // 2)
    return a[:keep] + "*" * (len(a) - keep)


def _mask_code(text: str) -> str:
    return text[:2] + "*" * max(0, len(text) - 4) + text[-2:] if len(text) > 4 else "*" * len(text)


def card_fields(card: IdCard, reveal: bool) -> dict[str, Any]:
    def m(value: str, masker: Any) -> str:
        return value if reveal or not value else str(masker(value))

    fields: dict[str, Any] = {
        "card_type": card.card_type,
        "card_kind": codes.kind_name(card.card_type),
        "name": m(card.name, mask_name),
        "sex": codes.sex_name(card.sex_code),
        "birth_date": (card.birth_date.isoformat() if reveal
                       else f"{card.birth_date.year}-**-**"),
        "id_number": m(card.id_number, mask_id_number),
        "address": m(card.address, mask_address),
        "issuer": card.issuer,
        "valid_from": card.valid_from.isoformat(),
        "valid_until": card.valid_until.isoformat() if card.valid_until else "长期",
        "photo_bytes": len(card.photo),
        "fingerprint_bytes": len(card.fingerprint),
    }
    if card.card_type == codes.RESIDENT:
        fields["nation"] = codes.nation_short(card.nation_code) or card.nation_code
    if card.appended_address:
        fields["appended_address"] = m(card.appended_address, mask_address)
    extra = {"english_name": m(card.english_name, mask_name),
             "nationality": card.nationality, "pass_number": m(card.pass_number, _mask_code),
             "issue_count": card.issue_count, "renewal_count": card.renewal_count,
             "card_version": card.card_version, "authority_code": card.authority_code,
             "previous_number_link": card.previous_number_link}
    fields.update({k: v for k, v in extra.items() if v})
    return fields


_LABELS = {"card_kind": "证件类型", "name": "姓名", "english_name": "英文姓名", "sex": "性别",
           "nation": "民族", "birth_date": "出生", "id_number": "证件号码", "address": "住址",
           "appended_address": "追加住址（现住址）", "issuer": "签发机关",
           "nationality": "国籍/地区", "pass_number": "通行证号码", "issue_count": "签发次数",
           "renewal_count": "换证次数", "card_version": "证件版本号",
           "authority_code": "受理机关代码", "previous_number_link": "既往证件号码关联项"}


def _print_card(fields: dict[str, Any], problems: list[Problem]) -> None:
    for key, label in _LABELS.items():
        if key in fields:
            print(f"{label}: {fields[key]}")
    print(f"有效期限: {fields['valid_from']} 至 {fields['valid_until']}")
    photo = fields["photo_bytes"]
    print(f"照片: {photo} 字节 WLT（未解码）" if photo else "照片: 无")
    if fields["fingerprint_bytes"]:
        print(f"指纹: {fields['fingerprint_bytes']} 字节")
    print("结论: 可以受理" if not problems else f"结论: 不予受理 — {problems[0].message}")


def _report_card(card: IdCard, args: argparse.Namespace, extra: dict[str, Any]) -> int:
    today = args.on or dt.date.today()
    problems = card_problems(card, today)
    fields = card_fields(card, args.reveal)
    if args.json:
        print(json.dumps({"status": "refused" if problems else "accepted",
                          "reason": problems[0].message if problems else "",
                          "problems": [{"code": p.code, "message": p.message} for p in problems],
                          "checked_on": today.isoformat(), "card": fields, **extra},
                         ensure_ascii=False, indent=2))
    else:
        _print_card(fields, problems)
    if problems:
        print(f"不予受理: {problems[0].message}", file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK


def _fail(args: argparse.Namespace, status: str, reason: str, code: int,
          detail: str = "", extra: dict[str, Any] | None = None) -> int:
    if args.json:
        print(json.dumps({"status": status, "reason": reason, "detail": detail, **(extra or {})},
                         ensure_ascii=False, indent=2))
    print(reason + (f" ({detail})" if detail and not args.json else ""), file=sys.stderr)
    return code


# kiosk card read --------------------------------------------------------------------


def _reader_from(args: argparse.Namespace) -> CardReader:
    from devices import registry
    from kiosk.config import load_config, validate

    cfg = load_config(Path(args.config) if getattr(args, "config", None) else None)
    if args.data_dir:
        cfg = validate(replace(cfg, data_dir=Path(args.data_dir)))
    return registry.card_reader(args.reader or cfg.devices.card_reader, cfg.mock_dir)


def _bounded_status(reader: CardReader, limit: float) -> CardStatus | None:
    box: list[CardStatus] = []
    t = threading.Thread(target=lambda: box.append(reader.status()), daemon=True,
                         name="card-read")
    t.start()
    t.join(limit)
    return box[0] if box else None


def cmd_card_read(args: argparse.Namespace) -> int:
    from devices.errors import DeviceError

    try:
        reader = _reader_from(args)
    except DeviceError as exc:
        return _fail(args, "reader_error", "读卡器配置有误", EXIT_INPUT, str(exc))
    deadline = time.monotonic() + max(0.0, args.wait)
    try:
        while True:
            status = _bounded_status(reader, HARD_LIMIT_S)
            if status is None:
                return _fail(args, "reader_error", "读卡器无响应", EXIT_READER,
                             f"no answer within {HARD_LIMIT_S:.0f} s")
            if not isinstance(status, NoCard) or time.monotonic() >= deadline:
                break
            time.sleep(0.1)
        extra = _reader_info(reader)
        if isinstance(status, NoCard):
            return _fail(args, "no_card", "读卡器上没有证件，请放置身份证后重试", EXIT_NO_CARD,
                         extra=extra)
        if isinstance(status, ReaderError):
            return _fail(args, "reader_error", status.resident_message, EXIT_READER,
                         status.detail, {"code": status.reason, **extra})
        if isinstance(status, CardError):
            return _fail(args, "card_error", status.resident_message, EXIT_CARD_ERROR,
                         status.detail, {"code": status.reason, **extra})
        assert isinstance(status, CardRead)
        if args.photo:
            if not args.reveal:
                return _fail(args, "refused_option", "保存照片需要同时指定 --reveal", EXIT_INPUT)
            from kiosk.jsonfile import JsonFileError, check_output_path

            try:
                _save_photo(reader, status.card, check_output_path(Path(args.photo)))
            except (JsonFileError, OSError) as exc:
                why = exc.strerror if isinstance(exc, OSError) else str(exc)
                return _fail(args, "bad_output", f"无法保存照片到 {args.photo}", EXIT_INPUT,
                             str(why))
        return _report_card(status.card, args, extra)
    finally:
        closer = threading.Thread(target=reader.close, daemon=True)
        closer.start()
        closer.join(2.0)


def _reader_info(reader: CardReader) -> dict[str, Any]:
    info = getattr(reader, "info", None)
    if info is None:
        return {}
    return {"reader": {"link": info.link, "sam_id": info.sam_id_text,
                       "line_speed": info.line_speed, "appended_command": info.appended_command}}


def _save_photo(reader: CardReader, card: IdCard, out: Path) -> None:
    from devices.idcard.photo import photo_bmp

    if out.suffix.lower() == ".wlt":
        out.write_bytes(card.photo)
    else:
        out.write_bytes(photo_bmp(card.photo, getattr(reader, "photo_decoder", None)))


# kiosk card decode ------------------------------------------------------------------


def _hex_bytes(text: str) -> bytes:
    cleaned = re.sub(r"0x|[\s:,\-]", "", text, flags=re.IGNORECASE)
    return bytes.fromhex(cleaned)


def text_of_dump(raw: bytes) -> tuple[bytes, bytes, bytes]:
    """A 256-byte block, a whole read answer frame, or its data (TL PL [FL] text photo …)
    → (text, photo, fingerprint). Raises ValueError with the reason."""
    from devices.idcard.errors import UnreadableCard
    from devices.idcard.session import split_read_answer

    if raw.startswith(PREAMBLE):
        try:
            answer = parse_answer(raw)
        except FrameError as exc:
            raise ValueError(f"不是完整的应答帧: {exc}") from None
        if answer.sw3 != 0x90:
            raise ValueError(f"应答帧的状态不是成功: {answer.meaning}")
        raw = answer.data
    if len(raw) == TEXT_BLOCK_SIZE:
        return raw, b"", b""
    for fp in (False, True):
        head = 6 if fp else 4
        if len(raw) < head:
            continue
        sizes = [int.from_bytes(raw[i:i + 2], "big") for i in range(0, head, 2)]
        if head + sum(sizes) == len(raw):
            try:
                return split_read_answer(raw, fp)
            except UnreadableCard as exc:
                raise ValueError(str(exc)) from None
    raise ValueError(f"文字信息应为{TEXT_BLOCK_SIZE}字节，收到{len(raw)}字节")


def cmd_card_decode(args: argparse.Namespace) -> int:
    from kiosk.jsonfile import JsonFileError, decode_text, read_bounded, read_stdin_bounded

    try:  # a directory, a FIFO, a huge or changing file: one line, nothing read whole
        data = (read_stdin_bounded(sys.stdin.buffer, HEX_MAX_BYTES) if args.hex == "-"
                else read_bounded(Path(args.hex), HEX_MAX_BYTES))
        text_in = decode_text(data)
    except JsonFileError as exc:
        return _fail(args, "bad_input", f"无法读取 {args.hex}", EXIT_INPUT, str(exc))
    try:
        raw = _hex_bytes(text_in)
    except ValueError:
        return _fail(args, "bad_input", "输入不是十六进制数据", EXIT_INPUT)
    try:
        text, photo, fp = text_of_dump(raw)
    except ValueError as exc:
        return _fail(args, "bad_input", str(exc), EXIT_INPUT)
    try:
        card = parse_text_block(text, photo=photo, fingerprint=fp)
    except TextBlockError as exc:
        return _fail(args, "refused", f"证件信息无法识别，不予受理: {exc.problem}", EXIT_REFUSED)
    return _report_card(card, args, {})


__all__ = ["card_fields", "cmd_card_decode", "cmd_card_read", "date_words", "mask_address",
           "register", "text_of_dump"]
