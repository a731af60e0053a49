"""The view models QML sees, one per flow, all registered in the ``VillageKiosk`` module.

``ShellViewModel`` (shell.py) is the window's: the current step, network and queue, the
timers and the device pool; it owns one child per flow, each a thin copy of the part of the
core's view its screens show, with one notify signal per property:

- ``home`` HomeViewModel · ``card`` CardViewModel · ``choice`` ItemChoiceViewModel
  (choose item + confirm) · ``done`` DoneViewModel · ``query`` QueryViewModel ·
  ``rating`` RatingViewModel · ``maintenance`` MaintenanceViewModel

List data goes through ``RowsModel`` (lists.py), a ``QAbstractListModel`` whose roles are
the row keys. Importing this package registers every type with QML.
"""

from ui.vm.shell import ShellViewModel

__all__ = ["ShellViewModel"]
