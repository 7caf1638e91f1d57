"""Learning-rate schedules at several epochs, with α₀ = 0.2 (values worked out by hand)."""

import json

import pytest

from visualnet.core import schedules

EPOCHS = (0, 1, 2, 5, 10, 25)
HAND = [
    ("constant", {}, (0.2, 0.2, 0.2, 0.2, 0.2, 0.2)),
    # 0.2 / (1 + 0.5·epoch)
    ("inverse_time", {"decay_rate": 0.5}, (0.2, 0.133333, 0.1, 0.057143, 0.033333, 0.014815)),
    # 0.2 · 0.95^epoch
    ("exponential", {}, (0.2, 0.19, 0.1805, 0.154756, 0.119747, 0.055478)),
    # 0.2 · 1 / √epoch, epoch 0 taken as 1
    ("inverse_sqrt", {}, (0.2, 0.2, 0.141421, 0.089443, 0.063246, 0.04)),
    ("inverse_sqrt", {"k": 2.0}, (0.4, 0.4, 0.282843, 0.178885, 0.126491, 0.08)),
    # halve every 10 epochs
    ("staircase", {"factor": 0.5, "step": 10}, (0.2, 0.2, 0.2, 0.2, 0.1, 0.05)),
    # 0.2 / (1 + 1·⌊epoch / 10⌋)
    ("interval_decay", {"decay_rate": 1.0, "interval": 10},
     (0.2, 0.2, 0.2, 0.2, 0.1, 0.066667)),
]


@pytest.mark.parametrize("name, hyper, expected", HAND)
def test_schedule_matches_its_formula(name, hyper, expected):
    schedule = schedules.create(name, **hyper)
    got = [schedule.lr(0.2, epoch) for epoch in EPOCHS]
    assert got == pytest.approx(list(expected), abs=1e-6)


def test_every_schedule_has_a_formula_and_json_hyperparameters():
    assert list(schedules.REGISTRY) == [
        "constant", "inverse_time", "exponential", "inverse_sqrt", "staircase", "interval_decay"]
    for name, cls in schedules.REGISTRY.items():
        schedule = cls()
        assert schedule.formula.startswith("α = α₀")
        again = schedules.create(name, **json.loads(json.dumps(schedule.hyperparameters)))
        assert again == schedule
    assert schedules.create("staircase").hyperparameters == {"factor": 0.5, "step": 10}
    assert schedules.create("exponential").hyperparameters == {"base": 0.95}
    with pytest.raises(ValueError, match="allowed: constant, inverse_time"):
        schedules.create("cosine")
