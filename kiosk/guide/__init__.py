"""智能导办: questionnaire rules as data and the tailored materials checklist they produce.

Modules are imported directly (``kiosk.guide.rules``, ``kiosk.guide.checklist``) so the
catalog loader can use the rule checker without importing the checklist (which needs the
catalog model).
"""
