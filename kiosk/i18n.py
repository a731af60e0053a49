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


def arg(template: str, *values: object) -> str:
    """``template`` with ``%1``, ``%2`` … replaced by ``values`` (Qt's ``QString.arg``
    numbering), so a sentence with a name or a date in it is still one marked string:
    ``arg(QT_TRANSLATE_NOOP("kiosk", "承诺%1前办结"), when)``. The UI finds the template
    again in the finished sentence and puts the same values into its English."""
    out = template
    for n in range(len(values), 0, -1):  # %10 before %1
        out = out.replace(f"%{n}", str(values[n - 1]))
    return out
