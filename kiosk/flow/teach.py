"""教办 (issue 15, Hubei's 代办帮办教办): the 怎么用 walkthrough, as data.

A replayable walk through the terminal's devices and the way a visit goes, opened from the
home screen: one page per thing a first-time resident meets (the card reader, the big
buttons, the document camera, the signature box, the keyboard, the printer slot). Each
page has a short title, one or two plain sentences for residents who read little, and the
name of the picture the screen draws for it (``ui/qml/screens/teach/TeachScreen.qml``);
its spoken sentence is ``kiosk.prompts.TEACH_PROMPTS[page.id]``. Nothing here is personal:
the walkthrough is the same for everyone and needs no card.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class TeachPage:
    id: str  # stable key: the spoken prompt, tests, objectNames
    title: str
    words: str  # one or two short sentences
    picture: str  # what the screen draws: card · buttons · camera · sign · keyboard · receipt


PAGES: tuple[TeachPage, ...] = (
    TeachPage("card", QT_TRANSLATE_NOOP("kiosk", "身份证放在读卡区"),
              QT_TRANSLATE_NOOP("kiosk", "把身份证平放在屏幕下方的读卡区，不要移动。"
                                         "听到“嘀”的一声，就读好了。"),
              "card"),
    TeachPage("choose", QT_TRANSLATE_NOOP("kiosk", "选要办的事"),
              QT_TRANSLATE_NOOP("kiosk", "用手指点一下屏幕上的大按钮，选您要办的事。"
                                         "点错了，点「返回」就行。"),
              "buttons"),
    TeachPage("camera", QT_TRANSLATE_NOOP("kiosk", "拍材料"),
              QT_TRANSLATE_NOOP("kiosk", "把材料正面朝上，平放在拍照区的摄像头下面。"
                                         "放稳不要动，它会自己拍照。"),
              "camera"),
    TeachPage("sign", QT_TRANSLATE_NOOP("kiosk", "手写签名"),
              QT_TRANSLATE_NOOP("kiosk", "用手指在屏幕的框里写下您的名字。"
                                         "写错了，点「重签」再写一遍。"),
              "sign"),
    TeachPage("keyboard", QT_TRANSLATE_NOOP("kiosk", "用键盘打字"),
              QT_TRANSLATE_NOOP("kiosk", "打字：先输入拼音，再点您要的字。"
                                         "输数字：点数字键就行。"),
              "keyboard"),
    TeachPage("receipt", QT_TRANSLATE_NOOP("kiosk", "取回执"),
              QT_TRANSLATE_NOOP("kiosk", "办完后，回执从打印口出来，请拿好。"
                                         "用回执上的二维码可以查办件进度。"),
              "receipt"),
)
"""The walkthrough in order: card, buttons, camera, signature, keyboard, receipt."""


def page_index(arg: str) -> int:
    """The page a visit's step argument names, kept within the walkthrough."""
    try:
        i = int(arg or 0)
    except ValueError:
        i = 0
    return max(0, min(i, len(PAGES) - 1))
