"""A lesson's words as the panel shows them (no Qt here, so it is tested on its own).

In ``lessons.toml`` an explanation is paragraphs separated by blank lines; a line indented by
four spaces is a formula. A formula line often holds several formulas apart by two or more
spaces ("v₀ = 0,    v_t = β·v_{t-1} + (1 − β)·θ_t"), or a name and its formulas (the four
optimizers' updates, laid out as a table). The Lesson panel is narrow, so ``formula_lines``
puts each of those formulas on a line of its own, indenting the ones under a name.
``to_html`` turns it all into rich text: prose wrapped, formulas in a shaded box in a
monospaced font, `code` in a monospaced font.
"""

from __future__ import annotations

import html
import re

FORMULA_INDENT = "    "

MONOSPACE = "'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace"

FORMULA_STYLE = f"font-family: {MONOSPACE}; font-size: 9pt; margin: 0;"

INDENT_EM = 2
"""How far a formula under a name ('Adam', 'for t = 1 … ⌈m/s⌉:') is indented."""


def blocks(explanation: str) -> list[tuple[str, str]]:
    """The explanation as ("text" | "formula" | "break", text) blocks, in reading order.

    Consecutive prose lines join into one text; consecutive formula lines into one formula
    (lines kept, their first four spaces removed); "break" separates paragraphs.
    """
    out: list[tuple[str, str]] = []
    for number, paragraph in enumerate(re.split(r"\n\s*\n", explanation.strip("\n"))):
        if number:
            out.append(("break", ""))
        for line in paragraph.splitlines():
            if line.startswith(FORMULA_INDENT):
                kind, piece = "formula", line.removeprefix(FORMULA_INDENT).rstrip()
            else:
                kind, piece = "text", line.strip()
            if not piece:
                continue
            if out and out[-1][0] == kind:
                joiner = "\n" if kind == "formula" else " "
                out[-1] = (kind, out[-1][1] + joiner + piece)
            else:
                out.append((kind, piece))
    return out


def to_html(explanation: str) -> str:
    """Rich text for a QTextBrowser: paragraphs, formula boxes, inline code."""
    parts = []
    for kind, text in blocks(explanation):
        if kind == "break":
            parts.append('<p style="margin: 0; font-size: 4pt;">&nbsp;</p>')
        elif kind == "formula":
            lines = "".join(
                f'<p style="{FORMULA_STYLE} margin-left: {INDENT_EM * level}em;">'
                f"{html.escape(line)}</p>" for level, line in formula_lines(text))
            parts.append(
                '<table width="100%" cellpadding="6" cellspacing="0" '
                'style="margin: 4px 0px 6px 0px; background-color: #f1f4f8;"><tr><td>'
                f"{lines}</td></tr></table>")
        else:
            parts.append(f'<p style="margin: 0 0 2px 0;">{_inline_code(text)}</p>')
    return "\n".join(parts)


def formula_lines(formula: str) -> list[tuple[int, str]]:
    """A formula block as (indent level, formula) lines, one formula per line.

    Two or more spaces separate formulas on a line. A line's first piece is a name when it
    has no '=' or ends with ':' ('momentum', 'for t = 1 … ⌈m/s⌉:'); what follows it, and a
    line that starts with spaces (it continues the one above), is indented one level.
    """
    out = []
    for line in formula.split("\n"):
        level = 1 if line[:1].isspace() else 0
        for k, piece in enumerate(re.split(r"\s{2,}", line.strip())):
            out.append((level, piece))
            if k == 0 and ("=" not in piece or piece.endswith(":")):
                level = 1
    return out


def file_label(experiment_name: str) -> str:
    """How a lesson's file is named on its button: 'Initialization: He' → 'He'."""
    _topic, sep, variant = experiment_name.partition(": ")
    return variant if sep and variant else experiment_name


def menu_text(text: str) -> str:
    """A menu entry's text shown as written ('&' is Qt's mnemonic marker)."""
    return text.replace("&", "&&")


def _inline_code(text: str) -> str:
    escaped = html.escape(text)
    return re.sub(r"`([^`]+)`", rf'<span style="font-family: {MONOSPACE};">\1</span>', escaped)
