"""Custom surfaces: valid expressions evaluate, anything else is refused with a clear error."""

import numpy as np
import pytest

from visualnet.core.race import custom
from visualnet.core.race.expression import Expression


def test_valid_expression_evaluates_like_numpy():
    f = Expression("x**2 + 3*sin(y) - exp(-abs(x)) / (1 + tanh(y)**2) + pi*e")
    x, y = np.array([0.5, -1.0]), np.array([2.0, 0.1])
    expected = x**2 + 3 * np.sin(y) - np.exp(-np.abs(x)) / (1 + np.tanh(y) ** 2) + np.pi * np.e
    np.testing.assert_allclose(f(x, y), expected)


def test_constant_and_one_variable_expressions_broadcast_to_the_grid():
    assert custom("3").grid(4)[2].shape == (4, 4)
    np.testing.assert_allclose(Expression("2*y")(np.zeros(3), 1.5), [3, 3, 3])


def test_two_argument_functions():
    f = Expression("hypot(x, y) + maximum(x, 0) + arctan2(y, x)")
    assert f(3.0, 4.0) == pytest.approx(5 + 3 + np.arctan2(4, 3))


def test_gradient_by_central_differences():
    surface = custom("x**2 + 3*x*y + sin(y)")
    x, y = np.array([0.3, -1.2, 2.0]), np.array([1.0, 0.4, -2.5])
    gx, gy = surface.gradient(x, y)
    np.testing.assert_allclose(gx, 2 * x + 3 * y, rtol=1e-8)
    np.testing.assert_allclose(gy, 3 * x + np.cos(y), rtol=1e-8)
    assert surface.gradient_method == "central differences"
    assert surface.minima == () and surface.min_value is None


def test_undefined_values_are_nan_not_errors():
    f = Expression("log(x) + 1/y + 9**9**9")
    assert np.isnan(f(-1.0, 1.0))
    assert np.isinf(f(1.0, 0.0))


@pytest.mark.parametrize(("text", "message"), [
    ("__import__('os')", "'__import__' is not an allowed function; allowed: sin, cos"),
    ("__import__('os').system('true')", "attribute access"),
    ("np.sin(x)", "attribute access (a.b) is not allowed; write sin(x)"),
    ("x.real", "attribute access"),
    ("(lambda: 1)()", "only these functions can be called"),
    ("lambda x: x", "lambda is not allowed"),
    ("open('f')", "'open' is not an allowed function"),
    ("sinh(x) + z", "unknown name 'z'"),
    ("eval('1')", "'eval' is not an allowed function"),
    ("__builtins__", "unknown name '__builtins__'"),
    ("[x for x in (1, 2)][0]", "indexing"),
    ("x ^ 2", "'^' is not a power here; write x**2"),
    ("'a' * 3", "only numbers are allowed, got 'a'"),
    ("sin(x, y)", "sin(…) takes 1 argument, got 2"),
    ("hypot(x)", "hypot(…) takes 2 arguments, got 1"),
    ("sin(x=1)", "plain arguments only"),
    ("sin", "sin is a function; call it as sin(…)"),
    ("x if y else 1", "if/else is not allowed"),
    ("x < y", "comparisons are not allowed"),
    ("x +", "invalid syntax"),
    ("x = 1", "invalid syntax"),
    ("", "the expression is empty"),
    ("1" * 400, "a number is too large"),
    ("x+" * 300 + "1", "longer than 500 characters"),
    ("True + x", "only numbers are allowed, got True"),
])
def test_refused_expressions_say_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=r"^custom surface: ") as info:
        custom(text)
    assert message in str(info.value)


def test_the_column_of_the_offending_part_is_given():
    with pytest.raises(ValueError, match=r"unknown name 'foo'.*\(column 7\)"):
        Expression("x + y*foo")
