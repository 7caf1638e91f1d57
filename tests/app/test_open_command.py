"""``visualnet open EXPERIMENT --train --screenshot PNG --quit``: how the README's screenshots
are made, run as a user runs it (a process of its own, settings in a temporary folder)."""

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage


@pytest.fixture
def experiment_file(tmp_path, tiny_experiment):
    path = tmp_path / "tiny.vnet.json"
    tiny_experiment.save(path)
    return path


def visualnet_open(tmp_path, *argv):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    return subprocess.run([sys.executable, "-m", "visualnet", "open", *map(str, argv)],
                          env=env, capture_output=True, text=True, timeout=120)


def test_open_trains_saves_the_screenshot_at_the_size_asked_and_quits(experiment_file,
                                                                      tmp_path):
    png = tmp_path / "shots" / "main.png"
    done = visualnet_open(tmp_path, experiment_file, "--train", "--screenshot", png,
                          "--after", "1.5", "--quit", "--size", 1280, 800)
    assert done.returncode == 0, done.stderr
    assert f"screenshot saved to {png}" in done.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1280, 800)
    assert "Traceback" not in done.stderr


def test_a_screenshot_that_cannot_be_written_exits_1_with_the_reason(experiment_file,
                                                                     tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    png = blocker / "main.png"
    done = visualnet_open(tmp_path, experiment_file, "--screenshot", png, "--after", "0.2",
                          "--quit")
    assert done.returncode == 1
    assert f"visualnet open: error: {png}: could not write the PNG" in done.stderr


def test_a_scripted_run_of_a_bad_file_says_why_and_exits_2_without_a_dialog(tmp_path):
    """With --quit nobody is there to answer the app's error dialog: it must not wait on one."""
    bad = tmp_path / "digits.vnet.json"
    bad.write_text('{"data": {"source": "digits"}}')
    done = visualnet_open(tmp_path, bad, "--train", "--screenshot", tmp_path / "x.png", "--quit")
    assert done.returncode == 2
    assert f"visualnet open: error: {bad}: not a VisualNet experiment" in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_once_the_window_is_up_its_objects_are_out_of_the_garbage_collector_s_sight(tmp_path):
    script = ("import gc, sys\n"
              "from visualnet.app.main import run_app\n"
              "code = run_app(quit=True, after=0.3)\n"
              "print(gc.get_freeze_count(), len(gc.get_objects()))\n"
              "sys.exit(code)\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    frozen, watched = map(int, done.stdout.split())
    # a full collection, which stops training and the window alike, walks only what came later
    assert frozen > 50_000 and watched < frozen / 5
