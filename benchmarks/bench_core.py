"""Time one training step (forward + backward + Adam, float32) of the NumPy core.

For each net the step is also timed as the bare matrix multiplications it contains
(Z = W·A forward; dW = dZ·Aᵀ and dA = Wᵀ·dZ backward, into preallocated outputs) and, when
PyTorch is importable, as the same net, loss and Adam step in PyTorch CPU: once with
``torch.optim.Adam`` as it comes (what a user gets) and once with ``fused=True`` (its fastest
CPU Adam, one multi-threaded kernel). Ratios are VisualNet time / other time: ≤ 1.5 against
the matmuls and ≤ 1.0 against PyTorch are the targets.

Fairness: PyTorch gets as many intra-op threads as NumPy's BLAS uses (read with threadpoolctl
when installed, else os.cpu_count()), or both get ``--threads``; both run float32 in this one
process. PyTorch also computes the loss, which its backward needs; VisualNet's step does not.
The candidates are timed in interleaved rounds after a warm-up, each round a block of steps
long enough to time reliably. Times are the medians of the rounds' per-step times; ratios are
the medians of the per-round ratios, so that load from other processes, which comes and goes,
mostly cancels out of them. On a machine shared with other work, ``--best`` reports each
candidate's fastest round instead (and ratios of those): load only ever slows a round down.
Before each block the process sleeps a moment: OpenBLAS's and OpenMP's worker threads keep
spinning for a while after their last job and would otherwise steal the cores from the other
library (measured here: PyTorch ran up to 3× slower right after NumPy work without the pause).

    python benchmarks/bench_core.py [--rounds 15] [--threads N] [--best]   (after pip install -e .)
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import time

import numpy as np

from visualnet.core import Network, optimizers

NETS = (
    ("2-16-16-1", (2, 16, 16, 1), 256, "sigmoid"),
    ("784-256-256-10", (784, 256, 256, 10), 128, "softmax"),
    ("64-512-512-512-10", (64, 512, 512, 512, 10), 512, "softmax"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed rounds per candidate")
    parser.add_argument("--threads", type=int,
                        help="threads for NumPy's BLAS and PyTorch (needs threadpoolctl)")
    parser.add_argument("--best", action="store_true",
                        help="fastest round instead of medians (for a machine shared with others)")
    args = parser.parse_args()
    if args.threads:
        from threadpoolctl import threadpool_limits

        threadpool_limits(args.threads, user_api="blas")
    threads = blas_threads()
    torch = _import_torch(threads)
    print(f"numpy {np.__version__}, BLAS threads {threads}; "
          + (f"torch {torch.__version__}, threads {torch.get_num_threads()}" if torch
             else "torch not installed"))
    print(f"{'net':<20}{'m':>5}{'VisualNet':>12}{'matmuls':>11}{'ratio':>7}"
          + (f"{'PyTorch':>11}{'ratio':>7}{'fused':>11}{'ratio':>7}" if torch else ""))
    for name, dims, m, output in NETS:
        steps = {"visualnet": visualnet_step(dims, m, output), "matmuls": matmul_step(dims, m)}
        if torch:
            steps["torch"] = torch_step(torch, dims, m, output)
            steps["fused"] = torch_step(torch, dims, m, output, fused=True)
        samples = time_interleaved(steps, args.rounds)
        time_of = min if args.best else statistics.median
        ours = samples["visualnet"]
        line = f"{name:<20}{m:>5}{_us(time_of(ours)):>12}"
        for other in ("matmuls", "torch", "fused")[: len(samples) - 1]:
            ratio = min(ours) / min(samples[other]) if args.best else _ratio(ours, samples[other])
            line += f"{_us(time_of(samples[other])):>11}{ratio:>6.2f}×"
        print(line)
    print("targets: ≤ 1.5× the matmuls, ≤ 1.0× PyTorch")


def blas_threads() -> int:
    """How many threads NumPy's BLAS uses (threadpoolctl if available)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return os.cpu_count() or 1
    counts = [info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"]
    return max(counts, default=os.cpu_count() or 1)


def visualnet_step(dims, m, output):
    """forward(training) + backward + Adam.step on the flat buffers."""
    layers = []
    for units in dims[1:-1]:
        layers += [{"type": "dense", "units": units, "init": "he"}, {"type": "relu"}]
    layers += [{"type": "dense", "units": dims[-1], "init": "xavier"}, {"type": output}]
    net = Network.from_spec({"input_dim": dims[0], "layers": layers}, seed=0, dtype="float32")
    X, Y = _data(dims, m, output)
    opt = optimizers.Adam(lr=1e-3)

    def step():
        net.forward(X, training=True)
        opt.step(net.params, net.backward(Y))

    return step


def matmul_step(dims, m):
    """Only the step's matrix products, into preallocated outputs."""
    rng = np.random.default_rng(0)
    f32 = np.float32
    W = [rng.standard_normal((b, a)).astype(f32) for a, b in itertools.pairwise(dims)]
    A = [rng.standard_normal((n, m)).astype(f32) for n in dims]
    dW = [np.empty_like(w) for w in W]

    def step():
        for w, a_prev, a in zip(W, A[:-1], A[1:], strict=True):
            np.matmul(w, a_prev, out=a)
        for k in range(len(W) - 1, -1, -1):  # A[k + 1] stands in for dZ of layer k + 1
            np.matmul(A[k + 1], A[k].T, out=dW[k])
            if k > 0:
                np.matmul(W[k].T, A[k + 1], out=A[k])

    return step


def torch_step(torch, dims, m, output, fused=False):
    """The same net in PyTorch (examples as rows), its loss from logits, and torch.optim.Adam."""
    torch.manual_seed(0)
    modules = []
    for a, b in itertools.pairwise(dims[:-1]):
        modules += [torch.nn.Linear(a, b), torch.nn.ReLU()]
    modules.append(torch.nn.Linear(dims[-2], dims[-1]))
    model = torch.nn.Sequential(*modules)
    X, Y = _data(dims, m, output)
    x = torch.from_numpy(np.ascontiguousarray(X.T))
    if output == "sigmoid":
        y, loss_fn = torch.from_numpy(np.ascontiguousarray(Y.T)), torch.nn.BCEWithLogitsLoss()
    else:
        y, loss_fn = torch.from_numpy(Y.argmax(axis=0)), torch.nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, **({"fused": True} if fused else {}))

    def step():
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()

    return step


