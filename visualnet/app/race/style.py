"""The race view's colours and sizes, in one place."""

from __future__ import annotations

RACER_COLOURS = ("#1f77b4", "#e6550d", "#2ca02c", "#9467bd", "#d6336c", "#17becf",
                 "#8c564b", "#bcbd22", "#393b79", "#7f7f7f")
"""Racer k's colour (a new racer takes the first one no racer has)."""

ARROWS = {
    "gradient": "#4b5563",   # −dW: slate grey
    "velocity": "#c0392b",   # −v: red, as the velocity in the training plots
    "scale": "#6c3483",      # √ŝ box: purple, as √s in the training plots
    "step": "#111111",       # the update: black
}
"""Colours of the step-by-step marks, the same at every racer's head."""

SYMBOLS = {"gradient": "−dW", "velocity": "−v", "velocity_corrected": "−v_corr",
           "scale": "√s", "scale_corrected": "√s_corr", "step": "update"}
"""The marks' labels (v_corr, not v̂: some fonts misplace the combining hat)."""

MINIMUM = "#ffd43b"
TOLERANCE = "#6b7280"
"""The loss plot's dashed line at the arrival tolerance."""
START = "#ffffff"
CONTOUR_STOPS = ("#0b3d91", "#3f6fb5", "#8fb3d9", "#c9d9ea", "#e4ebf3")
"""Contour lines from the lowest level (dark blue) to the highest (near white)."""
HEAT_STOPS = ("#12315f", "#2f6aa3", "#6fb1c9", "#c2e2c7", "#f6f1c9", "#fdfcf3")
"""Heat map from f* (deep blue) to the highest f in view (cream), on a log scale."""

ARROW_LENGTH = 90
"""Pixels of the longest of −dW, −v and the √ŝ box's half-widths at a head (one scale)."""
STEP_VISIBLE = (20, 220, 32)
"""An update shorter than 20 pixels is drawn 32 long, one longer than 220 that long (and its
label says by which factor); between, at its true size."""
HEAD = 10
"""Pixels of an arrow's head."""
LABEL_SPACE = 34
"""Pixels a mark's label keeps from another's (the closer one is left out)."""
