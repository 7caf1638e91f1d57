"""``visualnet gradcheck EXPERIMENT``: compare backprop with two-sided differences."""

from __future__ import annotations

import argparse
from pathlib import Path

from visualnet.core import gradient_check
from visualnet.core.data import prepare
from visualnet.core.data.targets import targets
from visualnet.core.experiment import SUFFIX, Experiment


def add_parser(sub) -> None:
    p = sub.add_parser(
        "gradcheck",
        help="check the experiment's gradients numerically",
        description="Gradient checking: for each parameter θᵢ, (J(θ + ε) − J(θ − ε))/2ε against "
        "backprop, reported as ‖g − g̃‖₂ / (‖g‖₂ + ‖g̃‖₂) overall and per parameter "
        "(< 1e-7 great, < 1e-5 look closer, > 1e-3 a bug). Dropout is off while it runs; the "
        "check runs in float64.",
    )
    p.add_argument("experiment", type=Path, help=f"experiment file (*{SUFFIX})")
    p.add_argument("--examples", type=int, default=32, help="training examples used (default 32)")
    p.add_argument("--samples", type=int, default=2000,
                   help="check at most this many parameter components, a seeded sample "
                   "(default 2000; 0 = all)")
    p.add_argument("--eps", type=float, default=1e-7, help="ε of the differences (default 1e-7)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.examples < 1:
        raise ValueError(f"--examples must be ≥ 1, got {args.examples}")
    if not 0 < args.eps < 1:
        raise ValueError(f"--eps must be in (0, 1), got {args.eps}")
    experiment = Experiment.load(args.experiment)
    problem = experiment.network_problem()
    if problem:
        raise ValueError(problem)
    data = prepare(experiment.data)
    net = experiment.build_network(data.n_x)
    m = min(args.examples, data.train.m)
    X, Y = data.train.X[:, :m], targets(net.output, data.train)[:, :m]
    cfg = experiment.training
    result = gradient_check(net, X, Y, l2=cfg.l2, l1=cfg.l1, eps=args.eps,
                            max_components=args.samples or None, seed=experiment.seed)
    print(f"checked {result.checked:,} of {result.total:,} components on {m} examples")
    if result.kinks:
        print(f"left out {result.kinks:,} component(s) whose difference straddled a kink "
              "(ReLU at z = 0 or L1 at w = 0), where no backprop can match it")
    width = max(len(name) for name in result.per_parameter)
    for name, diff in result.per_parameter.items():
        print(f"  {name:<{width}}  {diff:.3e}")
    print(f"difference {result.difference:.3e}: {result.verdict} — {result.advice}")
    return 0 if result.verdict in ("great", "look closer") else 1
