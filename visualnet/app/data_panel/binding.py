"""DataPanel ↔ the session's experiment.data and prepared data; read-only while training."""

from __future__ import annotations

from PySide6.QtCore import QObject

from visualnet.app.data_panel.panel import DataPanel
from visualnet.app.session import Session
from visualnet.app.training.controller import RunController
from visualnet.core.data.config import DataConfig


class DataBinding(QObject):
    """The panel edits ``session.experiment.data``; the session re-prepares the data and the
    panel shows it (or the error). A new experiment is shown without any edit being emitted."""

    def __init__(self, panel: DataPanel, session: Session, controller: RunController):
        super().__init__(panel)
        self.panel, self.session, self.controller = panel, session, controller
        panel.edited.connect(self._edited)
        session.replaced.connect(self._load)
        session.dataChanged.connect(self._data_changed)
        controller.stateChanged.connect(lambda _state: panel.set_read_only(controller.busy))
        self._load()
        panel.set_read_only(controller.busy)

    def _load(self) -> None:
        self.panel.set_config(self.session.experiment.data)
        self._data_changed()

    def _edited(self, config: DataConfig) -> None:
        if self.session.experiment.data is not config:
            self.session.experiment.data = config
        self.session.edited("data")

    def _data_changed(self) -> None:
        config = self.session.experiment.data
        if config is not self.panel.config or config.model_dump() != self.panel.settings:
            self.panel.set_config(config, restart_history=False)  # edited by another view
        self.panel.set_data(self.session.data, self.session.data_error)
