"""Progress counts against the inputs a run holds, and a run ends by saying what
the store holds and what to try next."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from types import SimpleNamespace

from click.testing import CliRunner

from entente.cli import main
from entente.cli.ingest import _done, _time_left
from entente.scale.references import expected_articles


def _csv(rows: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["title", "text"])
    for i in range(rows):
        # Paragraphs inside a quoted field: a row is not a line.
        writer.writerow([f"Title {i}", f"First paragraph {i}.\n\nSecond paragraph.\n"])
    return out.getvalue()


def test_the_articles_of_a_zipped_csv_are_counted_beforehand(tmp_path: Path) -> None:
    archive = tmp_path / "news.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("a.csv", _csv(7))
        zipped.writestr("b.jsonl", "\n".join(json.dumps({"text": "t"}) for _ in range(4)) + "\n")
        zipped.writestr("c.txt", "One article.")
    plain = tmp_path / "more.csv"
    plain.write_text(_csv(5), encoding="utf-8")
    from entente.ingest.readers import ReaderOptions

    assert expected_articles([str(archive), str(plain)], ReaderOptions(), "run") == 7 + 4 + 1 + 5


def test_time_left_follows_the_inputs_done_not_those_read_ahead() -> None:
    summary = SimpleNamespace(read=80, stored=18, duplicates=1, skipped=1, errors=0, elapsed_s=10.0)
    assert _done(summary) == 20
    assert _time_left(summary, 100) == "  about 0m40s left"
    assert _time_left(summary, 20) == ""


def test_ingest_ends_with_the_stores_counts_and_three_commands(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ministers Meet\n\n"
        + "Russia and Iran signed a defence agreement in Tehran on Monday, officials said. " * 5,
        encoding="utf-8",
    )
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "The store holds 1 documents" in result.output
    lines = result.output.splitlines()
    after = lines[lines.index("Next, try:") + 1 :]
    assert [line.split()[:2] for line in after[:3]] == [
        ["entente", "map"],
        ["entente", after[1].split()[1]],
        ["entente", "serve"],
    ]
    assert all(f"--db {db}" in line for line in after[:3])
