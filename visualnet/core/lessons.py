"""The shipped lessons: experiments that replay the course's results, with what to watch.

    lessons()              every lesson, in the course's order
    lesson(lesson_id)      one lesson: id, topic, title, files, plots, explanation, demo
    load(lesson_id)        the lesson's first experiment (``file=`` picks another of its files)
    shipped_files()        every ``*.vnet.json`` in the examples folder
    temperature_series()   a year of daily temperatures for the EWMA lesson's β slider

The experiments and the index ``lessons.toml`` live in ``resources/examples/``, installed as
the package ``visualnet.resources``; they are read through importlib.resources, so they are
found from a wheel as well as from a source checkout.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

import numpy as np

from visualnet.core.experiment import SUFFIX, Experiment

PLOTS = (
    "boundary", "cost", "error", "velocity", "dropout", "gradnorms", "histograms", "lr",
    "confusion", "diagram",
)
"""Keys of the live plots a lesson can ask the app to open."""

DEMOS = ("temperature",)
"""Lesson-only panels: "temperature" is a β slider over ``temperature_series()``."""

INDEX = "lessons.toml"


@dataclass(frozen=True)
class Lesson:
    """One entry of the Lessons menu.

    ``files`` are experiment files in the examples folder: the first is the one to open, the
    others are run beside it for comparison. ``plots`` are keys of PLOTS, in the order to show
    them. ``topic`` groups lessons that share a course topic.
    """

    id: str
    topic: str
    title: str
    files: tuple[str, ...]
    plots: tuple[str, ...]
    explanation: str
    demo: str | None = None

    @property
    def file(self) -> str:
        return self.files[0]


@functools.cache
def lessons() -> tuple[Lesson, ...]:
    """Every shipped lesson, in the course's order."""
    index = tomllib.loads(_examples().joinpath(INDEX).read_text(encoding="utf-8"))
    found = tuple(_lesson(entry) for entry in index.get("lesson", []))
    ids = [item.id for item in found]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{INDEX}: lesson ids must be unique, repeated: {', '.join(duplicates)}")
    return found


def lesson(lesson_id: str) -> Lesson:
    """The lesson with this id; ValueError lists the ids there are."""
    for item in lessons():
        if item.id == lesson_id:
            return item
    known = ", ".join(item.id for item in lessons())
    raise ValueError(f"unknown lesson {lesson_id!r}; the lessons are: {known}")


def load(lesson_id: str, file: str | None = None) -> Experiment:
    """The experiment of a lesson: its first file, or ``file`` (one of ``lesson.files``)."""
    item = lesson(lesson_id)
    name = item.file if file is None else file
    if name not in item.files:
        raise ValueError(f"lesson {lesson_id!r} has no file {name!r}; its files are: "
                         f"{', '.join(item.files)}")
    with resources.as_file(_examples().joinpath(name)) as path:
        return Experiment.load(path)


def shipped_files() -> list[str]:
    """Names of every experiment file in the examples folder, sorted."""
    return sorted(entry.name for entry in _examples().iterdir() if entry.name.endswith(SUFFIX))


def temperature_series(days: int = 365, seed: int = 0) -> np.ndarray:
    """Daily temperatures θ₁ … θ_days in °F, for the EWMA lesson (the course's example).

        θ_t = 55 − 20·cos(2π·(t − 15)/365) + 6·ε_t,    ε_t ~ N(0, 1)  (seeded),

    a mean of 55 °F, coldest (35 °F) around 15 January, warmest (75 °F) in mid-July, and
    day-to-day noise of σ = 6 °F. Average it with ``visualnet.core.ewma(θ, β)`` (add
    ``bias_correction=True`` for v_t / (1 − βᵗ)).
    """
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    t = np.arange(1, days + 1)
    season = 55.0 - 20.0 * np.cos(2 * np.pi * (t - 15) / 365.0)
    return season + 6.0 * np.random.default_rng(seed).standard_normal(days)


def _examples():
    try:
        return resources.files("visualnet.resources").joinpath("examples")
    except ModuleNotFoundError:
        raise FileNotFoundError(
            "VisualNet's shipped examples are not installed (there is no package "
            "visualnet.resources); reinstall VisualNet"
        ) from None


def _lesson(entry: dict) -> Lesson:
    lesson_id = entry.get("id", "?")
    where = f"{INDEX}, lesson {lesson_id!r}"
    missing = [key for key in ("id", "topic", "title", "files", "plots", "explanation")
               if key not in entry]
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    files, plots = tuple(entry["files"]), tuple(entry["plots"])
    if not files or any(not name.endswith(SUFFIX) for name in files):
        raise ValueError(f"{where}: files must be one or more *{SUFFIX} names, got {files}")
    unknown = [key for key in plots if key not in PLOTS]
    if unknown:
        raise ValueError(f"{where}: unknown plots {unknown}; allowed: {', '.join(PLOTS)}")
    demo = entry.get("demo")
    if demo is not None and demo not in DEMOS:
        raise ValueError(f"{where}: unknown demo {demo!r}; allowed: {', '.join(DEMOS)}")
    return Lesson(lesson_id, entry["topic"], entry["title"], files, plots,
                  entry["explanation"].strip(), demo)
