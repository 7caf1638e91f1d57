"""SteadyLabel: new text re-lays out the window only when it needs another size."""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from visualnet.app.steady_label import SteadyLabel


class LayoutRequests(QObject):
    """Counts the LayoutRequest events a widget gets."""

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event):
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def window_with(qtbot, label: QWidget) -> tuple[QWidget, LayoutRequests]:
    """A shown window whose layout holds ``label`` above a stretch (in a nested widget, as in
    a dock), so the label gets the height it asks for."""
    window = QWidget()
    inner = QWidget()
    column = QVBoxLayout(inner)
    column.addWidget(label)
    column.addStretch(1)
    QVBoxLayout(window).addWidget(inner)
    window.resize(300, 200)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window, LayoutRequests(window)


def layouts_while_counting(qtbot, label) -> int:
    """The window's layout requests while ``label`` counts from t = 1,001 to 1,020."""
    _window, requests = window_with(qtbot, label)
    for t in range(1001, 1021):
        label.setText(f"t = {t:,}")
        QApplication.processEvents()
    assert label.text() == "t = 1,020"
    return requests.count


def test_a_new_number_of_the_same_size_does_not_lay_the_window_out(qtbot):
    assert layouts_while_counting(qtbot, SteadyLabel("t = 1,000")) == 0


def test_a_plain_qlabel_would_lay_the_window_out_at_every_text(qtbot):
    """What SteadyLabel is for: the same texts in a QLabel reach the window each time."""
    assert layouts_while_counting(qtbot, QLabel("t = 1,000")) >= 10


def test_text_that_needs_more_lines_gets_them(qtbot):
    label = SteadyLabel("one line", word_wrap=True)
    window, requests = window_with(qtbot, label)
    one_line = label.height()
    label.setText("a much longer verdict that cannot fit on one line of a label this narrow, "
                  "so it wraps onto several lines and the layout must give it the room")
    qtbot.waitUntil(lambda: label.height() > one_line)
    assert requests.count >= 1
    assert label.label.height() == label.height()  # the text fills its holder
    assert label.heightForWidth(window.width()) > one_line


LONG_TEXT = ("a much longer verdict that cannot fit on one line of a label this narrow, so it "
             "wraps onto several lines and the layout must give it the room")


def test_a_grow_only_label_keeps_its_height_for_shorter_text_until_released(qtbot):
    label = SteadyLabel("one line", word_wrap=True, grow_only=True)
    window, requests = window_with(qtbot, label)
    one_line = label.height()
    label.setText(LONG_TEXT)
    qtbot.waitUntil(lambda: label.height() > one_line)
    tall, asked = label.height(), requests.count
    for _ in range(3):  # a verdict of fewer lines, then as many again
        label.setText("one line again")
        QApplication.processEvents()
        label.setText(LONG_TEXT.replace("verdict", "advice"))
        QApplication.processEvents()
    assert label.height() == tall and requests.count == asked  # the window was not laid out
    label.setText("one line again")
    label.release()
    qtbot.waitUntil(lambda: label.height() == one_line)
    assert label.heightForWidth(window.width()) < tall
