"""Numbers as a student reads them in progress bars and tables."""

from __future__ import annotations

import math


def clock(seconds: float) -> str:
    """Seconds as m:ss, or h:mm:ss from an hour; '–' when unknown."""
    if not math.isfinite(seconds):
        return "–"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def count(n: int, noun: str) -> str:
    """'1 epoch', '3 epochs': n with its noun, plural unless n is 1."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
