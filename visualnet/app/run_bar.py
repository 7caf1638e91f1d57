"""Run controls: Train (Space), Pause/Resume, Step, Stop, Reset weights, and the progress bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QProgressBar, QToolBar, QWidget

from visualnet.app.training.controller import RunController
from visualnet.core.textfmt import clock
from visualnet.core.training.recorder import Snapshot

STATE_TEXT = {
    "idle": "Ready",
    "running": "Training…",
    "paused": "Paused",
    "finished": "Finished",
    "stopped": "Stopped",
    "early_stopped": "Stopped early (dev cost stopped improving)",
    "diverged": "Diverged",
    "failed": "Failed",
}


class RunBar(QToolBar):
    """The toolbar that starts, holds and stops training, with live progress."""

    def __init__(self, controller: RunController, parent: QWidget | None = None):
        super().__init__("Run", parent)
        self.setObjectName("run_toolbar")
        self.controller = controller
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.train_action = self._action(
            "Train", "Space", "Train the network from fresh weights (Space); resumes when paused",
            controller.train)
        self.pause_action = self._action(
            "Pause", "P", "Hold training after the current mini-batch (P); press again to resume",
            controller.toggle_pause)
        self.step_action = self._action(
            "Step", "S", "Run exactly one mini-batch update, then hold (S)", controller.step)
        self.stop_action = self._action(
            "Stop", "Esc", "End this run; its curves stay in the run list (Esc)", controller.stop)
        self.reset_action = self._action(
            "Reset weights", "Ctrl+R",
            "Stop and draw fresh initial weights from the seed (Ctrl+R)", controller.reset_weights)
        self.addSeparator()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setMinimumWidth(420)
        self.progress.setTextVisible(True)
        self.progress.setFormat("Ready")
        self.progress.setToolTip("Epoch, iteration t, time left and training speed")
        self.addWidget(self.progress)
        self.status = QLabel(" Ready", self)
        self.status.setMinimumWidth(120)
        self.addWidget(self.status)
        self._blocked_reason = ""
        controller.stateChanged.connect(self._state_changed)
        controller.snapshot.connect(self.show_snapshot)
        self._state_changed(controller.state)

    def block_training(self, reason: str) -> None:
        """Disable Train and Step with ``reason`` as their tooltip ('' to allow them)."""
        self._blocked_reason = reason
        self._state_changed(self.controller.state)

    def show_snapshot(self, snap: Snapshot) -> None:
        # QProgressBar.setValue repaints at once, inside this Python call and so holding the
        # interpreter lock the training thread needs; with updates off it only schedules the
        # repaint, which the event loop then does in C++ alone
        self.progress.setUpdatesEnabled(False)
        self.progress.setValue(round(snap.progress * 1000))
        if snap.iteration == 0:  # a run shows the network it starts from before training it
            self.progress.setFormat(f"Epoch 1/{snap.epochs} · iteration 0"
                                    if self.controller.busy else "Ready")
        else:
            self.progress.setFormat(
                f"Epoch {snap.epoch + 1}/{snap.epochs} · iteration {snap.iteration:,} · "
                f"ETA {clock(snap.eta)} · {snap.rate:,.0f} examples/s"
            )
        self.progress.setUpdatesEnabled(True)

    def _state_changed(self, state: str) -> None:
        active = state in ("running", "paused")
        blocked = bool(self._blocked_reason) and not active
        self.train_action.setEnabled(not blocked and state != "running")
        self.train_action.setText("Resume" if state == "paused" else "Train")
        self.step_action.setEnabled(not blocked)
        for action in (self.train_action, self.step_action):
            action.setToolTip(f"Cannot train: {self._blocked_reason}" if blocked
                              else action.statusTip())
        self.pause_action.setEnabled(active)
        self.pause_action.setText("Resume" if state == "paused" else "Pause")
        self.stop_action.setEnabled(active)
        self.status.setText(f" {STATE_TEXT.get(state, state)}")

    def _action(self, text, shortcut, tip, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

