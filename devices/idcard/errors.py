"""Typed ID-card reader errors, each with a sentence a resident or technician can act on.

The session raises these; ``SamReader.status()`` turns them into the status values of
``devices.idcard.reader`` (``error.as_status()``), so the UI switches on data and never
catches exceptions. ``reason`` is a stable machine code (logs, ``--json``, tests).
"""

from __future__ import annotations

from devices.errors import DeviceError, UnknownDriver
from devices.idcard.reader import CardError, CardStatus, NoCard, ReaderError


class IdCardError(DeviceError):
    """Base of every ID-card reader failure."""

    reason = "idcard_error"

    def as_status(self) -> CardStatus:
        raise NotImplementedError


# The reader (or its security module) needs a technician ----------------------------------


class ReaderFault(IdCardError):
    reason = "reader_fault"
    resident_message = "读卡器暂时无法使用，请联系工作人员"

    def as_status(self) -> CardStatus:
        return ReaderError(str(self), self.resident_message, self.reason)


class NoReader(ReaderFault):
    """Nothing to talk to: the port, USB device, host or library is not there."""

    reason = "no_reader"
    resident_message = "读卡器未连接，请联系工作人员"


class ReaderUnplugged(ReaderFault):
    """The reader was there and went away mid-conversation (cable, power, USB reset)."""

    reason = "reader_unplugged"
    resident_message = "读卡器连接中断，请联系工作人员"


class ReaderNotResponding(ReaderFault):
    """The port opens but no valid answer comes back (wrong line speed, not a SAM reader)."""

    reason = "reader_not_responding"
    resident_message = "读卡器无响应，请联系工作人员"


class SamSelfTestFailed(ReaderFault):
    """SW3 0x60: the security module failed its self-test and takes no commands."""

    reason = "sam_self_test_failed"
    resident_message = "读卡器安全模块故障，请联系工作人员"


class SamNotAuthorised(ReaderFault):
    """SW3 0x66: the security module is not authorised for use."""

    reason = "sam_not_authorised"
    resident_message = "读卡器安全模块未授权，请联系工作人员"


class ReaderProtocolError(ReaderFault):
    """The module keeps refusing our frames (SW3 10/11/21/23/24) or answers nonsense."""

    reason = "reader_protocol_error"


# The card (or the way it lies on the reader) is the problem ------------------------------


class CardFault(IdCardError):
    reason = "card_fault"
    resident_message = "读卡失败，请取出身份证后重新放置"

    def as_status(self) -> CardStatus:
        return CardError(str(self), self.resident_message, self.reason)


class CardPulled(CardFault):
    """The card left the reader between find and the end of the read."""

    reason = "card_pulled"
    resident_message = "读卡时证件被移开，请重新放好证件，读完前不要移动"


class UnreadableCard(CardFault):
    """The card is there but the module cannot read or authenticate it (SW3 31/32/33/41/47)."""

    reason = "card_unreadable"
    resident_message = "无法读取这张证件，请取出后重新放置；仍不行请联系工作人员"


class WrongCardKind(CardFault):
    """Something is on the reader that is no ID card or residence permit (SW3 40)."""

    reason = "wrong_card_kind"
    resident_message = "无法识别这张卡，请放置居民身份证或居住证"


class NoCardPresent(IdCardError):
    """No card on the reader (find answered 80 and select confirmed nothing is there)."""

    reason = "no_card"
    resident_message = "请将身份证放在读卡区"

    def as_status(self) -> CardStatus:
        return NoCard()


class BadReaderUri(UnknownDriver):
    """The configured reader URI cannot be understood; the message shows the forms."""
