"""Score a kept PLV devcheck run on its two halves: tuning and check.

A sentence is in the tuning half when the first byte of the SHA-1 of its id is
even, else in the check half: stable across runs and machines, and blind to the
label. Tune on the first, report both.

usage: python bench/plv_halves.py KEEP_DIR/plv   (KEEP_DIR from ``KEEP=DIR devcheck plv``)
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SCORER = Path(__file__).resolve().parents[1] / ".." / "shared" / "tools" / "score_plv.py"


def half_of(unit_id: str) -> str:
    """The half of a PLV id ("plv-train-4"): "tune" or "check"."""
    return "tune" if hashlib.sha1(unit_id.encode()).digest()[0] % 2 == 0 else "check"


def main(run: Path) -> None:
    gold = json.loads((run / "gold.json").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("tune", "check"):
            part = Path(tmp) / f"{name}.json"
            part.write_text(json.dumps([u for u in gold if half_of(u["id"]) == name]))
            details = run / f"plv.details.{name}.jsonl"
            out = subprocess.run(
                [sys.executable, str(SCORER), "score", str(part)]
                + [str(run / f) for f in ("events.jsonl", "mentions.jsonl", "documents.jsonl")]
                + ["--details", str(details)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            print(f"{name:6s}", out.strip().splitlines()[-1])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
