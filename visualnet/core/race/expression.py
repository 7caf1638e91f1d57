"""Custom surfaces typed as a NumPy expression in x and y, evaluated without ``eval``.

The text is parsed with ``ast`` and every node is checked against a whitelist: numbers, the
names x and y, the constants pi and e, the operators + − * / ** and unary ±, and calls of the
functions in FUNCTIONS by name. Anything else (attribute access, subscripts, lambda, other names
or calls, keywords, strings…) is refused with a ValueError saying what and where. The checked
tree is then evaluated by walking it with NumPy ufuncs; nothing is ever compiled or eval'd.

The gradient is estimated by central differences, ∂f/∂x ≈ (f(x + h, y) − f(x − h, y)) / 2h
with h = 10⁻⁵·max(1, |x|) (likewise for y): the truncation error is O(h²·f‴) and the rounding
error O(10⁻¹⁶·|f| / h), both near 10⁻¹⁰ for well-scaled surfaces.
"""

from __future__ import annotations

import ast
import math

import numpy as np

from visualnet.core.race.surface import Surface

FUNCTIONS: dict[str, tuple[np.ufunc, int]] = {
    "sin": (np.sin, 1), "cos": (np.cos, 1), "tan": (np.tan, 1),
    "arcsin": (np.arcsin, 1), "arccos": (np.arccos, 1), "arctan": (np.arctan, 1),
    "sinh": (np.sinh, 1), "cosh": (np.cosh, 1), "tanh": (np.tanh, 1),
    "exp": (np.exp, 1), "log": (np.log, 1), "log10": (np.log10, 1), "sqrt": (np.sqrt, 1),
    "abs": (np.abs, 1), "sign": (np.sign, 1),
    "arctan2": (np.arctan2, 2), "hypot": (np.hypot, 2),
    "minimum": (np.minimum, 2), "maximum": (np.maximum, 2),
}
"""Functions a custom expression may call: name → (ufunc, number of arguments)."""

CONSTANTS = {"pi": math.pi, "e": math.e}
VARIABLES = ("x", "y")
MAX_LENGTH = 500

_BINARY = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply,
           ast.Div: np.divide, ast.Pow: np.power}
_UNARY = {ast.UAdd: np.positive, ast.USub: np.negative}
_HINTS = {
    ast.BitXor: "'^' is not a power here; write x**2",
    ast.Attribute: "attribute access (a.b) is not allowed; write sin(x), not np.sin(x)",
    ast.Lambda: "lambda is not allowed",
    ast.Subscript: "indexing (a[i]) is not allowed",
    ast.Compare: "comparisons are not allowed",
    ast.BoolOp: "and/or are not allowed",
    ast.IfExp: "if/else is not allowed; try minimum(…) or maximum(…)",
}


