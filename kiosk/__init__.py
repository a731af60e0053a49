"""village-kiosk core: domain rules and the app's wiring. Never imports Qt."""

__version__ = "0.1.0"
