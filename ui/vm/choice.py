"""选择事项 and 核对提交: the item list, the choice, the masked applicant, submitting.

(H8's service screens replace the list with categories, search and the 办事指南; this
keeps today's two screens working meanwhile.)
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, QCoreApplication, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.applications import ApplicationInvalid
from kiosk.session import SessionView, Step
from kiosk.store import StoreError
from ui.vm.lists import RowsModel
from ui.vm.part import Host, Part

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


def store_failed() -> str:
    return QCoreApplication.translate("ViewModels", "本机暂时无法保存，请联系工作人员")


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class ItemChoiceViewModel(Part):  # type: ignore[operator]
    maskedNameChanged = Signal()
    maskedIdChanged = Signal()
    chosenNamesChanged = Signal()
    messageChanged = Signal()

    _masked_name = ""
    _masked_id = ""
    _chosen_names = ""
    _message = ""

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self._items = RowsModel(("code", "name"), self)
        self._chosen = RowsModel(("code", "name"), self)

    def update(self, view: SessionView) -> None:
        self._set("_masked_name", view.masked_name, self.maskedNameChanged)
        self._set("_masked_id", view.masked_id, self.maskedIdChanged)
        self._items.set_rows([{"code": i.code, "name": i.name} for i in view.items])
        self._chosen.set_rows([{"code": i.code, "name": i.name} for i in view.chosen])
        self._set("_chosen_names", "\n".join(i.name for i in view.chosen),
                  self.chosenNamesChanged)
        on = view.step in (Step.CHOOSE_ITEM, Step.CONFIRM)
        self._set("_message", view.message if on else "", self.messageChanged)

    @Property(str, notify=maskedNameChanged)
    def maskedName(self) -> str:
        return self._masked_name

    @Property(str, notify=maskedIdChanged)
    def maskedId(self) -> str:
        return self._masked_id

    @Property(RowsModel, constant=True)
    def items(self) -> RowsModel:
        return self._items

    @Property(RowsModel, constant=True)
    def chosen(self) -> RowsModel:
        return self._chosen

    @Property(str, notify=chosenNamesChanged)
    def chosenNames(self) -> str:
        return self._chosen_names

    @Property(str, notify=messageChanged)
    def message(self) -> str:
        return self._message

    @Slot(str)
    def choose(self, code: str) -> None:
        self.act(lambda: self.kiosk.choose([str(code)]))

    @Slot()
    def chooseAgain(self) -> None:
        """Back from 确认 to the item list, keeping the card already read."""
        def back() -> None:
            if self.kiosk.session.view.step == Step.CONFIRM:
                self.kiosk.back()
        self.act(back)

    @Slot()
    def submit(self) -> None:
        """A refused submit is said on the screen: a store failure, or the application's
        own problems (fields the catalog requires that this screen cannot ask yet)."""
        def submit() -> None:
            try:
                self.kiosk.submit()
            except StoreError as exc:
                log.error("submit failed: %s", type(exc).__name__)
                view = self.kiosk.session.view
                view.message, view.problem = store_failed(), True
            except ApplicationInvalid as exc:
                log.info("submit refused: %d problems", len(exc.problems))
                view = self.kiosk.session.view
                view.message, view.problem = str(exc), True
        self.act(submit)
        self._host.refresh_status()
