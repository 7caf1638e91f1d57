"""Forms generated from the experiment schema: field editors and the hyperparameter form."""

from visualnet.app.forms.fields import FieldEditor, editor_for
from visualnet.app.forms.hyperparameters import HyperparameterForm

__all__ = ["FieldEditor", "HyperparameterForm", "editor_for"]
