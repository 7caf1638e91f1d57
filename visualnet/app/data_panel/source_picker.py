"""Choosing the data: the source list with each source's description, and for a file its name,
a button to choose another, and (CSV) the label column read from the file's header."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visualnet.app.data_panel import sources
from visualnet.core.data import DataError, source_info
from visualnet.core.data.config import FILES, DataConfig
from visualnet.core.data.csv_header import likely_label_column, read_header


class SourcePicker(QWidget):
    """Shows ``config``'s source (``show_config``) and proposes other ones.

    ``picked(config, key, text)``: settings with another source, file or label column, to be
    one undo step (``key`` for merging, ``text`` for the Edit menu); ``reloaded()``: the same
    file was chosen again; ``failed(message)``: a chosen file cannot be used (nothing changed).
    """

    picked = Signal(object, str, str)
    reloaded = Signal()
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.config = DataConfig()
        self.combo = QComboBox()
        self.combo.setAccessibleName("Data source")
        for group_index, group in enumerate(sources.GROUPS):
            if group_index:
                self.combo.insertSeparator(self.combo.count())
            for name in group:
                self.combo.addItem(sources.TITLES[name], name)
                self.combo.setItemData(self.combo.count() - 1, source_info(name).description,
                                       Qt.ItemDataRole.ToolTipRole)
        self.combo.activated.connect(lambda i: self._chosen(self.combo.itemData(i)))
        self.description = QLabel(wordWrap=True)
        self.description.setStyleSheet("color: palette(placeholder-text);")
        self.file_name = QLabel(textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.change_file = QToolButton(text="Change…")
        self.change_file.clicked.connect(lambda: self._pick_file(self.config.source))
        self.label_column = QComboBox()
        self.label_column.setAccessibleName("Label column")
        self.label_column.setToolTip("The CSV column holding each example's label (y); every "
                                     "other column is an input")
        self.label_column.activated.connect(
            lambda i: self._label_column_chosen(self.label_column.itemText(i)))

        self.file_row = QWidget()
        form = QFormLayout(self.file_row)
        form.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        line.addWidget(self.file_name, 1)
        line.addWidget(self.change_file)
        form.addRow("File", line)
        form.addRow("Label column", self.label_column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.combo, self.description, self.file_row):
            layout.addWidget(widget)

    def show_config(self, config: DataConfig, lock: str = "") -> None:
        """Show ``config``'s source; ``lock`` (a reason) disables every choice."""
        self.config = config
        self.combo.setCurrentIndex(self.combo.findData(config.source))
        self.combo.setToolTip(lock or "Where the examples come from")
        self.description.setText(source_info(config.source).description)
        self.file_row.setVisible(config.source in FILES)
        for widget in (self.combo, self.change_file, self.label_column):
            widget.setEnabled(not lock)
        if config.source not in FILES:
            return
        self.file_name.setText(Path(config.path).name)
        self.file_name.setToolTip(config.path)
        self.file_row.layout().setRowVisible(self.label_column, config.source == "csv")
        if config.source == "csv":
            try:
                columns = read_header(config.path)
            except DataError:
                columns = [config.label_column]  # the error shows once the data is loaded
            self.label_column.blockSignals(True)
            self.label_column.clear()
            self.label_column.addItems(columns)
            self.label_column.setCurrentText(config.label_column)
            self.label_column.blockSignals(False)

    def _chosen(self, source: str) -> None:
        if source in FILES:
            self._pick_file(source)
        elif source != self.config.source:
            self.picked.emit(sources.switched(self.config, source), "source",
                             f"Use {sources.TITLES[source]}")

    def _pick_file(self, kind: str) -> None:
        title, filters = sources.FILE_DIALOGS[kind]
        start = str(Path(self.config.path).parent) if self.config.path else ""
        path, _filter = QFileDialog.getOpenFileName(self, title, start, filters)
        label = None
        if path and kind == "csv":
            try:
                header = read_header(path)
            except DataError as error:
                self.show_config(self.config)
                self.failed.emit(str(error))
                return
            keep = self.config.source == "csv" and self.config.label_column in header
            label = self.config.label_column if keep else likely_label_column(header)
        if not path:
            self.show_config(self.config)  # back to the current source in the list
            return
        config = sources.switched(self.config, kind, path, label)
        if config.model_dump() == self.config.model_dump():
            self.reloaded.emit()
        else:
            self.picked.emit(config, "source", f"Open {Path(path).name}")

    def _label_column_chosen(self, column: str) -> None:
        if column and column != self.config.label_column:
            config = DataConfig.model_validate({**self.config.model_dump(),
                                                "label_column": column})
            self.picked.emit(config, "label_column", f"Label column {column}")
