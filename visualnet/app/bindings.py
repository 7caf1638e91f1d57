"""Glue between the editing panels, the session (the experiment) and the running training.

A panel edits the session's experiment; the session re-prepares data when needed; while a run
is active the panels lock, except the hyperparameters the course babysits live (α, β's,
keep_prob), which are forwarded to the trainer.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from visualnet.app.builder import LayerBuilder
from visualnet.app.forms import HyperparameterForm
from visualnet.app.run_bar import RunBar
from visualnet.app.session import Session
from visualnet.app.training.controller import RunController


class NetworkBinding(QObject):
    """LayerBuilder ↔ experiment.network.layers, and keep_prob live while training."""

    def __init__(self, builder: LayerBuilder, session: Session, controller: RunController):
        super().__init__(builder)
        self.builder, self.session, self.controller = builder, session, controller
        self._loading = False
        builder.layersChanged.connect(self._layers_changed)
        builder.keepProbEdited.connect(
            lambda row, value: controller.set_live("keep_prob", value, target=row + 1))
        session.replaced.connect(self._load)
        session.dataChanged.connect(self._data_changed)
        controller.stateChanged.connect(lambda _state: builder.set_read_only(controller.busy))
        self._load()

    def _load(self) -> None:
        layers = [layer.model_dump() for layer in self.session.experiment.network.layers]
        self._loading = True
        try:
            self.builder.set_layers(layers, undoable=False)
            self._data_changed()
        finally:
            self._loading = False

    def _layers_changed(self, layers: list[dict]) -> None:
        if self._loading:
            return
        if layers != [la.model_dump() for la in self.session.experiment.network.layers]:
            self.session.experiment.network.layers = layers
            self.session.edited("network")

    def _data_changed(self) -> None:
        data = self.session.data
        if data is not None:
            self.builder.set_input_dim(data.n_x)


class TrainingBinding(QObject):
    """HyperparameterForm ↔ experiment.training (and seed); α, β live while training."""

    def __init__(self, form: HyperparameterForm, session: Session, controller: RunController):
        super().__init__(form)
        self.form, self.session, self.controller = form, session, controller
        form.changed.connect(self._changed)
        form.liveChanged.connect(lambda name, value: controller.set_live(name, value))
        session.replaced.connect(self._load)
        session.dataChanged.connect(self._data_changed)
        controller.stateChanged.connect(lambda _state: form.set_live(controller.busy))
        self._load()

    def _load(self) -> None:
        self.form.bind(self.session.experiment)
        self._data_changed()

    def _changed(self, path: str, _value) -> None:
        self.session.edited(path.split(".")[0] if "." in path else "meta")

    def _data_changed(self) -> None:
        data = self.session.data
        self.form.set_m(data.train.m if data is not None else None)


class TrainGate(QObject):
    """Disables Train with the reason whenever the experiment cannot train on its data."""

    def __init__(self, run_bar: RunBar, session: Session):
        super().__init__(run_bar)
        self.run_bar, self.session = run_bar, session
        session.changed.connect(lambda _part: self.update())
        session.replaced.connect(self.update)
        session.dataChanged.connect(self.update)
        self.update()

    def update(self) -> None:
        session = self.session
        reason = session.data_error or session.experiment.training_problem(session.data) or ""
        self.run_bar.block_training(reason)
