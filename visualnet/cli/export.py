"""``visualnet export MODEL --format npz|safetensors|onnx|torch [--out PATH]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from visualnet.core.export import FORMATS, export_model, load_model

SUFFIX = {"npz": ".npz", "safetensors": ".safetensors", "onnx": ".onnx", "torch": ".py"}


def add_parser(sub) -> None:
    p = sub.add_parser(
        "export",
        help="convert a trained model to another format",
        description="Convert a trained model (.npz or .safetensors, as `visualnet train` "
        "writes them) to npz, safetensors, ONNX (normalization included) or a runnable "
        "PyTorch script (model.py beside model.safetensors).",
    )
    p.add_argument("model", type=Path, help="trained model (.npz or .safetensors)")
    p.add_argument("--format", required=True, choices=FORMATS, help="what to write")
    p.add_argument("--out", type=Path, help="output file (default: MODEL with the new suffix)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    out = args.out or args.model.with_suffix(SUFFIX[args.format])
    if args.format == "torch" and args.out is None:
        out = args.model.with_name("model.py")
    if out.resolve() == args.model.resolve():
        raise ValueError(f"{out}: refusing to overwrite the model being read; give --out")
    for path in export_model(model, out, args.format):
        print(f"wrote {path}")
    return 0
