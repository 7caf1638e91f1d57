"""Numbers as the progress bars and reports print them."""

import math

from visualnet.core.textfmt import clock, count


def test_clock_reads_minutes_and_seconds_then_hours():
    assert clock(0) == "0:00"
    assert clock(59.6) == "1:00"
    assert clock(754) == "12:34"
    assert clock(3600 + 62) == "1:01:02"
    assert clock(math.nan) == clock(math.inf) == "–"


def test_count_says_one_epoch_and_many_epochs():
    assert count(1, "epoch") == "1 epoch"
    assert count(0, "epoch") == "0 epochs"
    assert count(1200, "trial") == "1,200 trials"
