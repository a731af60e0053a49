"""The terminal's data (catalog, holiday calendar, translations, fonts) as a package.

It is a package, not a folder beside the code, so a wheel installs it next to ``kiosk``
and ``ui`` and code finds it through ``importlib.resources`` (``kiosk.resources``) whether
the terminal runs from a checkout or from /opt/village-kiosk. No code lives here.
"""