def time_interleaved(steps: dict, rounds: int, pause: float = 0.25) -> dict[str, list[float]]:
    """Seconds per step of each candidate in each of the interleaved timed rounds."""
    blocks = {}
    for name, step in steps.items():
        for _ in range(20):
            step()
        blocks[name] = _block_length(step)
    samples = {name: [] for name in steps}
    for _ in range(rounds):
        for name, step in steps.items():
            n = blocks[name]
            time.sleep(pause)
            start = time.perf_counter()
            for _ in range(n):
                step()
            samples[name].append((time.perf_counter() - start) / n)
    return samples


def _block_length(step, target: float = 0.05) -> int:
    """Steps per timed round so that one round lasts about ``target`` seconds."""
    start = time.perf_counter()
    for _ in range(5):
        step()
    per_step = (time.perf_counter() - start) / 5
    return max(1, round(target / per_step))


def _data(dims, m, output):
    rng = np.random.default_rng(1)
    X = rng.standard_normal((dims[0], m)).astype(np.float32)
    if output == "sigmoid":
        Y = (rng.random((1, m)) < 0.5).astype(np.float32)
    else:
        Y = np.eye(dims[-1], dtype=np.float32)[:, rng.integers(0, dims[-1], m)]
    return X, Y


def _import_torch(threads: int):
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(threads)
    return torch


def _ratio(ours: list[float], other: list[float]) -> float:
    """The median of the per-round ratios."""
    return statistics.median(a / b for a, b in zip(ours, other, strict=True))


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:,.0f} µs"


if __name__ == "__main__":
    main()
