"""The terminal's voice: plays the current screen's spoken prompt, and again on 再听一遍.

Prompts are pre-rendered WAV files (``kiosk.prompts``: espeak-ng's ``cmn-latn-pinyin``
voice, cached under ``data_dir/cache/prompts``) played with ``QSoundEffect``. This was
measured against Qt TextToSpeech's ``speechd`` engine (``kiosk.prompts`` docstring): the
cache starts playing within milliseconds, needs no speech daemon and is exactly the audio
the tests measured. The Speaker only ever speaks sentences of the prompt catalogue — any
other text is refused — so no name or number a screen shows can reach the loudspeaker.

Where the terminal cannot speak (espeak-ng missing, no audio output, a file that will not
load) a technician warning is logged once and the terminal stays silent; it never stops a
visit. ``python -m ui.speech [STEP ...]`` plays prompts on the terminal's own speaker.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Property, QObject, QUrl, Signal, Slot
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect, QtAudio
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk import prompts
from kiosk.config import Config
from kiosk.flow import Screen, Step

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


@QmlElement
@QmlUncreatable("the frontend makes the one Speaker")  # PySide6 6.12 stub: "not callable"
class Speaker(QObject):  # type: ignore[operator]
    """One per window. The frontend calls ``show(screen)`` after every flow action and
    ``set_elder_mode`` / ``set_language`` when the visit changes them; screens call
    ``repeat()`` (the 再听一遍 control) and read ``available`` to show it."""

    promptChanged = Signal()
    availableChanged = Signal()
    autoChanged = Signal()
    volumeChanged = Signal()
    played = Signal(str)  # the prompt handed to the sound output (for the shell and tests)

    def __init__(self, cache: Path, volume: int = 80, mode: str = "elder",
                 language: str = "zh_CN", parent: QObject | None = None) -> None:
        super().__init__(parent)
        if mode not in prompts.SPEECH_MODES:
            raise ValueError(f"speech mode {mode!r}: expected one of "
                             f"{', '.join(prompts.SPEECH_MODES)}")
        self._cache = cache
        self._mode = mode
        self._language = language
        self._elder = False
        self._prompt = ""
        self._volume = max(0, min(100, volume))
        self._warned: set[str] = set()
        # Made on the first sound: QSoundEffect connects to the sound server as it is
        # created, and a terminal that never speaks need not (nor log that none runs).
        self._sound: QSoundEffect | None = None

    @classmethod
    def for_config(cls, cfg: Config, parent: QObject | None = None) -> Speaker:
        return cls(prompts.cache_dir(cfg.data_dir), cfg.speech_volume, cfg.speech,
                   cfg.language, parent)

    # What QML reads ---------------------------------------------------------------------

    @Property(str, notify=promptChanged)
    def prompt(self) -> str:
        """The current screen's sentence (what 再听一遍 says)."""
        return self._prompt

    @Property(bool, notify=availableChanged)
    def available(self) -> bool:
        """The terminal may speak: not configured off, and a voice to render with (the
        audio output is checked at each ``say``: a speaker may be plugged in later)."""
        return self._mode != "off" and prompts.espeak_binary() is not None

    @Property(bool, notify=autoChanged)
    def auto(self) -> bool:
        """Prompts are spoken by themselves on each screen of this visit."""
        return prompts.speech_on(self._mode, self._elder)

    @Property(int, notify=volumeChanged)
    def volume(self) -> int:
        return self._volume

    # What the frontend calls ------------------------------------------------------------

    def show(self, screen: Screen) -> None:
        """A new screen: its prompt becomes current, and is spoken when ``auto``."""
        text = prompts.prompt_for(screen, self._language)
        if text != self._prompt:
            self._prompt = text
            self.promptChanged.emit()
        if self.auto:
            self.say(text)

    def set_elder_mode(self, on: bool) -> None:
        if on != self._elder:
            self._elder = on
            self.autoChanged.emit()

    def set_language(self, language: str) -> None:
        if language not in prompts.LANGUAGES:
            raise ValueError(f"language {language!r}")
        self._language = language

    def set_volume(self, volume: int) -> None:
        self._volume = max(0, min(100, volume))
        self._apply_volume()
        self.volumeChanged.emit()

    def prepare(self) -> threading.Thread:
        """Render every prompt into the cache in the background (first start); a prompt
        asked for before that is rendered on the spot (about 20 ms)."""
        def work() -> None:
            try:
                prompts.render_cache(self._cache)
            except (prompts.PromptAudioError, OSError) as exc:
                self._warn("render", f"spoken prompts: cache not rendered: {exc}")

        t = threading.Thread(target=work, name="prompt-cache", daemon=True)
        t.start()
        return t

    # What screens call ------------------------------------------------------------------

    @Slot(str, result=bool)
    def say(self, text: str) -> bool:
        """Play ``text`` if it is a prompt or a 帮助 text of the catalogue; False (and
        silence) when it is not, or when the terminal cannot speak now."""
        if self._mode == "off":
            return False
        language = next((lang for lang in (self._language, *prompts.LANGUAGES)
                         if text in prompts.all_prompts(lang)
                         or text in prompts.help_texts(lang)), None)
        if language is None:
            log.warning("spoken prompts: refused a text that is not a prompt (%d chars)",
                        len(text))
            return False
        if not QMediaDevices.audioOutputs():
            self._warn("output", "spoken prompts: no audio output (is PulseAudio or PipeWire "
                       "running for the kiosk user?); the terminal stays silent")
            return False
        try:
            wav = prompts.cached_audio(self._cache, text, language)
        except (prompts.PromptAudioError, OSError) as exc:
            self._warn("render", f"spoken prompts: {exc}; the terminal stays silent")
            return False
        effect = self.effect
        effect.stop()
        url = QUrl.fromLocalFile(str(wav))
        if effect.source() != url:
            effect.setSource(url)
        effect.play()
        self.played.emit(text)
        return True

    @Slot(result=bool)
    def repeat(self) -> bool:
        """再听一遍: the current screen's prompt again, whether or not ``auto`` is on."""
        return bool(self._prompt) and self.say(self._prompt)

    @Slot()
    def stop(self) -> None:
        if self._sound is not None:
            self._sound.stop()

    @property
    def effect(self) -> QSoundEffect:
        """The sound output (read-only use: tests and ``main`` watch it play)."""
        if self._sound is None:
            self._sound = QSoundEffect(self)
            self._sound.statusChanged.connect(self._on_status)
            self._apply_volume()
        return self._sound

    # Internals ---------------------------------------------------------------------------

    def _apply_volume(self) -> None:
        # The config's 0-100 is what a person hears as even steps: a log scale.
        if self._sound is None:
            return  # applied when the sound output is made
        self._sound.setVolume(QtAudio.convertVolume(
            self._volume / 100, QtAudio.VolumeScale.LogarithmicVolumeScale,
            QtAudio.VolumeScale.LinearVolumeScale))

    def _on_status(self) -> None:
        if self._sound is not None and self._sound.status() == QSoundEffect.Status.Error:
            self._warn("load", "spoken prompts: the sound output refused a prompt file "
                       f"({self._sound.source().fileName()}); the terminal stays silent")

    def _warn(self, key: str, message: str) -> None:
        """Once per cause: a technician reads the log, a resident hears nothing."""
        if key not in self._warned:
            self._warned.add(key)
            log.warning("%s", message)


