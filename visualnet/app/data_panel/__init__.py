"""The data panel: choose and shape the data, see it; ``DataBinding`` ties it to the session."""

from visualnet.app.data_panel.binding import DataBinding
from visualnet.app.data_panel.panel import DataPanel

__all__ = ["DataBinding", "DataPanel"]
