"""The data panel: pick the data, set how it is generated, split, transformed and augmented,
and see it.

The panel edits a DataConfig in place through the schema's field editors (``forms``), records
each edit as an undo step, and reports it with ``edited(config)``. Whoever owns the data
(``DataBinding``) prepares it and hands it back with ``set_data``: the panel draws it, or shows
why it failed beside the last data that loaded.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visualnet.app.data_panel import sources, split_rule, views
from visualnet.app.data_panel.commands import EditData
from visualnet.app.data_panel.editors import FractionEditor, NormalizeEditor
from visualnet.app.data_panel.preview import DataPreview
from visualnet.app.data_panel.source_picker import SourcePicker
from visualnet.app.forms import numbers
from visualnet.app.forms.fields import REFUSED_TEXT, FieldEditor, editor_for
from visualnet.core.data import source_info
from visualnet.core.data.config import AugmentConfig, DataConfig, FeatureConfig
from visualnet.core.data.prepared import PreparedData

LOCKED_WHILE_TRAINING = "Stop training to change the data"
GENERATION = ("n", "noise", "classes", "seed")
FEATURES = tuple(f"features.{name}" for name in FeatureConfig.model_fields)
AUGMENT = tuple(f"augment.{name}" for name in AugmentConfig.model_fields)
FEATURE_COLUMNS = 3


class DataPanel(QWidget):
    """Source, generation, split, inputs, augmentation and a preview of one DataConfig.

    ``edited(config)`` follows every accepted edit, undo and redo; ``config`` may then be a new
    object (a new source, a restored step), which the owner puts in the experiment.
    ``undo_stack`` holds one command per edit. ``set_config`` and ``set_data`` never emit.
    """

    edited = Signal(object)

    def __init__(self, config: DataConfig | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.config = config or DataConfig()
        self.undo_stack = QUndoStack(self)
        self.editors: dict[str, FieldEditor] = {}
        self._settings = self.config.model_dump()
        self._data: PreparedData | None = None
        self._data_error = ""
        self._file_error = ""
        self._lock = ""

        self._locked = QLabel("Training is running: stop it to change the data.",
                              wordWrap=True)
        self._locked.setStyleSheet("background: #fff4d6; border-radius: 3px; padding: 4px;")
        self._locked.setVisible(False)
        self.picker = SourcePicker()
        self.picker.picked.connect(self._replace)
        self.picker.reloaded.connect(self._reload)
        self.picker.failed.connect(self._file_failed)
        self.error = QLabel(wordWrap=True, visible=False)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet(f"color: {REFUSED_TEXT}; background: #fde4e4; "
                                 "border-radius: 3px; padding: 4px;")
        self.preview = DataPreview()
        self.summary = QLabel(wordWrap=True)
        self.clear_points = QPushButton()
        self.clear_points.setToolTip("Remove the points added by clicking on the plot")
        self.clear_points.clicked.connect(self._clear_points)
        self.test_fraction = QLabel()
        self.test_fraction.setToolTip("test = 1 − train − dev: set train and dev, test takes the "
                                      "rest")
        self.presets = {name: QToolButton(text=name.replace("/", " / "), checkable=True)
                        for name in split_rule.PRESETS}
        for name, button in self.presets.items():
            button.setToolTip(f"train / dev / test = {name} %")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, name=name: self._preset_chosen(name))
        self.no_features = _note(sources.NO_FEATURES)
        self.no_augment = _note(sources.NO_AUGMENT)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(6, 6, 6, 6)
        for widget in (self._locked, self.picker, self.error, self.preview, self.summary,
                       self.clear_points):
            layout.addWidget(widget)
        layout.addSpacing(4)
        for group in (self._generation_group(), self._split_group(), self._inputs_group(),
                      self._augment_group()):
            layout.addWidget(group)
        layout.addStretch(1)
        _align_labels([self.editors[path].label for path in
                       (*GENERATION, "split.train", "split.dev", *AUGMENT)])
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._sync()

    # --- the owner's side ----------------------------------------------------------------------

    def set_config(self, config: DataConfig, restart_history: bool = True) -> None:
        """Show another experiment's data settings; the undo history starts anew unless
        ``restart_history`` is False (settings changed elsewhere, e.g. points added by clicking:
        the next step here starts from them)."""
        self._file_error = ""
        self._show_settings(config)
        if not restart_history:
            return
        if self._lock:
            self.undo_stack.endMacro()
        self.undo_stack.clear()
        if self._lock:
            self.undo_stack.beginMacro(LOCKED_WHILE_TRAINING)

    def set_data(self, data: PreparedData | None, error: str | None = None) -> None:
        """The data prepared from the settings, or why it could not be; the preview keeps the
        last data that loaded, faded, while there is an error."""
        if data is not None:
            self._data = data
            self.preview.show_data(data, len(self.config.extra_points))
            self.summary.setText(views.summary(data))
            self.summary.setToolTip(views.inputs(data))
        self._data_error = error or ""
        self.preview.set_stale(bool(error))
        self.summary.setEnabled(not error)
        self._sync()

    def set_read_only(self, read_only: bool) -> None:
        """While training runs nothing here can change, undo and redo included."""
        if read_only == bool(self._lock):
            return
        self._lock = LOCKED_WHILE_TRAINING if read_only else ""
        if read_only:
            # An open macro keeps undo and redo off (canUndo() is False) until it closes.
            self.undo_stack.beginMacro(LOCKED_WHILE_TRAINING)
        else:
            self.undo_stack.endMacro()
            self._drop_empty_macro()
        self._sync()

    def is_read_only(self) -> bool:
        return bool(self._lock)

    @property
    def settings(self) -> dict:
        """The settings as last shown or edited here (``config.model_dump()`` unless changed
        elsewhere since)."""
        return self._settings

    @property
    def message(self) -> str:
        """The error shown in place ('' when none)."""
        return self.error.text() if self.error.isVisibleTo(self) else ""

    # --- building ------------------------------------------------------------------------------

    def _generation_group(self) -> QGroupBox:
        box, form = _group("")
        for path in GENERATION:
            editor = self._editor(path)
            form.addRow(editor.label, editor)
        self.generation_box, self.generation = box, form
        return box

    def _split_group(self) -> QGroupBox:
        box, form = _group("Split train / dev / test")
        for name in ("train", "dev"):
            editor = FractionEditor(self.config, name)
            self._register(f"split.{name}", editor)
            form.addRow(editor.label, editor)
        form.addRow("Test", self.test_fraction)
        presets = QHBoxLayout()
        presets.setSpacing(3)
        for button in self.presets.values():
            presets.addWidget(button)
        form.addRow(presets)
        return box

    def _inputs_group(self) -> QGroupBox:
        box, form = _group("Inputs")
        normalize = NormalizeEditor(self.config, "normalize")
        self._register("normalize", normalize)
        normalize.input.setText(normalize.label.text())
        form.addRow(normalize)
        self.feature_grid = QWidget()
        grid = QGridLayout(self.feature_grid)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        for i, path in enumerate(FEATURES):
            editor = self._editor(path)
            editor.input.setText(editor.label.text())
            grid.addWidget(editor, *divmod(i, FEATURE_COLUMNS))
        form.addRow("Add features", self.feature_grid)
        form.addRow(self.no_features)
        self.inputs = form
        return box

    def _augment_group(self) -> QGroupBox:
        box, form = _group("Augmentation (training only)")
        for path in AUGMENT:
            editor = self._editor(path)
            if path == "augment.flip":
                editor.input.setText(editor.label.text())
                form.addRow(editor)
            else:
                form.addRow(editor.label, editor)
        form.addRow(self.no_augment)
        self.augmentation = form
        return box

    def _editor(self, path: str) -> FieldEditor:
        return self._register(path, editor_for(*_owner(self.config, path)))

    def _register(self, path: str, editor: FieldEditor) -> FieldEditor:
        editor.committed.connect(lambda _value: self._committed(path))
        self.editors[path] = editor
        return editor

    # --- editing -------------------------------------------------------------------------------

    def _committed(self, path: str) -> None:
        if path.startswith("split."):
            self._bind_editors()
        self._record(path, f"Change {self.editors[path].label.text()}")

    def _reload(self) -> None:
        """The same file again (it may have changed on disk): prepare it anew, no undo step."""
        self._file_error = ""
        self._sync()
        self.edited.emit(self.config)

    def _file_failed(self, message: str) -> None:
        self._file_error = message
        self._sync()

    def _preset_chosen(self, name: str) -> None:
        self.config.split = split_rule.preset(name)
        self._bind_editors()
        self._record("split", f"Split {name}")

    def _clear_points(self) -> None:
        self.config.extra_points = []
        self._record("extra_points", "Clear added points")

    def _replace(self, config: DataConfig, key: str, text: str) -> None:
        self.config = config
        self._bind_editors()
        self._record(key, text)

    def _record(self, key: str, text: str) -> None:
        """Push the edit just made as an undo step and report it."""
        after = self.config.model_dump()
        if after == self._settings:
            self._sync()
            return
        self.undo_stack.push(EditData(self._restore, key, text, self._settings, after))
        self._settings = after
        self._file_error = ""
        self._sync()
        self.edited.emit(self.config)

    def _restore(self, settings: dict) -> None:
        """Undo or redo: show ``settings`` and report them."""
        self._file_error = ""
        self._show_settings(DataConfig.model_validate(settings))
        self.edited.emit(self.config)

    def _show_settings(self, config: DataConfig) -> None:
        self.config = config
        self._settings = config.model_dump()
        self._bind_editors()
        self._sync()

    def _bind_editors(self) -> None:
        for path, editor in self.editors.items():
            if isinstance(editor, FractionEditor):
                editor.bind_owner(self.config)
            else:
                editor.bind(_owner(self.config, path)[0])

    def _drop_empty_macro(self) -> None:
        last = self.undo_stack.command(self.undo_stack.index() - 1)
        if last is not None and last.childCount() == 0:
            last.setObsolete(True)  # an obsolete command leaves the stack when undone
            self.undo_stack.undo()

    # --- showing -------------------------------------------------------------------------------

    def _sync(self) -> None:
        """Show what the settings use and allow, the error if any, and the lock."""
        config, lock = self.config, self._lock
        info = source_info(config.source)
        self._locked.setVisible(bool(lock))
        self.picker.show_config(config, lock)
        message = self._file_error or self._data_error
        self.error.setText(f"⚠ {message}" + (
            "\nThe preview shows the last data that loaded." if self._data_error and self._data
            else ""))
        self.error.setVisible(bool(message))

        for name, used in (("n", info.uses_n), ("noise", info.uses_noise),
                           ("classes", info.uses_classes)):
            self.generation.setRowVisible(self.editors[name], used)
        self.generation_box.setTitle("Generate" if info.uses_n else "Shuffle")
        split = config.split
        self.test_fraction.setText(f"{numbers.show(split.test)}   (the rest)")
        current = split_rule.preset_of(split)
        for name, button in self.presets.items():
            button.setChecked(name == current)
            button.setEnabled(not lock)

        shape = sources.shape(config.source, self._data)
        planar = shape == "points"
        self.inputs.setRowVisible(self.feature_grid, planar)
        self.no_features.setVisible(not planar)
        augment = sources.AUGMENT_FOR[shape]
        for path in AUGMENT:
            self.augmentation.setRowVisible(self.editors[path],
                                            path.removeprefix("augment.") in augment)
        self.no_augment.setVisible(not augment)
        for path, editor in self.editors.items():
            unavailable = sources.NO_FEATURES if path in FEATURES and not planar else ""
            editor.set_locked(lock or unavailable)

        count = len(config.extra_points)
        self.clear_points.setText(f"Clear added points ({count})")
        self.clear_points.setVisible(count > 0)
        self.clear_points.setEnabled(not lock)


def _owner(config: DataConfig, path: str) -> tuple:
    """'features.x1_squared' → (config.features, 'x1_squared')."""
    *parents, name = path.split(".")
    model = config
    for part in parents:
        model = getattr(model, part)
    return model, name


def _group(title: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setContentsMargins(6, 4, 6, 6)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return box, form


def _note(text: str) -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _align_labels(labels: list[QLabel]) -> None:
    """One label width in every group, so the fields line up down the panel."""
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)
