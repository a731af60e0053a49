"""The resident's visit as data: steps, a state machine with a history, screen records.

No Qt here. The touch UI follows ``kiosk.app.Kiosk.flow`` (a ``ResidentFlow``): after every
action it reads ``flow.screen()`` and shows the screen for ``screen.step``; a ``StackView``
keeps only that screen alive. Published for H5 (ui shell) and H8 (new screens); names are
stable — fields may be added, nothing is renamed without a note here.

Steps (``kiosk.flow.steps.Step``; the table is ``FLOW``, one ``StepSpec`` per step)::

    home            HomeView           actions: start(purpose), browse(), start_query_number(),
                                                open_maintenance()
    insert_card     InsertCardView     poll_card() / on_card(status)   [polls_card]
    find_service    FindServiceView    open_category(id), search(text), open_entry(code)
    category        CategoryView       open_entry(code), search(text)
    search          SearchView         open_entry(code)
    guide           GuideView          start_questions(), show_checklist(), apply()
    question        QuestionView       answer(value)   value: option value, "yes"/"no",
                                                       digits, or views.UNKNOWN (不清楚)
    checklist       ChecklistView      print_checklist(), apply(), start_questions()
    form            FormView           continue_form({field: text}), use_history(bool)
    materials       MaterialsView      choose_way(ref, way), cannot_provide(ref),
                                       continue_materials(), show_checklist(),
                                       camera_trouble(words)
    photo           PhotoView          take_photo(), attach_page(bytes, last)
                                       [hook: camera preview, issue 14]
    ecert_scan      ECertScanView      scan_ecert(texts), scan_camera(), camera_trouble(words)
    sign            SignView           sign(strokes, width, height), resign()
    check_answers   CheckAnswersView   change(key), consent(bool), confirm_commitment(id,
                                       bool), open_sign(id), defer(ref, bool),
                                       use_history(bool), submit()
    done            DoneView           print_receipt(), rate(), refresh_cases()
                                       [polls_printer, refreshes_case]
    print_problem   PrintProblemView   retry() (prints again), skip_print(), rate()
    rate            RateView           choose_level(n), submit_rating(level, reasons, phone),
                                       skip_rating()
    rated           RatedView          [auto_next_s: home after 6 s]
    query_result    QueryView          reprint(i), rate_row(i), open_correction(i),
                                       open_query_number()
    query_number    QueryNumberView    query_number(text), open_scan()
    query_scan      QueryScanView      scan_payload(text)   [hook: camera QR, issue 14]
    correction      CorrectionView     print_correction()
    problem         ProblemView        retry() (goes to problem.retry), change(key) for
                                       application_invalid's fields
    maintenance     MaintenanceScreen  (read-only) home()

Everywhere: ``back()`` when ``screen.back``; ``home()`` / ``exit()`` / ``idle_timeout()`` —
the three ways out are one (``Kiosk.end_visit``: resident drafts wiped, visit and legacy
session emptied). Every action returns the new ``Screen``:
``Screen(step, title, view, back, home, masked_name, polls_card, polls_printer,
refreshes_case, idle_timeout_s, auto_next_s, hook)`` — the UI starts card polling, printer
polling, idle and auto-next timers from these fields, never from its own list of steps.

Failures: every exception of a service becomes ``Step.PROBLEM`` with a
``problems.Problem(kind, title, words, next_action, retry, retry_label, details, fields,
kept)`` (``problem_for`` maps ApplicationInvalid, StoreError / disk full, PrinterError
kinds, CameraError, CatalogError, PlatformError …); card problems are
``InsertCardView.banner`` (the step keeps polling); printer failures are
``Step.PRINT_PROBLEM``, whose view shows the case number and the receipt's QR text large.
Misuse (an action the current step does not offer) raises ``visit.FlowError``.

Form pages are H6's ``kiosk.forms.page`` records (``FieldView``, ``ErrorLink``) inside
``FormView``; the card's own fields are not asked again: they are listed masked in
``FormView.from_card`` and on 核对信息 with 来自身份证.

Samples (kiosk/samples.py, Qt-free): ``sample_screens(config)`` — 44 named ``Screen``s from
the real flow in a throwaway sandbox terminal (for ``kiosk screenshots``);
``scripted_visit(flow, code, card)`` — a whole visit for any item or bundle, card to
receipt (for ``kiosk demo --headless --item CODE`` and the flow tests);
``sample_values(catalog, fields, today)`` — accepted text per field; ``sample_cards()``.

Materials (issue 14, ``kiosk.flow.materials_step``): after the form, ``materials`` lists
every material not already 已核验 with only the ways ``kiosk.materials.material_choice``
allows (way values: photo / ecert / defer / commitment); a material whose only way is a
photo the item cannot do without (电子证件照) goes straight to ``photo``. 容缺 is recorded
with its date; a 告知承诺 signed on ``sign`` becomes the case's SignedCommitment (the
receipt names it); ``cannot_provide`` shows 请带上… and the checklist.

Changes after publishing: none renamed. Added ``ResidentFlow.current_answers()``,
``CheckAnswersView.needs_consent`` now follows the catalog's ``personal`` fields.
"""

from typing import TYPE_CHECKING, Any

from kiosk.flow.steps import FLOW, Step, StepSpec
from kiosk.flow.views import UNKNOWN, Screen

if TYPE_CHECKING:
    from kiosk.flow.controller import ResidentFlow
    from kiosk.flow.problems import Problem, problem_for
    from kiosk.flow.visit import FlowError, Visit

__all__ = ["FLOW", "UNKNOWN", "FlowError", "Problem", "ResidentFlow", "Screen", "Step",
           "StepSpec", "Visit", "problem_for"]

_LAZY = {"ResidentFlow": "kiosk.flow.controller", "Problem": "kiosk.flow.problems",
         "problem_for": "kiosk.flow.problems", "FlowError": "kiosk.flow.visit",
         "Visit": "kiosk.flow.visit"}


def __getattr__(name: str) -> Any:
    """The controller (and the services it calls) loads on first use, not at start-up."""
    import importlib

    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kiosk.flow' has no attribute {name!r}")
