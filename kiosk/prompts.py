"""Spoken prompts: one short sentence per flow step, and the audio they are played from.

Many residents at a village terminal read little or see poorly, so every step can say what
to do next out loud (请把身份证放在读卡区). The sentences are data, in Chinese and English,
and deliberately generic: a prompt is spoken into a public room, so it never carries the
resident's name, ID number or anything read from the card or typed — ``prompt_for`` builds
it from the step and a few yes/no facts of the screen only, and no prompt holds a digit.

Audio comes from a cache of WAV files rendered with espeak-ng (``render_cache``), played by
the UI (``ui.speech.Speaker``). Measured on Debian 12 (espeak-ng 1.51, notes in
``tests/kiosk/test_prompts.py``): the default Mandarin voice ``cmn`` reads Chinese characters
whose dictionary entry is pinyin (请 = qing3) as English words with the tone digit spoken
("king three", espeak-ng#1028), which made prompts 1.2-1.5x longer and unintelligible; the
variant ``cmn-latn-pinyin`` reads the same entries as pinyin with tones. That is the voice
here, and a test fails if any prompt's phonemes switch to English again. Speech-dispatcher
(Qt's ``speechd`` engine) picked the default ``cmn`` voice (请核对信息: 4.0 s of audio against
1.7 s), needs a daemon per user, has no synthesize-to-file in Qt (so its output cannot be
measured without a sound server) and took 2.1 s before the first word; pre-rendered files
started playing 6 ms after ``play()`` and are exactly what the tests measure.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.flow.steps import Step
from kiosk.flow.views import DoneView, FormView, InsertCardView, Screen, TeachView

LANGUAGES = ("zh_CN", "en_US")
SPEECH_MODES = ("elder", "on", "off")
"""``Config.speech``: ``elder`` — spoken prompts start by themselves only in 长辈模式 (the
default); ``on`` — on every visit; ``off`` — a terminal without speakers: nothing is ever
played and the 再听一遍 button is hidden."""

VOICES = {"zh_CN": "cmn-latn-pinyin", "en_US": "en-us"}
RATE_WPM = 150  # espeak-ng's default is 175; slower for older listeners (about 0.37 s/字)
ESPEAK = "espeak-ng"
RENDER_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Prompt:
    zh: str
    en: str

    def text(self, language: str) -> str:
        return self.en if language == "en_US" else self.zh


# Keyed by the step's value, so a step the flow table does not have (yet, or any more) costs
# nothing at import; a test requires a prompt for every step it does have.
_BY_STEP: dict[str, Prompt] = {
    "home": Prompt("您好，请选择您要做什么", "Welcome. Please choose what you want to do."),
    "insert_card": Prompt("请把身份证放在读卡区",
                          "Please place your ID card on the card reader."),
    "find_service": Prompt("请选择要办的事", "Please choose the service you need."),
    "category": Prompt("请选择要办的事项", "Please choose an item."),
    "search": Prompt("请从搜索结果中选择", "Please choose from the search results."),
    "guide": Prompt("这是办事指南，请看要准备的材料",
                    "This is the guide. Please see what you need to bring."),
    "question": Prompt("请回答这个问题", "Please answer this question."),
    "checklist": Prompt("这是您要准备的材料清单", "This is the list of documents you need."),
    "form": Prompt("请填写表格，填好后点「继续」", "Please fill in the form, then tap Continue."),
    "materials": Prompt("请选择每份材料怎么提交", "Please choose how to provide each document."),
    "ecert_scan": Prompt("请把手机上的电子证照对准摄像头",
                         "Please hold the e-certificate on your phone up to the camera."),
    "sign": Prompt("请读完承诺内容，然后在框里签名",
                   "Please read the commitment, then sign in the box."),
    "photo": Prompt("请把材料放在拍照区", "Please place the document under the camera."),
    "check_answers": Prompt("请核对信息，没有问题就点提交",
                            "Please check your information, then tap Submit."),
    "done": Prompt("提交成功，请取走回执", "Submitted. Please take your receipt."),
    "print_problem": Prompt("回执没有打印出来，请记下屏幕上的编号",
                            "The receipt did not print. Please note the number on the screen."),
    "rate": Prompt("请为这次服务评价，也可以跳过", "Please rate this service, or skip it."),
    "rated": Prompt("谢谢您的评价", "Thank you for your rating."),
    "query_result": Prompt("这是您的办件进度", "Here is the progress of your cases."),
    "query_number": Prompt("请输入办件编号", "Please enter the case number."),
    "query_scan": Prompt("请把回执上的二维码对准摄像头",
                         "Please hold the code on your receipt up to the camera."),
    "correction": Prompt("这些材料还需要补交", "These documents still need to be handed in."),
    "problem": Prompt("出了点问题，请看屏幕上的说明",
                      "Something went wrong. Please read the screen."),
    "maintenance": Prompt("这是维护信息，请工作人员查看",
                          "Maintenance information, for staff."),
    "teach": Prompt("这里教您怎么用这台机器", "This shows you how to use the terminal."),
}
STEP_PROMPTS: dict[Step, Prompt] = {s: _BY_STEP[s.value] for s in Step if s.value in _BY_STEP}

# Variants of a step for a state the resident must hear about (still generic).
CARD_RETRY = Prompt("没有读到身份证，请重新放在读卡区",
                    "The card was not read. Please place it on the reader again.")
FORM_ERRORS = Prompt("有内容需要修改，请看屏幕上方的提示",
                     "Something needs changing. Please see the note at the top.")
DONE_PRINTING = Prompt("提交成功，正在打印回执", "Submitted. Your receipt is printing.")
# 怎么用 (教办): each page of the walkthrough (kiosk.flow.teach.PAGES) says its own sentence,
# keyed by the page's id; the step's prompt above is for a page without one.
TEACH_PROMPTS: dict[str, Prompt] = {
    "card": Prompt("身份证平放在读卡区，听到嘀的一声就好",
                   "Lay your ID card flat on the reader and wait for the beep."),
    "choose": Prompt("点屏幕上的大按钮，选要办的事", "Tap a big button to choose what you need."),
    "camera": Prompt("材料平放在摄像头下面，放稳会自动拍照",
                     "Lay the page under the camera and hold still."),
    "sign": Prompt("用手指在框里写下您的名字", "Write your name in the box with your finger."),
    "keyboard": Prompt("先输入拼音，再点您要的字", "Type the pinyin, then tap the character."),
    "receipt": Prompt("从打印口取走回执，请收好", "Take your receipt from the printer slot and "
                                               "keep it."),
}
# A step added to the flow before its own prompt (a test requires one for every step).
FALLBACK = Prompt("请按屏幕上的提示操作", "Please follow the steps on the screen.")

ALL_PROMPTS: tuple[Prompt, ...] = (*STEP_PROMPTS.values(), CARD_RETRY, FORM_ERRORS,
                                   DONE_PRINTING, FALLBACK, *TEACH_PROMPTS.values())


# 帮助 (issue 15, Hubei's 教办): what each step is for and how to get on, in one or two
# sentences, behind the 帮助 button of every screen (and read out by 读给我听). Generic like
# the prompts — never the resident's data, no digits — but longer, so outside the prompt
# length rule and rendered on first use rather than into the cache at start.
_HELP_BY_STEP: dict[str, Prompt] = {
    "home": Prompt("要办事，请点「我要办事」，再把身份证放在读卡区。"
                   "只想知道要带什么材料，点「查看办事指南」，不用身份证。",
                   "To apply, tap the big button and place your ID card on the reader. "
                   "To see what to bring, open the guides; no card is needed."),
    "insert_card": Prompt("把身份证平放在屏幕下方的读卡区，不要移动，读到后会自动进入下一步。",
                          "Lay your ID card flat on the reader below the screen and keep it "
                          "still. The next page opens by itself."),
    "find_service": Prompt("一件事可以一次办好几件相关的事。"
                           "也可以按部门找，或者在搜索框里输入名称或拼音首字母。",
                           "A bundle does several related things at once. You can also look "
                           "by department, or type a name or its pinyin initials."),
    "category": Prompt("这里是这个部门能办的事，点一项就能看它的办事指南。",
                       "These are the services of this department. Tap one to see its "
                       "guide."),
    "search": Prompt("点一项看办事指南。没有找到，就换个说法，或者按部门找。",
                     "Tap a result to see its guide. If it is not there, try other words or "
                     "look by department."),
    "guide": Prompt("这里写着谁能办、要带什么、多久办好。"
                    "准备好了就点「开始办理」，也可以先打印材料清单。",
                    "This says who can apply, what to bring and how long it takes. Tap start "
                    "when ready, or print the checklist first."),
    "question": Prompt("回答几个问题，终端就知道您要办哪些事、要带哪些材料。不清楚就点「不清楚」。",
                       "A few questions tell the terminal which services and documents you "
                       "need. If you are not sure, say so."),
    "checklist": Prompt("这是按您的回答整理的材料清单，可以打印带走。",
                        "This list of documents follows your answers. You can print it and "
                        "take it with you."),
    "form": Prompt("身份证上的信息已经填好了。"
                   "点一个空白的格子，用屏幕上的键盘输入，填好后点「继续」。",
                   "What is on your ID card is already filled in. Tap a box, type on the "
                   "screen keyboard, then tap continue."),
    "materials": Prompt("每份材料选一种方式：拍照、手机上的电子证照，"
                        "或者以后补交。已核验的不用再提供。",
                        "For each document choose one way: a photo, the e-certificate on your "
                        "phone, or bring it later. Checked ones need nothing."),
    "photo": Prompt("把材料正面朝上放在拍照区，放平不要动，放稳后会自动拍照，也可以点「拍照」。",
                    "Put the document face up under the camera and keep it still. It is "
                    "taken by itself, or tap the photo button."),
    "ecert_scan": Prompt("在手机上打开电子证照的二维码，对准摄像头，读到后会自动记下。",
                         "Open the e-certificate code on your phone and hold it up to the "
                         "camera. It is noted by itself."),
    "sign": Prompt("先读完上面的承诺内容，再用手指在框里写下您的名字，写错了点「重签」。",
                   "Read the commitment above, then write your name in the box with your "
                   "finger. Tap sign again to start over."),
    "check_answers": Prompt("请看一遍您的回答和填写的信息，"
                            "哪里不对就点旁边的「修改」，没有问题就提交。",
                            "Look over your answers. Tap change beside anything that is wrong, "
                            "then submit."),
    "done": Prompt("已经提交了。请取走回执，凭上面的编号和二维码可以查询进度。",
                   "It has been submitted. Take your receipt: its number and code let you "
                   "check the progress."),
    "print_problem": Prompt("回执没有打印出来，办件已经保存。"
                            "请把屏幕上的编号记下来或拍下来，再找工作人员。",
                            "The receipt did not print, but your case is saved. Note or photograph "
                            "the number on the screen and ask the staff."),
    "rate": Prompt("请为这次服务打分，差评请选原因。不想评价可以直接离开。",
                   "Rate this service. For a poor rating choose a reason. You may also leave "
                   "without rating."),
    "rated": Prompt("谢谢您的评价，马上回到首页。", "Thank you. The home page comes back by "
                                                    "itself."),
    "query_result": Prompt("这里是您办的事和进度。需要补正的，点开能看到还缺什么。",
                           "These are your cases and their progress. Open one that needs "
                           "more documents to see what is missing."),
    "query_number": Prompt("在数字键上输入回执上的办件编号，只输数字就行。",
                           "Type the case number from your receipt on the keypad. The "
                           "digits are enough."),
    "query_scan": Prompt("把回执上的二维码对准摄像头，读到后会自动查询。",
                         "Hold the code on your receipt up to the camera. The search starts "
                         "by itself."),
    "correction": Prompt("这是还需要补交的全部材料，可以打印带走，一次带齐。",
                         "This is everything still needed. Print it and bring it all at "
                         "once."),
    "problem": Prompt("屏幕上写着出了什么问题和下一步怎么做。还是不行，请找工作人员。",
                      "The screen says what went wrong and what to do next. If it still does "
                      "not work, ask the staff."),
    "maintenance": Prompt("这是给技术人员看的维护信息，不显示居民信息。点「返回首页」离开。",
                          "This page is for technicians and shows no resident data. Tap home "
                          "to leave."),
    "teach": Prompt("这里一步一步教您怎么用这台机器。点「下一步」往后看，看完点「我知道了」。",
                    "This shows step by step how to use the terminal. Tap next to go on, and "
                    "tap I understand at the end."),
}
HELP: dict[Step, Prompt] = {s: _HELP_BY_STEP[s.value] for s in Step if s.value in _HELP_BY_STEP}
HELP_FALLBACK = Prompt("请按屏幕上的提示一步一步操作，有问题请找工作人员。",
                       "Follow the steps on the screen. If you need help, ask the staff.")


def help_for(step: Step, language: str = "zh_CN") -> str:
    """The 帮助 text of ``step`` (the fallback for a step added without one)."""
    return HELP.get(step, HELP_FALLBACK).text(_check_language(language))


def help_texts(language: str) -> tuple[str, ...]:
    """Every 帮助 text in ``language``: what 读给我听 may play besides the prompts."""
    _check_language(language)
    return tuple(dict.fromkeys(p.text(language) for p in (*HELP.values(), HELP_FALLBACK)))


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r}: expected one of {', '.join(LANGUAGES)}")
    return language


def step_prompt(step: Step, language: str = "zh_CN") -> str:
    return STEP_PROMPTS.get(step, FALLBACK).text(_check_language(language))


def prompt_for(screen: Screen, language: str = "zh_CN") -> str:
    """The sentence spoken for ``screen``. It reads only the step and whether a card
    problem, form errors or a printed receipt are on screen, and which 怎么用 page — never
    a name, number or any other text of the view, so no resident's data can be spoken
    whatever the view holds."""
    _check_language(language)
    view = screen.view
    if isinstance(view, InsertCardView) and view.banner is not None:
        return CARD_RETRY.text(language)
    if isinstance(view, FormView) and view.errors:
        return FORM_ERRORS.text(language)
    if isinstance(view, DoneView) and not view.printed:
        return DONE_PRINTING.text(language)
    if isinstance(view, TeachView) and view.page.id in TEACH_PROMPTS:
        return TEACH_PROMPTS[view.page.id].text(language)
    return step_prompt(screen.step, language)


def all_prompts(language: str) -> tuple[str, ...]:
    """Every sentence the terminal can speak in ``language`` (what the cache holds)."""
    _check_language(language)
    return tuple(dict.fromkeys(p.text(language) for p in ALL_PROMPTS))


def speech_on(mode: str, elder_mode: bool) -> bool:
    """Whether prompts are spoken by themselves on a visit (``Config.speech``)."""
    return mode == "on" or (mode == "elder" and elder_mode)


# Audio -------------------------------------------------------------------------------------


class PromptAudioError(RuntimeError):
    """A prompt could not be rendered; one line naming the cause and its fix."""


def cache_dir(data_dir: Path) -> Path:
    return data_dir / "cache" / "prompts"


def audio_name(text: str, language: str) -> str:
    """File name of a prompt's audio: a hash of everything that changes the sound, so a
    changed sentence, voice or rate is rendered afresh and never played stale."""
    key = f"{VOICES[_check_language(language)]}|{RATE_WPM}|{text}".encode()
    return f"{language}-{hashlib.sha256(key).hexdigest()[:16]}.wav"


def espeak_binary() -> str | None:
    return shutil.which(ESPEAK)


def espeak_command(text: str, language: str, out: Path | None = None) -> list[str]:
    """espeak-ng's arguments for ``text``; ``out=None`` prints phonemes instead (``-x``)."""
    cmd = [ESPEAK, "-v", VOICES[_check_language(language)], "-s", str(RATE_WPM)]
    cmd += ["-x", "-q"] if out is None else ["-w", str(out)]
    return [*cmd, "--", text]


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    if espeak_binary() is None:
        raise PromptAudioError("espeak-ng not installed — fix: apt-get install espeak-ng")
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False,
                              timeout=RENDER_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise PromptAudioError(f"espeak-ng took over {RENDER_TIMEOUT_S:.0f} s") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1][:200]
        raise PromptAudioError(f"espeak-ng exit {done.returncode}: {last}")
    return done


