"""VisualNet: a visual neural-network trainer over a pure-NumPy core."""

__version__ = "0.1.0"
