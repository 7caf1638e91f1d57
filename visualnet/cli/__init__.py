"""The ``visualnet`` command: the app with no arguments, headless commands otherwise.

Each command lives in its own module in this package with ``add_parser(subparsers)`` and
``run(args) -> int``; COMMANDS lists them in the order ``--help`` shows.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS: tuple[str, ...] = ("open", "train", "gradcheck", "export", "race", "search")


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
    """Run a command; bad input prints one clear line (never a traceback) and exits 2."""
    command = "visualnet"
    try:
        parser = build_parser()
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
        if args.command is None:
            args = parser.parse_args(["open"])
        command = f"visualnet {args.command}"
        return int(args.run(args) or 0)
    except (ValueError, OSError) as error:
        print(f"{command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # before a command could handle it (e.g. while importing)
        print("visualnet: interrupted", file=sys.stderr)
        return 130
