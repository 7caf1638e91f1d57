"""The "Optimizer race" tab: the core's optimizers racing on a 2-D loss surface, animated.

Left, what races: the surface, the racers (each with its hyperparameter form) and the race's
steps, noise and seed. Right, the race: the surface with every trail (one overlay panel, or a
grid of small panels side by side), the step-by-step marks and captions, the loss per step and
the ranked results. Clicking the surface sets the start.

The tab holds one core ``Race`` and animates it with a QTimer at ≈30 frames a second: each
frame takes the few steps (or, step by step, the parts of a step) the speed asks for, then
moves the drawn items in place. Any change of surface, racers, noise or start builds a new
Race at step 0; playing goes on.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from visualnet.app.forms.fields import REFUSED_TEXT, FieldEditor, editor_for
from visualnet.app.race import captions
from visualnet.app.race.canvas import RaceCanvas, RacerLook, SurfaceDrawing
from visualnet.app.race.keys import TabKeys
from visualnet.app.race.racers import RacerList
from visualnet.app.race.render import write_png
from visualnet.app.race.results import LossPlot, ResultsTable
from visualnet.app.race.surface_picker import SurfacePicker
from visualnet.app.race.toolbar import RaceToolbar, action_button
from visualnet.core.race import Race, Surface
from visualnet.core.race.export import write_csv
from visualnet.core.race.playback import FPS, PARTS_PER_SECOND, STEPS_PER_SECOND, Pace, speed_at
from visualnet.core.race.settings import RaceSettings
from visualnet.core.race.steps import phases, step_parts

SETTING_LABELS = {"steps": "Steps", "noise": "Noise σ", "seed": "Seed",
                  "tolerance": "Tolerance"}


class RaceTab(QWidget):
    """The optimizer race, self-contained: ``RaceTab(parent)`` is ready to race."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("race_tab")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.settings = RaceSettings()
        self.race: Race | None = None
        self.phase = 0
        """Step by step: the part of step race.t shown, 1 … len(phases); 0 when none is."""
        self._phases: tuple[str, ...] = ()
        self.folder = Path.cwd()
        self._drawing: SurfaceDrawing | None = None
        self._racer_key: tuple | None = None
        self._pace = Pace(STEPS_PER_SECOND, FPS)
        self.timer = QTimer(self)
        self.timer.setInterval(round(1000 / FPS))
        self.timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()

        self.picker = SurfacePicker(check=self._problem_with)
        self.racers = RacerList(self.picker.surface)
        self.setting_editors: dict[str, FieldEditor] = {}
        self.canvas = RaceCanvas()
        self.loss = LossPlot()
        self.table = ResultsTable()
        self._build_actions()
        self._build_layout()

        self.picker.picked.connect(self._surface_picked)
        self.racers.changed.connect(self.rebuild)
        self.canvas.clicked.connect(self.set_start)
        self._set_surface(self.picker.surface)
        self.keys = TabKeys(self, {Qt.Key.Key_Space: self.play_action,
                                   Qt.Key.Key_Right: self.step_action,
                                   Qt.Key.Key_R: self.reset_action})

    # --- what the user does -------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    @property
    def step_mode(self) -> bool:
        return self.step_box.isChecked()

    @property
    def speed(self) -> float:
        return speed_at(self.speed_slider.value())

    def play(self) -> None:
        """Run the race (from the start again if it had finished)."""
        if self._finished():
            self.reset()
        self._pace.reset()
        self._clock.start()
        self.timer.start()
        self._update_buttons()

    def pause(self) -> None:
        self.timer.stop()
        self._update_buttons()

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def step(self) -> None:
        """One step, or step by step the next part of a step."""
        self.pause()
        self._advance(1)
        self._draw()

    def reset(self) -> None:
        """Back to step 0: every racer at the start."""
        self.race.reset()
        self.phase = 0
        self._draw()

    def finish(self) -> None:
        """Take every remaining step at once."""
        self.pause()
        self.race.step(max(0, self.settings.steps - self.race.t))
        self.phase = len(self._phases) if self.step_mode and self.race.t else 0
        self._draw()

    def set_start(self, x: float, y: float) -> bool:
        """Start every racer at (x, y) and go back to step 0; False (and why) if it cannot."""
        return self.rebuild(start=(x, y))

    def set_step_mode(self, on: bool) -> None:
        self.step_box.setChecked(on)

    def set_side_by_side(self, on: bool) -> None:
        (self.grid_button if on else self.overlay_button).setChecked(True)

    def set_heat_map(self, on: bool) -> None:
        (self.heat_button if on else self.contour_button).setChecked(True)

    def set_speed(self, speed: float) -> None:
        """Move the speed slider to the position nearest ``speed`` (0.1×–10×)."""
        positions = range(self.speed_slider.minimum(), self.speed_slider.maximum() + 1)
        self.speed_slider.setValue(min(positions, key=lambda p: abs(speed_at(p) - speed)))

    def rebuild(self, start: tuple[float, float] | None = None) -> bool:
        """A new race from the current settings, at step 0; False if the core refused it."""
        surface = self.picker.surface
        start = start if start is not None else (self.race.start if self._same_surface()
                                                 else surface.start)
        try:
            race = Race(surface, self.racers.entries(), start=start, noise=self.settings.noise,
                        seed=self.settings.seed, tolerance=self.settings.tolerance)
        except ValueError as error:
            self._show_problem(str(error))
            return False
        self._show_problem("")
        self._adopt(race)
        return True

    def show_race(self, race: Race, params: dict | None = None) -> None:
        """Show a race made elsewhere (``visualnet race --png``) as it stands, at its step."""
        self.pause()
        self.picker.show_surface(race.surface, params)
        self.racers.blockSignals(True)
        self.racers.replace(list(race.entries))
        self.racers.blockSignals(False)
        self.settings.noise, self.settings.seed = race.noise, race.seed
        self.settings.tolerance = race.tolerance
        self.settings.steps = max(race.t, 1)
        for editor in self.setting_editors.values():
            editor.refresh()
        self._set_surface(race.surface, race)

    def hideEvent(self, event) -> None:
        # Another tab in front: the race waits rather than drawing unseen.
        self.pause()
        super().hideEvent(event)

    # --- exporting ------------------------------------------------------------------------------

    def export_csv(self, path: str | os.PathLike | None = None) -> bool:
        """Every step of every racer as CSV (asks for the file when ``path`` is None)."""
        path = path or self._ask_path("Save the race as CSV", "race.csv", "CSV files (*.csv)")
        if not path:
            return False
        try:
            write_csv(self.race, path)
        except OSError as error:
            return self._export_failed(path, error)
        return True

    def export_png(self, path: str | os.PathLike | None = None) -> bool:
        """The race view (surface, captions, loss and results) as a PNG image."""
        path = path or self._ask_path("Save the race view as PNG", "race.png",
                                      "PNG images (*.png)")
        if not path:
            return False
        try:
            write_png(self.figure, path)
        except (OSError, ValueError) as error:
            return self._export_failed(path, error)
        return True

    # --- building -------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.play_action = self._action("Play", "Space", "Play or pause the race (Space)",
                                        self.toggle_play)
        self.step_action = self._action(
            "Step", "Right", "One step; step by step, the next part of a step (→)", self.step)
        self.reset_action = self._action("Reset", "R", "Every racer back to the start (R)",
                                         self.reset)
        self.finish_action = self._action("End", "",
                                          "Take every remaining step at once", self.finish)
        self.csv_action = self._action("Race as CSV…", "",
                                       "Every step of every racer: position, loss, gradient, "
                                       "v, s, the update", lambda: self.export_csv())
        self.png_action = self._action("View as PNG…", "",
                                       "The surface, the loss and the results as an image",
                                       lambda: self.export_png())

    def _action(self, text: str, shortcut: str, tip: str, slot) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_layout(self) -> None:
        controls = QWidget()
        column = QVBoxLayout(controls)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(_group("Surface", self.picker))
        column.addWidget(_group("Racers", self.racers))
        column.addWidget(self._settings_group())
        column.addWidget(_group("Export", self._export_row()))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(controls)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(330)
        scroll.setMaximumWidth(400)

        self.figure = QWidget()
        self.figure.setObjectName("race_figure")
        self.figure.setAutoFillBackground(True)
        self.figure.setStyleSheet("#race_figure { background: white; }")
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.counter = QLabel()
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.problem = QLabel(wordWrap=True, visible=False)
        self.problem.setStyleSheet(f"color: {REFUSED_TEXT};")
        self.legend = QLabel(wordWrap=True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.caption = QLabel(wordWrap=True)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setStyleSheet("background: #f6f7f9; border: 1px solid #e3e6ea; "
                                   "border-radius: 4px; padding: 6px;")
        self.caption.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.counter)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(4)
        top_layout.addLayout(header)
        top_layout.addWidget(self.problem)
        top_layout.addWidget(self.canvas, 1)
        top_layout.addWidget(self.legend)
        top_layout.addWidget(self.caption)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.loss.widget)
        bottom.addWidget(self.table)
        bottom.setStretchFactor(0, 1)
        bottom.setStretchFactor(1, 1)
        bottom.setSizes([500, 700])
        self.figure_splitter = QSplitter(Qt.Orientation.Vertical)
        self.figure_splitter.addWidget(top)
        self.figure_splitter.addWidget(bottom)
        self.figure_splitter.setStretchFactor(0, 3)
        self.figure_splitter.setStretchFactor(1, 1)
        self.figure_splitter.setSizes([750, 250])
        figure_layout = QVBoxLayout(self.figure)
        figure_layout.setContentsMargins(8, 6, 8, 6)
        figure_layout.addWidget(self.figure_splitter)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        toolbar = RaceToolbar((self.play_action, self.step_action, self.reset_action,
                               self.finish_action))
        self.play_button = toolbar.play_button
        self.speed_slider, self.speed_label = toolbar.speed_slider, toolbar.speed_label
        self.step_box = toolbar.step_box
        self.overlay_button, self.grid_button = toolbar.overlay_button, toolbar.grid_button
        self.contour_button, self.heat_button = toolbar.contour_button, toolbar.heat_button
        self.step_box.toggled.connect(self._step_mode_changed)
        self.grid_button.toggled.connect(self._layout_changed)
        self.heat_button.toggled.connect(self.canvas.set_heat)
        right_layout.addWidget(toolbar)
        right_layout.addWidget(self.figure, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        layout.addWidget(splitter)

    def _export_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(action_button(self.csv_action))
        layout.addWidget(action_button(self.png_action))
        layout.addStretch(1)
        return row

    def _settings_group(self) -> QGroupBox:
        box = QGroupBox("Race")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in ("steps", "noise", "seed", "tolerance"):
            editor = editor_for(self.settings, name)
            editor.label.setText(SETTING_LABELS[name])
            editor.committed.connect(lambda _value, n=name: self._setting_changed(n))
            self.setting_editors[name] = editor
            form.addRow(editor.label, editor)
        return box

    # --- reacting ------------------------------------------------------------------------------

    def _problem_with(self, surface: Surface) -> str | None:
        """Why a race cannot start on ``surface`` (from its own start), or None."""
        try:
            Race(surface, self.racers.entries(), start=surface.start)
        except ValueError as error:
            return str(error)
        return None

    def _surface_picked(self, surface: Surface) -> None:
        self._set_surface(surface)

    def _set_surface(self, surface: Surface, race: Race | None = None) -> None:
        self.racers.set_surface(surface)
        self._drawing = SurfaceDrawing.of(surface)
        self.canvas.set_surface(self._drawing)
        self.title.setText(f"<b style='font-size:12pt'>{surface.title}</b>"
                           f"&nbsp;&nbsp;<span style='color:#4b5563'>f(x, y) = "
                           f"{surface.formula}</span>")
        self._racer_key = None  # the loss plot's scale may change
        if race is not None:
            self._adopt(race)
        else:
            self.rebuild(start=surface.start)

    def _setting_changed(self, name: str) -> None:
        if name == "steps":
            self._draw()
            return
        self.rebuild()

    def _adopt(self, race: Race) -> None:
        self.race = race
        self.phase = 0
        self._phases = phases(e.optimizer for e in race.entries)
        labels = [e.label for e in race.entries]
        colours = self.racers.colours()
        key = (tuple(labels), tuple(colours), race.surface.min_value is not None)
        if key != self._racer_key:
            self._racer_key = key
            self.racers.set_labels(labels)
            looks = [RacerLook(label, colour) for label, colour in zip(labels, colours,
                                                                        strict=True)]
            self.canvas.set_racers(looks)
            self.loss.set_racers(colours, log=race.surface.min_value is not None)
            self.legend.setText(_legend(looks))
        if self._finished():
            self.pause()
        self._draw()

    def _step_mode_changed(self, on: bool) -> None:
        self._pace = Pace(PARTS_PER_SECOND if on else STEPS_PER_SECOND, FPS)
        self.phase = len(self._phases) if on and self.race.t else 0
        self._draw()

    def _layout_changed(self, side_by_side: bool) -> None:
        self.canvas.set_side_by_side(side_by_side)
        self._draw()

    def _tick(self) -> None:
        n = self._pace.tick(self.speed, self._clock.restart() / 1000)
        if n:
            self._advance(n)
            self._draw()
        if self._finished():
            self.pause()

    def _advance(self, n: int) -> None:
        """n steps, or step by step n parts of steps, within the race's length."""
        if not self.step_mode:
            self.race.step(max(0, min(n, self.settings.steps - self.race.t)))
            return
        for _ in range(n):
            if self.phase in (0, len(self._phases)):
                if self.race.t >= self.settings.steps or self._all_stopped():
                    return
                self.race.step(1)
                self.phase = 1
            else:
                self.phase += 1

    def _finished(self) -> bool:
        if self.race is None:
            return False
        at_end = self.race.t >= self.settings.steps or self._all_stopped()
        return at_end and (not self.step_mode or self.phase in (0, len(self._phases)))

    def _all_stopped(self) -> bool:
        return all(d is not None for d in self.race.diverged_at)

    # --- drawing ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Draw the race as it stands (after a resize, before a grab)."""
        self._draw()

    def _draw(self) -> None:
        race = self.race
        in_step = self.step_mode and self.phase > 0
        upto = race.t - 1 if in_step and self.phase < len(self._phases) else race.t
        parts = [step_parts(race.trajectory(i), race.t) if in_step else None
                 for i in range(len(race.entries))]
        shown = set(self._phases[: self.phase]) if in_step else set()
        self.canvas.draw(race, upto, parts, shown)
        self.loss.draw(race, race.t)
        self.table.show_results(race, self.racers.colours())
        self._show_caption(parts)
        x, y = race.start
        self.counter.setText(f"step {race.t:,} of {self.settings.steps:,}  ·  "
                             f"start ({x:.3g}, {y:.3g})")
        self._update_buttons()

    def _show_caption(self, parts) -> None:
        if not self.step_mode:
            self.caption.hide()
            return
        self.caption.show()
        if self.phase == 0:
            self.caption.setText(f"{captions.START_HINT}<br>{captions.key()}")
            return
        race, colours = self.race, self.racers.colours()
        racers = [(e.label, colours[i], e.optimizer, e.hyperparameters, parts[i])
                  for i, e in enumerate(race.entries)]
        phase = self._phases[self.phase - 1]
        self.caption.setText(captions.caption(phase, self.phase, len(self._phases), race.t,
                                              racers))

    def _update_buttons(self) -> None:
        self.play_action.setText("Pause" if self.playing else "Play")

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def _same_surface(self) -> bool:
        return self.race is not None and self.race.surface is self.picker.surface

    def _ask_path(self, title: str, name: str, filter_text: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, str(self.folder / name), filter_text)
        if path:
            self.folder = Path(path).parent
        return path

    def _export_failed(self, path, error: Exception) -> bool:
        reason = getattr(error, "strerror", None) or str(error)
        QMessageBox.warning(self, "Export", f"Could not write {path}: {reason}")
        return False


def _group(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(widget)
    return box


def _legend(looks: list[RacerLook]) -> str:
    return "&nbsp;&nbsp;&nbsp;".join(
        f"<span style='color:{look.colour}; font-size:14pt'>●</span>&nbsp;"
        f"{html.escape(look.label)}"
        for look in looks)
