"""Turn the paths a user names (files, folders, globs) into the list of files to read."""

from __future__ import annotations

import glob
from pathlib import Path

from entente.errors import SourceNotFound


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _walk(folder: Path) -> list[Path]:
    """Every file under a folder, sorted, skipping hidden files and folders."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not _is_hidden(p, folder))


def expand_paths(paths: list[str]) -> list[Path]:
    """The files that paths, folders (recursively) and globs name, in order, each once.

    A folder gives its files sorted by path, without hidden files or files in
    hidden folders. A glob is expanded with ``recursive=True`` (so ``**``
    crosses folders); a folder it matches is walked.

    Raises ``SourceNotFound`` for a path or glob that matches nothing.
    """
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_file():
            matches = [path]
        elif path.is_dir():
            matches = _walk(path)
        elif glob.has_magic(name):
            matches = []
            for hit in sorted(glob.glob(name, recursive=True)):
                hit_path = Path(hit)
                matches.extend(_walk(hit_path) if hit_path.is_dir() else [hit_path])
        else:
            matches = []
        if not matches and not path.is_dir():
            raise SourceNotFound(name)
        found.extend(matches)
    # The same file named twice (a folder and a glob inside it) is read once.
    return list(dict.fromkeys(found))
