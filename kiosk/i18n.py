"""Marks the core's screen sentences for Qt Linguist, with no Qt in the core.

The core writes what a resident reads in Chinese (the source language). A sentence built
in code is wrapped in ``QT_TRANSLATE_NOOP(CONTEXT, "…")``: it returns the text unchanged,
and ``pyside6-lupdate`` — which recognises the name — copies it into
``assets/i18n/*.ts``, where the UI (``ui.i18n.translated``) finds its English. The context
is a literal in every call (lupdate reads literals only) and always ``"kiosk"``.
"""

from __future__ import annotations

CONTEXT = "kiosk"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """``text`` itself; marks it for lupdate under ``context``."""
    return text
