"""The layer builder: drag layer types into a stack, edit them, undo any edit."""

from visualnet.app.builder.widget import LayerBuilder

__all__ = ["LayerBuilder"]
