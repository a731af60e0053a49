"""The Qt Quick touch front end.

It lives outside ``kiosk/`` so the core stays testable without Qt; the core finds it
through the ``village_kiosk.frontends`` entry point, never by importing it.
"""
