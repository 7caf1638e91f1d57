"""The ``visualnet`` command: the app with no arguments, headless commands otherwise.

Each command lives in its own module in this package with ``add_parser(subparsers)`` and
``run(args) -> int``; COMMANDS lists them in the order ``--help`` shows.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS: tuple[str, ...] = ()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="visualnet",
        description="VisualNet: see how neural networks learn. With no command, opens the app.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"visualnet.cli.{name}").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        args = build_parser().parse_args(["open"])
    return int(args.run(args) or 0)
