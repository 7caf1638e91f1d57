"""The desktop app (PySide6 + pyqtgraph) over the NumPy core."""
