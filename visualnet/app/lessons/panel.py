"""The Lesson dock: the lesson's title, its experiments to switch between, Train, and the
explanation with its formulas."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visualnet.app.lessons.text import to_html
from visualnet.core.lessons import Lesson

NO_LESSON = "No lesson is open. Choose one from the Lessons menu."


class LessonPanel(QWidget):
    """Shows one lesson; emits ``fileChosen(name)`` when a student picks another experiment
    and ``compareAll()`` for "Run all"."""

    fileChosen = Signal(str)
    compareAll = Signal()

    def __init__(self, train_action: QAction | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lesson")
        self.lesson: Lesson | None = None
        self.title = QLabel(NO_LESSON)
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.files_label = QLabel("Experiments in this lesson:")
        self.files_box = QWidget()
        self.files_layout = QVBoxLayout(self.files_box)
        self.files_layout.setContentsMargins(8, 0, 0, 0)
        self.files_layout.setSpacing(2)
        self.files = QButtonGroup(self)
        self.files.setExclusive(True)
        self.files.buttonClicked.connect(self._file_clicked)
        self.train_action = train_action
        self.train_button = QToolButton()
        self.train_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if train_action is not None:
            self.train_button.setDefaultAction(train_action)
            train_action.changed.connect(self._show_buttons)
        self.train_button.setMinimumWidth(90)
        self.compare_button = QPushButton("Run all")
        self.compare_button.clicked.connect(lambda _checked=False: self.compareAll.emit())
        self.description = QLabel()
        self.description.setObjectName("description")
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setStyleSheet("color: #374151; font-style: italic;")
        self.explanation = QTextBrowser()
        self.explanation.setObjectName("explanation")
        self.explanation.setOpenLinks(False)
        self.explanation.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.explanation.document().setDocumentMargin(6)
        self._layout()
        self.show_none()

    # --- showing -----------------------------------------------------------------------------

    def show_lesson(self, lesson: Lesson, labels: dict[str, str], current: str | None,
                    description: str) -> None:
        """``labels`` name each of ``lesson.files`` on its button; ``current`` is checked."""
        self.lesson = lesson
        self.title.setText(lesson.title)
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        for button in self.files.buttons():
            self.files.removeButton(button)
            button.deleteLater()
        for name in lesson.files:
            button = QRadioButton(labels.get(name, name))
            button.setProperty("file", name)
            button.setChecked(name == current)
            self.files.addButton(button)
            self.files_layout.addWidget(button)
        several = len(lesson.files) > 1
        self.files_label.setVisible(several)
        self.files_box.setVisible(several)
        self._show_buttons()
        self.compare_button.setText(f"Run all {len(lesson.files)}")
        self.compare_button.setToolTip(
            "Train each experiment of this lesson in turn, then compare their curves in the "
            "Runs tab")
        self.description.setText(description)
        self.description.setVisible(bool(description))
        self.explanation.setHtml(to_html(lesson.explanation))
        self.explanation.show()

    def show_none(self) -> None:
        self.lesson = None
        self.title.setText(NO_LESSON)
        self.title.setStyleSheet("color: #6b7280;")
        for widget in (self.files_label, self.files_box, self.train_button,
                       self.compare_button, self.description, self.explanation):
            widget.hide()

    def set_busy(self, busy: bool) -> None:
        """While "Run all" trains, the experiment buttons wait."""
        self.files_box.setEnabled(not busy)
        self.compare_button.setEnabled(not busy)

    def current_file(self) -> str | None:
        button = self.files.checkedButton()
        return None if button is None else button.property("file")

    def file_button(self, name: str) -> QRadioButton | None:
        return next((b for b in self.files.buttons() if b.property("file") == name), None)

    # --- helpers -----------------------------------------------------------------------------

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 4, 0, 4)
        buttons.addWidget(self.train_button)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.files_label)
        layout.addWidget(self.files_box)
        layout.addLayout(buttons)
        layout.addWidget(self.description)
        layout.addWidget(self.explanation, 1)

    def _show_buttons(self) -> None:
        """Train, and "Run all" for a lesson of several experiments; neither while teaching
        mode hides Train."""
        shown = self.lesson is not None
        trainable = self.train_action is None or self.train_action.isVisible()
        several = shown and len(self.lesson.files) > 1
        self.train_button.setVisible(shown and trainable)
        self.compare_button.setVisible(several and trainable)

    def _file_clicked(self, button) -> None:
        self.fileChosen.emit(button.property("file"))
