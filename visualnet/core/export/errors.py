"""The one error a model file can give when it cannot be read: ModelFileError."""

from __future__ import annotations

import os


class ModelFileError(ValueError):
    """A model file that is missing, truncated, foreign or disagrees with itself.

    The message names the file and the problem, e.g.
    ``model.npz: tensor 'W2' has shape (3, 8), the spec needs (3, 16)``.
    """

    def __init__(self, path: str | os.PathLike, problem: str):
        super().__init__(f"{os.fspath(path)}: {problem}")
        self.path = os.fspath(path)
        self.problem = problem
