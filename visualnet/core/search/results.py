"""The results file: one JSON line per completed trial, written and flushed as the trial ends.

A crash or Ctrl-C loses nothing that finished: every line on disk is a whole trial. A line cut
short by a crash is skipped when the file is read back, and the next write starts a fresh line.
A search resumes from the file by skipping the trials it already holds.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from visualnet.core.search.trial import TrialRecord

NAME = "results.jsonl"


class ResultsFile:
    """Appends trial records to ``path`` and reads them back."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.skipped = 0
        """Lines of the last ``load`` that were not whole records (cut short by a crash)."""

    def load(self) -> list[TrialRecord]:
        """The records in the file (none if it does not exist yet)."""
        self.skipped = 0
        if not self.path.exists():
            return []
        records = []
        with self.path.open(encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                try:
                    records.append(TrialRecord.from_dict(json.loads(line)))
                except (ValueError, TypeError, KeyError, AttributeError):
                    self.skipped += 1
        return records

    def append(self, record: TrialRecord) -> None:
        """Add one record as one line, flushed to disk before returning."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(record.to_dict(), ensure_ascii=False, allow_nan=False)
        with self.path.open("a+b") as f:
            f.seek(0, os.SEEK_END)
            if f.tell() and not _ends_with_newline(f):
                f.write(b"\n")  # a line cut short by a crash stays a line of its own
            f.write(line.encode("utf-8") + b"\n")
            f.flush()
            os.fsync(f.fileno())


def _ends_with_newline(f) -> bool:
    f.seek(-1, os.SEEK_END)
    last = f.read(1)
    f.seek(0, os.SEEK_END)
    return last == b"\n"
