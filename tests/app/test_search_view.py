"""The Search tab driven like a user: define the space, start a small search on worker
processes, watch rows arrive, sort them, zoom in, open a trial in the builder, cancel."""

import pytest
from PySide6.QtCore import Qt

from visualnet.app.search import SearchTab
from visualnet.app.search.trials import COLUMNS

DEV_ERROR = COLUMNS.index("Dev error")


@pytest.fixture
def search(main_window, tmp_path, qtbot):
    """The Search tab in the main window, as window.py adds it; results under tmp_path."""
    tab = SearchTab(main_window.session, main_window, folder=tmp_path / "searches")
    main_window.tabs.addTab(tab, "Search")
    main_window.tabs.setCurrentWidget(tab)
    main_window.session.experiment.training.epochs = 1
    tab.panel.editors["trials"].commit(2)
    tab.panel.workers.setValue(2)
    yield tab
    tab.shutdown()


def finish(qtbot, tab, timeout=60_000):
    qtbot.waitUntil(lambda: not tab.running, timeout=timeout)


def test_a_small_search_fills_the_table_and_the_plots(qtbot, search, main_window):
    assert search.space.paths()[:1] == ["training.optimizer.lr"]  # suggested: α first
    qtbot.waitUntil(lambda: search.hints[0].isVisible())  # empty plots say what will come
    assert search.hints[0].text().startswith("Press Start")
    qtbot.mouseClick(search.panel.start_button, Qt.MouseButton.LeftButton)
    assert search.running and not search.panel.start_button.isEnabled()
    qtbot.waitUntil(lambda: search.model.rowCount() == 2, timeout=60_000)
    finish(qtbot, search)
    assert search.panel.status.text().startswith("Done: 1 round done")
    assert search.panel.progress.value() == search.panel.progress.maximum() == 2
    assert [r.verdict for r in search.model.records] == ["finished", "finished"]
    assert search.results.parent.parent == search.folder
    assert len(search.results.read_text().splitlines()) == 2
    # The space went into the experiment file's "search" part.
    assert main_window.session.experiment.search == search.space
    search._redraw()
    assert not any(hint.isVisible() for hint in search.hints)
    assert len(search.field_plots._items) == len(search.space.dimensions)
    x, _ = search.field_plots._items[0][1].getData()
    assert len(x) == 2
    assert "matter most" in search.scatter.caption
    assert "random trials: 2 values of" in search.scatter.caption


def test_sort_zoom_in_and_open_in_builder(qtbot, search, main_window):
    search.panel.editors["trials"].commit(4)
    search.start()
    finish(qtbot, search)
    assert search.model.rowCount() == 4
    header = search.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().topLeft() + _centre_of(header, DEV_ERROR))
    proxy = search.table.proxy
    errors = [proxy.index(row, DEV_ERROR).data(Qt.ItemDataRole.UserRole) for row in range(4)]
    assert errors == sorted(errors) or errors == sorted(errors, reverse=True)

    lr_before = search.space.dimension("training.optimizer.lr")
    assert search.panel.zoom_button.isEnabled()
    qtbot.mouseClick(search.panel.zoom_button, Qt.MouseButton.LeftButton)
    lr_after = search.space.dimension("training.optimizer.lr")
    assert lr_before.low <= lr_after.low <= lr_after.high <= lr_before.high
    assert (lr_after.low, lr_after.high) != (lr_before.low, lr_before.high)
    assert main_window.session.experiment.search.dimension("training.optimizer.lr") == lr_after
    assert "Start runs round 2" in search.panel.status.text()
    search.start()  # round 2 runs over the zoomed ranges
    finish(qtbot, search)
    second = [r for r in search.model.records if r.round == 1]
    assert len(second) == 4
    assert all(lr_after.low <= r.params["training.optimizer.lr"] <= lr_after.high
               for r in second)

    search.table.selectRow(0)
    record = search.table.selected_record()
    assert search.panel.open_button.isEnabled()
    qtbot.mouseClick(search.panel.open_button, Qt.MouseButton.LeftButton)
    experiment = main_window.session.experiment
    assert experiment.training.optimizer.lr == record.params["training.optimizer.lr"]
    assert experiment.training.mini_batch_size == record.params["training.mini_batch_size"]
    assert experiment.search == search.space  # the space comes along
    assert main_window.session.dirty
    assert main_window.tabs.tabText(main_window.tabs.currentIndex()) == "Training"


def test_the_space_table_refuses_out_of_range_values_and_says_why(qtbot, search, main_window):
    table = search.panel.space_table
    high = table.table.cellWidget(0, 3)
    high.lineEdit().setText("100")
    high.typed.emit("100")
    assert table.message.text() == "α  learning rate: high must be in (0, 10], got 100"
    assert search.space.dimension("training.optimizer.lr").high == 1
    high = table.table.cellWidget(0, 3)
    high.typed.emit("0.5")
    assert table.message.isHidden()
    assert main_window.session.experiment.search.dimension("training.optimizer.lr").high == 0.5
    rows = table.table.rowCount()
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    assert table.table.rowCount() == rows + 1
    table.remove_field(rows)
    assert table.table.rowCount() == rows


TRIALS = 8
"""Enough that Cancel, pressed after the first result, leaves some pending even when the
GUI takes a few seconds to see that result (a loaded CI machine)."""


def test_cancel_stops_the_running_trials_and_start_resumes(qtbot, search, main_window):
    main_window.session.experiment.training.epochs = 2000  # over a second per trial
    search.panel.editors["trials"].commit(TRIALS)
    search.start()
    qtbot.waitUntil(lambda: search.model.rowCount() >= 1, timeout=60_000)
    qtbot.mouseClick(search.panel.cancel_button, Qt.MouseButton.LeftButton)
    finish(qtbot, search, timeout=20_000)
    assert search.panel.status.text().startswith("Cancelled")
    assert search.panel.start_button.isEnabled()
    kept = search.results.read_text().splitlines()
    assert 1 <= len(kept) < TRIALS
    qtbot.mouseClick(search.panel.start_button, Qt.MouseButton.LeftButton)
    finish(qtbot, search)
    assert f"({len(kept)} from the results file)" in search.panel.status.text() or \
        search.panel.status.text().startswith("Done")
    assert search.model.rowCount() == TRIALS
    assert len(search.results.read_text().splitlines()) == TRIALS


def _centre_of(header, section):
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)
