"""Steering a run from another thread: a brief suspension (while a window draws a frame)."""

import threading
import time

from support.data import experiment, planar_binary

from visualnet.core.training import Trainer, TrainingControl
from visualnet.core.training import control as control_module


def sitting_out(control: TrainingControl) -> threading.Event:
    """Start a thread in ``sit_out_suspension``; the event is set when it returns."""
    done = threading.Event()
    threading.Thread(target=lambda: (control.sit_out_suspension(), done.set()),
                     daemon=True).start()
    return done


def test_without_a_suspension_the_loop_does_not_wait():
    control = TrainingControl()
    assert sitting_out(control).wait(1)
    assert not control.suspended


def test_a_suspended_loop_waits_until_the_suspension_is_lifted(monkeypatch):
    monkeypatch.setattr(control_module, "SUSPEND_LIMIT", 30.0)
    control = TrainingControl()
    control.suspend()
    assert control.suspended
    done = sitting_out(control)
    assert not done.wait(0.1)
    control.unsuspend()
    assert done.wait(1) and not control.suspended


def test_a_suspension_never_lifted_runs_out_by_itself(monkeypatch):
    monkeypatch.setattr(control_module, "SUSPEND_LIMIT", 0.1)
    control = TrainingControl()
    control.suspend()
    started = time.monotonic()
    control.sit_out_suspension()
    assert 0.09 <= time.monotonic() - started < 1.0
    assert not control.suspended


def test_pausing_or_stopping_ends_the_wait_so_the_loop_can_hold_or_stop(monkeypatch):
    monkeypatch.setattr(control_module, "SUSPEND_LIMIT", 30.0)
    for end in (TrainingControl.pause, TrainingControl.stop):
        control = TrainingControl()
        control.suspend()
        done = sitting_out(control)
        assert not done.wait(0.05)
        end(control)
        assert done.wait(1), end.__name__


def test_a_suspended_run_trains_no_further_mini_batch_until_lifted(monkeypatch):
    monkeypatch.setattr(control_module, "SUSPEND_LIMIT", 30.0)
    trainer = Trainer(experiment(epochs=100_000, mini_batch_size=8), planar_binary())
    control = trainer.control
    thread = threading.Thread(target=trainer.run)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while trainer.iteration < 5 and time.monotonic() < deadline:
            time.sleep(0.005)
        control.suspend()
        time.sleep(0.05)  # the mini-batch under way ends, then the loop waits
        held = trainer.iteration
        time.sleep(0.2)
        assert trainer.iteration == held
        control.unsuspend()
        while trainer.iteration == held and time.monotonic() < deadline:
            time.sleep(0.005)
        assert trainer.iteration > held
    finally:
        control.stop()
        thread.join(10)
    assert not thread.is_alive()
