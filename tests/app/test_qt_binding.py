"""The installed Qt binding survives many signal emissions (PySide6 6.12.0 did not)."""

import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
app = QApplication([])
class Source(QObject):
    number = Signal(int)
    flag = Signal(bool)
    thing = Signal(object)
source, seen = Source(), []
for signal in (source.number, source.flag, source.thing):
    signal.connect(seen.append)
for _ in range(2000):
    source.number.emit(7)
    source.flag.emit(True)
    source.thing.emit(7)
print(len(seen))
"""


def test_signal_arguments_keep_their_references_until_exit():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "6000"