def render(text: str, language: str, out: Path) -> Path:
    """Render ``text`` to the WAV file ``out`` (written beside it, then renamed, so a
    half-written file is never played)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        _run(espeak_command(text, language, tmp))
        if not tmp.is_file() or tmp.stat().st_size <= 44:  # a bare WAV header: no audio
            raise PromptAudioError("espeak-ng wrote no audio")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def phonemes(text: str, language: str) -> str:
    """espeak-ng's phoneme transcription; ``(en)`` in it marks a switch to English."""
    return _run(espeak_command(text, language)).stdout.strip()


def cached_audio(cache: Path, text: str, language: str) -> Path:
    """The cached WAV for a prompt, rendered now if missing."""
    path = cache / audio_name(text, language)
    return path if path.is_file() else render(text, language, path)


def render_cache(cache: Path, languages: Iterable[str] = LANGUAGES) -> list[Path]:
    """Every prompt in every language in ``cache`` (at set-up or first start: about 20 ms
    a prompt here); files already there are kept."""
    return [cached_audio(cache, text, lang) for lang in languages for text in all_prompts(lang)]


def voice_installed(language: str = "zh_CN") -> bool:
    """espeak-ng is there and knows the voice used for ``language`` (for ``kiosk doctor``)."""
    if espeak_binary() is None:
        return False
    voice = VOICES[_check_language(language)]
    try:
        listed = _run([ESPEAK, f"--voices={voice.split('-')[0]}"]).stdout
    except PromptAudioError:
        return False
    return any(voice in line.split() for line in listed.splitlines())
