"""The view models QML sees, one per flow, all registered in the ``VillageKiosk`` module.

``ShellViewModel`` (shell.py) is the window's: the core flow's current screen, network and
queue, the timers and the device pool; it owns one child per flow of its own screens, each
a thin copy of the part of the screen record they show, one notify signal per property:

- ``home`` HomeViewModel · ``card`` CardViewModel · ``done`` DoneViewModel ·
  ``query`` QueryViewModel · ``rating`` RatingViewModel · ``maintenance``
  MaintenanceViewModel

The service screens (H8's ui/vm/service_*.py) and the form make their own view model in
QML from the shell, which is their ``FlowSession`` (``current_screen()``, ``act(name,
*args)``, ``screenChanged``); ui/vm/screens.py says which file shows which step.

List data goes through ``RowsModel`` (lists.py), a ``QAbstractListModel`` whose roles are
the row keys. Importing this package registers every type with QML.
"""

import importlib
import logging
import pkgutil
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.vm.shell import ShellViewModel

__all__ = ["ShellViewModel", "register_all"]


def __getattr__(name: str) -> Any:
    """``ShellViewModel`` on first use: the shell imports the whole core, and `kiosk run`'s
    first frame (ui/start.py) needs only the home screen's view model of this package."""
    if name == "ShellViewModel":
        from ui.vm.shell import ShellViewModel

        return ShellViewModel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

_log = logging.getLogger(__name__)


def register_all() -> list[str]:
    """Imports every view model module of this package (and the form's model), so each
    ``@QmlElement`` is registered before the window loads; a module that fails to import
    is logged and left out (its screen then shows MissingScreen) rather than stopping the
    terminal. Returns the modules that failed."""
    failed = []
    names = [f"{__name__}.{m.name}" for m in pkgutil.iter_modules(__path__)]
    for name in [*names, "ui.form_model"]:
        try:
            importlib.import_module(name)
        except Exception as exc:
            _log.error("view model module %s not loaded: %s", name, exc)
            failed.append(name)
    return failed