def main(argv: list[str] | None = None) -> int:
    """Play step prompts one after another; print what played (a technician's check)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from kiosk.config import load_config

    ap = argparse.ArgumentParser(prog="python -m ui.speech")
    ap.add_argument("steps", nargs="*", default=[Step.HOME.value])
    ap.add_argument("--language", default="zh_CN", choices=prompts.LANGUAGES)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    cfg = load_config()
    sp = Speaker(prompts.cache_dir(cfg.data_dir), cfg.speech_volume, "on", args.language,
                 app)
    failed = 0
    for name in args.steps:
        text = prompts.step_prompt(Step(name), args.language)
        if not sp.say(text):
            print(f"silent {name}")
            failed += 1
            continue
        loop = QEventLoop()
        done = [False]

        def finished(loop: QEventLoop = loop, done: list[bool] = done) -> None:
            if not sp.effect.isPlaying():
                done[0] = True
                loop.quit()

        sp.effect.playingChanged.connect(finished)
        sp.effect.statusChanged.connect(
            lambda loop=loop: loop.quit() if sp.effect.status() == QSoundEffect.Status.Error
            else None)
        QTimer.singleShot(15_000, loop.quit)
        loop.exec()
        sp.effect.playingChanged.disconnect(finished)
        if not done[0]:
            print(f"silent {name}")
            failed += 1
            continue
        print(f"played {name}: {text}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
