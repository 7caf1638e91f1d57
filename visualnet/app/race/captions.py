"""The captions of the step-by-step view: what each part of a step does, with each racer's
numbers, in the course's notation ("decay the velocity by β₁ and add (1 − β₁)·dW").

Bias-corrected values are written v_corr and s_corr, as in the hyperparameter form (some fonts
misplace the combining hat of v̂).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from visualnet.app.race import style
from visualnet.core.race.steps import StepParts

TITLES = {
    "gradient": "gradient dW at the head",
    "velocity": "decay the velocity by {beta} and add (1 − {beta})·dW",
    "scale": "divide each axis by √S + ε",
    "step": "step by α",
}

UPDATES = {
    "gd": "W −= α·dW",
    "momentum": "W −= α·v",
    "momentum_corrected": "W −= α·v_corr",
    "nesterov": "W −= α·(β·v + (1 − β)·dW)",
    "rmsprop": "W −= α·dW / (√s + ε)",
    "adam": "W −= α·v_corr / (√s_corr + ε)",
    "adagrad": "W −= α·dW / (√s + ε)",
}

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

START_HINT = ("Step by step: press Step (→) to take the first step apart — the gradient, "
              "the velocity, the scaling by √S, then the step by α.")


Racer = tuple[str, str, str, Mapping[str, object], StepParts | None]
"""(label, colour, optimizer, hyperparameters, parts) of one racer, for its caption line."""


def title(phase: str, number: int, optimizers: Sequence[str]) -> str:
    """'2. decay the velocity by β₁ and add (1 − β₁)·dW' (β₁ when an Adam races, else β)."""
    beta = "β₁" if "adam" in optimizers else "β"
    return f"{number}. " + TITLES[phase].format(beta=beta)


def line(phase: str, optimizer: str, hyperparameters: Mapping[str, object],
         parts: StepParts) -> str:
    """What this racer does in this part, with its numbers."""
    h = hyperparameters
    if phase == "gradient":
        return f"dW = {vector(parts.gradient)}"
    if phase == "velocity":
        return _velocity(optimizer, h, parts)
    if phase == "scale":
        return _scale(optimizer, h, parts)
    key = "momentum_corrected" if optimizer == "momentum" and parts.corrected else optimizer
    return f"{UPDATES[key]}, α = {number(h['lr'])}: update = {vector(parts.update)}"


def caption(phase: str, index: int, count: int, t: int, racers: Sequence[Racer]) -> str:
    """The caption as rich text: the part's title, then one line per racer (entry order)."""
    optimizers = [r[2] for r in racers]
    head = (f"<b>{html.escape(title(phase, index, optimizers))}</b>"
            f"<span style='color:#6b7280'>&nbsp;&nbsp;(step {t}, part {index} of {count})</span>"
            f"&nbsp;&nbsp;&nbsp;&nbsp;{key()}")
    rows = [head]
    for label, colour, optimizer, hyperparameters, parts in racers:
        bullet = f"<span style='color:{colour}'>●</span> {html.escape(label)}"
        if parts is None:
            text = "stopped" if t > 1 else ""
        else:
            text = html.escape(line(phase, optimizer, hyperparameters, parts))
        rows.append(f"{bullet}: <span style='color:#374151'>{text}</span>")
    return "<br>".join(rows)


def key() -> str:
    """The marks' legend as rich text, each symbol in its colour."""
    items = [("gradient", "→ −dW"), ("velocity", "→ −v"), ("scale", "□ √S"),
             ("step", "→ update")]
    return "&nbsp;&nbsp;".join(
        f"<span style='color:{style.ARROWS[kind]}'><b>{html.escape(text)}</b></span>"
        for kind, text in items)


def vector(v) -> str:
    """'(−215.6, 88)': 4 significant digits, a true minus sign."""
    return "(" + ", ".join(number(float(c)) for c in v) + ")"


def number(value) -> str:
    return f"{float(value):.4g}".replace("-", "−")


def _velocity(optimizer: str, h: Mapping[str, object], parts: StepParts) -> str:
    if parts.velocity is None:
        return "no velocity: steps along dW itself"
    if optimizer == "adam":
        b = number(h["beta1"])
        return (f"v = {b}·v + {number(1 - h['beta1'])}·dW, v_corr = v / (1 − {b}"
                f"{_power(parts.t)}) = {vector(parts.velocity)}")
    b = number(h["beta"])
    text = f"v = {b}·v + {number(1 - h['beta'])}·dW"
    if parts.corrected:
        return f"{text}, v_corr = v / (1 − {b}{_power(parts.t)}) = {vector(parts.velocity)}"
    return f"{text} = {vector(parts.velocity)}"


def _scale(optimizer: str, h: Mapping[str, object], parts: StepParts) -> str:
    if parts.root is None:
        return "no scaling: every axis keeps its size"
    if optimizer == "adam":
        b = number(h["beta2"])
        return (f"s = {b}·s + {number(1 - h['beta2'])}·dW², s_corr = s / (1 − {b}"
                f"{_power(parts.t)}): √s_corr = {vector(parts.root)}")
    if optimizer == "adagrad":
        return f"s = s + dW²: √s = {vector(parts.root)}"
    b = number(h["beta"])
    return f"s = {b}·s + {number(1 - h['beta'])}·dW²: √s = {vector(parts.root)}"


def _power(t: int) -> str:
    return str(t).translate(SUPERSCRIPTS)
