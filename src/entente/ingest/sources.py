"""Turn the paths a user names (files, folders, globs) into the list of files to read.

A folder is walked here, not by ``glob`` or ``rglob``, so that the walk is
safe on any folder a user points it at (issue 18): a symlink is followed only
when it stays inside the folder (or glob base) it was found in, and each real
folder is entered once, so a symlink loop ends; FIFOs, sockets and devices are
not opened (reading a FIFO blocks for ever); a folder that cannot be listed is
skipped. Each such path is a ``Rejection`` with its reason, for the ingest log.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from entente.errors import SourceNotFound
from entente.records import IngestStatus, Rejection

# fmt: off
# What a path that is neither a regular file nor a folder is, by its mode.
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
)
# fmt: on


@dataclass(slots=True)
class Sources:
    """The files to read, in order, and the paths passed over with their reasons."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Rejection] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # paths and globs that named nothing


def _special_kind(mode: int) -> str:
    return next((kind for test, kind in _SPECIAL_FILES if test(mode)), "not a regular file")


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


class _Walk:
    """One walk of a folder a user named (or a glob's base): the real folders it
    entered, each once, so that a symlink loop ends."""

    def __init__(self, sources: Sources, root: Path) -> None:
        self.sources = sources
        self.root = root.resolve()
        self.entered: set[Path] = set()

    def skip(self, path: Path, reason: str, status: IngestStatus = "skipped") -> None:
        self.sources.skipped.append(Rejection(str(path), status, reason))

    def folder(
        self, folder: Path, descend: Callable[[Path], bool] | None = None
    ) -> list[tuple[Path, bool]]:
        """``(path, is_folder)`` for everything under ``folder`` that may be read, sorted,
        without hidden names; subfolders only where ``descend`` says (all by default)."""
        real = folder.resolve()
        if real in self.entered:
            self.skip(folder, f"folder {real} is read once, and was already (a symlink loop?)")
            return []
        self.entered.add(real)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            self.skip(folder, f"cannot read folder: {exc.strerror or exc}", "error")
            return []
        found: list[tuple[Path, bool]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            kind = self.entry_kind(path, entry.is_symlink())
            if kind == "folder":
                found.append((path, True))
                if descend is None or descend(path):
                    found.extend(self.folder(path, descend))
            elif kind == "file":
                found.append((path, False))
        return found

    def entry_kind(self, path: Path, is_link: bool) -> str | None:
        """``file``, ``folder``, or None (skipped, with its reason recorded)."""
        root = self.root
        if is_link:
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError) as exc:  # RuntimeError: a loop, before 3.13
                problem = "a symlink loop" if "loop" in str(exc).lower() else "a broken symlink"
                self.skip(path, f"{problem}: {os.readlink(path)!r} cannot be followed")
                return None
            if not _within(target, root):
                self.skip(path, f"symlink to {target}, outside {root}: not followed")
                return None
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            self.skip(path, f"cannot read file: {exc.strerror or exc}", "error")
            return None
        if stat.S_ISDIR(mode):
            return "folder"
        if stat.S_ISREG(mode):
            return "file"
        self.skip(path, f"{_special_kind(mode)}, not a regular file: not read")
        return None


def _glob_base(pattern: str) -> tuple[Path, list[str]]:
    """The folder a glob starts from (its parts before the first wildcard) and the rest."""
    parts = Path(pattern).parts
    for index, part in enumerate(parts):
        if glob.has_magic(part):
            return Path(*parts[:index]) if index else Path("."), list(parts[index:])
    return Path(pattern), []


def _may_lead_to_match(parts: tuple[str, ...], pattern: list[str]) -> bool:
    """A folder at this relative path may hold a match, or is one."""
    if not parts:
        return True
    if not pattern:
        return False
    if pattern[0] == "**":
        return True
    return fnmatch.fnmatchcase(parts[0], pattern[0]) and _may_lead_to_match(parts[1:], pattern[1:])


def _matches(parts: tuple[str, ...], pattern: list[str]) -> bool:
    """A relative path matches glob parts; ``**`` stands for any number of folders."""
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        return any(_matches(parts[i:], rest) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], head) and _matches(parts[1:], rest)


def _glob_files(walk: _Walk, base: Path, pattern: list[str], name: str) -> list[Path]:
    """The files under ``base`` a glob matches, and all files of folders it matches."""

    def in_match(parts: tuple[str, ...]) -> bool:
        return any(_matches(parts[:i], pattern) for i in range(1, len(parts) + 1))

    def descend(folder: Path) -> bool:
        parts = folder.relative_to(base).parts
        return _may_lead_to_match(parts, pattern) or in_match(parts)

    before = len(walk.sources.skipped)
    matched = [
        hit
        for hit, is_folder in walk.folder(base, descend)
        if not is_folder and in_match(hit.relative_to(base).parts)
    ]
    # Only what the glob could name is reported: a FIFO or a symlink beside the
    # matches (``*.txt`` in a folder holding a ``data`` link) is not the user's.
    skipped = walk.sources.skipped
    skipped[before:] = [r for r in skipped[before:] if descend(Path(r.source))]
    if not matched:
        raise SourceNotFound(name)
    return matched


def find_sources(paths: list[str]) -> Sources:
    """The files that paths, folders (recursively) and globs name, in order, each once,
    and the paths passed over (special files, symlinks out, unreadable folders).

    A folder gives its files sorted by path, without hidden files or files in
    hidden folders. A glob (``**`` crosses folders) is matched against one walk
    of the folder before its first wildcard; a folder it matches gives all its
    files. A path named directly is read even through a symlink: the user named it.

    A path or glob that matches nothing, among others that do, is listed in
    ``missing`` and passed over with its reason (issue 19: one mistyped path
    no longer stops the run; the caller says so at the end). Raises
    ``SourceNotFound`` when every path and glob named matches nothing.
    """
    sources = Sources()
    found: list[Path] = []
    for name in paths:
        try:
            found.extend(_named_files(sources, name))
        except SourceNotFound as exc:
            sources.missing.append(name)
            sources.skipped.append(Rejection(name, "error", str(exc)))
    if sources.missing and len(sources.missing) == len(paths):
        raise SourceNotFound(sources.missing[0])
    # The same file named twice (a folder and a glob inside it, or a symlink
    # beside its target) is read once.
    seen: set[Path] = set()
    for path in found:
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            sources.files.append(path)
    return sources


def _named_files(sources: Sources, name: str) -> list[Path]:
    """The files one path, folder or glob names. Raises ``SourceNotFound``."""
    path = Path(name)
    if path.is_dir():
        walk = _Walk(sources, path)
        return [p for p, is_folder in walk.folder(path) if not is_folder]
    if path.exists():
        return [path] if _Walk(sources, path).entry_kind(path, False) == "file" else []
    base, pattern = _glob_base(name)
    if not pattern or not base.is_dir():
        raise SourceNotFound(name)
    return _glob_files(_Walk(sources, base), base, pattern, name)


def expand_paths(paths: list[str]) -> list[Path]:
    """The files of ``find_sources``, without the paths it passed over."""
    return find_sources(paths).files
