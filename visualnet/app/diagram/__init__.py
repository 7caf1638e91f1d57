"""The network diagram (TensorFlow Playground style) and click-to-add data points (ConvNetJS
style): ``NetworkDiagram`` is a live plot; ``PointAdder`` attaches to any plot of the input
plane."""

from visualnet.app.diagram.points import PointAdder
from visualnet.app.diagram.view import NetworkDiagram

__all__ = ["NetworkDiagram", "PointAdder"]
