"""A lesson's words as the panel shows them (no Qt here, so it is tested on its own).

In ``lessons.toml`` an explanation is paragraphs separated by blank lines; a line indented by
four spaces is a formula, kept as written (its own spacing aligns the columns of a table of
formulas, e.g. the four optimizers' updates). ``to_html`` turns that into the rich text of the
Lesson panel: prose wrapped, formulas in a monospaced box, `code` in a monospaced font.
"""

from __future__ import annotations

import html
import re

FORMULA_INDENT = "    "

MONOSPACE = "'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace"


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
            parts.append(
                '<table width="100%" cellpadding="6" cellspacing="0" '
                'style="margin: 4px 0px 6px 0px; background-color: #f1f4f8;"><tr><td>'
                f'<p style="font-family: {MONOSPACE}; font-size: 9pt; white-space: pre-wrap; '
                'margin: 0;">'
                f"{html.escape(text)}</p></td></tr></table>")
        else:
            parts.append(f'<p style="margin: 0 0 2px 0;">{_inline_code(text)}</p>')
    return "\n".join(parts)


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