class Expression:
    """f(x, y) from checked text; ``Expression('x**2 + 3*sin(y)')(x, y)`` broadcasts like NumPy."""

    def __init__(self, text: str):
        self.text = text
        self._tree = parse(text)

    def __call__(self, x, y) -> np.ndarray:
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        with np.errstate(all="ignore"):
            out = _evaluate(self._tree, {"x": x, "y": y})
        return np.broadcast_to(out, np.broadcast_shapes(x.shape, y.shape)).copy()

    def gradient(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        """(∂f/∂x, ∂f/∂y) by central differences (see the module docstring)."""
        x, y = np.broadcast_arrays(np.asarray(x, np.float64), np.asarray(y, np.float64))
        hx, hy = 1e-5 * np.maximum(1.0, np.abs(x)), 1e-5 * np.maximum(1.0, np.abs(y))
        # One call on the four shifted copies stacked: (x+h, y), (x−h, y), (x, y+h), (x, y−h).
        f = self(np.stack([x + hx, x - hx, x, x]), np.stack([y, y, y + hy, y - hy]))
        return (f[0] - f[1]) / (2 * hx), (f[2] - f[3]) / (2 * hy)


def parse(text: str) -> ast.Expression:
    """The checked syntax tree of ``text``; ValueError naming the first thing not allowed."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("custom surface: the expression is empty; write one in x and y")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"custom surface: the expression is longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        raise ValueError(
            f"custom surface: invalid syntax at column {error.offset or 0}: {error.msg}"
        ) from None
    _check(tree.body)
    return tree


def custom(text: str, view=(-3.0, 3.0, -3.0, 3.0), start=(-2.0, 2.0),
           lr: float = 0.01, lr_adaptive: float = 0.05) -> Surface:
    """A Surface from an expression; no minimum is known, so none is listed."""
    f = Expression(text)
    return Surface(
        key="custom", title="Custom", formula=text.strip(), value=f, gradient=f.gradient,
        minima=(), view=tuple(view), start=tuple(start), lr=lr, lr_adaptive=lr_adaptive,
        about="Your own surface; the gradient is estimated by central differences.",
        gradient_method="central differences",
    )


def _check(node: ast.AST) -> None:
    """Raise a ValueError at the first node of ``node``'s tree that is not allowed."""
    problem = _problem(node)
    if problem:
        raise ValueError(f"custom surface: {problem} (column {node.col_offset + 1})")
    children = node.args if isinstance(node, ast.Call) else ast.iter_child_nodes(node)
    for child in children:
        if isinstance(child, ast.expr):  # skips operators and the Load context
            _check(child)


def _problem(node: ast.AST) -> str | None:
    """Why ``node`` itself is not allowed, or None when it is."""
    if isinstance(node, ast.BinOp | ast.UnaryOp):
        return None if type(node.op) in _BINARY | _UNARY else _refused(node.op)
    if isinstance(node, ast.Constant):
        return _constant_problem(node.value)
    if isinstance(node, ast.Name):
        if node.id in VARIABLES or node.id in CONSTANTS:
            return None
        if node.id in FUNCTIONS:
            return f"{node.id} is a function; call it as {node.id}(…)"
        names = ", ".join((*VARIABLES, *CONSTANTS))
        return (f"unknown name {node.id!r}; allowed: {names} and the functions "
                f"{', '.join(FUNCTIONS)}")
    if isinstance(node, ast.Call):
        return _call_problem(node)
    return _refused(node)


def _constant_problem(value) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"only numbers are allowed, got {value!r}"
    try:
        float(value)
    except OverflowError:
        return "a number is too large"
    return None


def _call_problem(node: ast.Call) -> str | None:
    allowed = ", ".join(FUNCTIONS)
    if isinstance(node.func, ast.Attribute):
        return _HINTS[ast.Attribute]
    if not isinstance(node.func, ast.Name):
        return f"only these functions can be called, by name: {allowed}"
    if node.func.id not in FUNCTIONS:
        return f"{node.func.id!r} is not an allowed function; allowed: {allowed}"
    name = node.func.id
    if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
        return f"{name}(…) takes plain arguments only"
    arity = FUNCTIONS[name][1]
    if len(node.args) != arity:
        plural = "s" if arity > 1 else ""
        return f"{name}(…) takes {arity} argument{plural}, got {len(node.args)}"
    return None


def _refused(node: ast.AST) -> str:
    return _HINTS.get(type(node), f"{type(node).__name__} is not allowed; use numbers, x, y, "
                      "+ − * / **, pi, e and the listed functions")


def _evaluate(node: ast.AST, names: dict[str, np.ndarray]):
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, names)
    if isinstance(node, ast.Constant):
        return np.float64(node.value)
    if isinstance(node, ast.Name):
        return names[node.id] if node.id in names else np.float64(CONSTANTS[node.id])
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_evaluate(node.left, names), _evaluate(node.right, names))
    if isinstance(node, ast.UnaryOp):
        return _UNARY[type(node.op)](_evaluate(node.operand, names))
    function, _ = FUNCTIONS[node.func.id]
    return function(*(_evaluate(a, names) for a in node.args))
