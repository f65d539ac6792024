"""Stored data made safe for where it is shown: the terminal, spreadsheets, LIKE patterns.

Everything entente stores comes from articles and file names it does not
control (issue 18). Printed as is, a title holding ``[/]`` breaks Rich's markup
(a ``MarkupError`` ends ``entente log``), ``[link=...]`` becomes a terminal
link, and an ESC sequence from an id or a title reaches the terminal raw; a CSV
cell starting with ``=`` is a formula to a spreadsheet; a ``%`` in a search is a
wildcard to ``LIKE``. Each helper here escapes for one of those readers, and
the CLI, the exports and the queries call them where data leaves entente.
"""

from __future__ import annotations

import re
from typing import Any

from rich.table import Table
from rich.text import Text

# C0 controls but newline and tab, DEL and the C1 controls (ESC starts terminal
# sequences; CR and backspace overwrite what was printed; C1 0x9b is a one-byte
# CSI), and Unicode's bidirectional overrides and isolates, which reorder what a
# line shows ("Trojan Source", CVE-2021-42574).
_UNSAFE_FOR_TERMINAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with terminal control characters written out as escapes (ESC as ``\\x1b``).

    Newlines and tabs stay. Rich markup is not touched: print the result with
    ``markup=False``, or use ``terminal_text``.

    >>> terminal_safe("title\\x1b[2J")
    'title\\\\x1b[2J'
    """
    return _UNSAFE_FOR_TERMINAL.sub(_visible, text)


def terminal_text(value: Any, style: str = "") -> Text:
    """A value as a Rich ``Text``: shown literally (no markup) and ``terminal_safe``."""
    return Text(terminal_safe("" if value is None else str(value)), style=style)


class DataTable(Table):
    """A Rich table whose string cells are data, never markup: each is ``terminal_text``.

    Cells that are already renderables (a styled ``Text``) are kept as they are.
    A value too wide for its column is folded onto the next line, never cut with
    an ellipsis: at 80 columns "adversary_of" printed as "adversar…" (issue 19),
    and an id or a source cut short cannot be used.
    """

    def __init__(self, *headers: Any, **options: Any) -> None:
        super().__init__(*headers, **options)
        for column in self.columns:
            column.overflow = "fold"

    def add_row(self, *renderables: Any, **options: Any) -> None:
        cells = [terminal_text(c) if isinstance(c, str) else c for c in renderables]
        super().add_row(*cells, **options)


# A spreadsheet reads a cell that starts with one of these as a formula
# (OWASP, "CSV Injection"): =HYPERLINK(...), @SUM(...), +cmd|..., -2+3, and tab or
# CR before any of them.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a string opening like a formula gets a ``'``.

    Numbers are left alone (``-2`` as a number is a number, not a formula).

    >>> spreadsheet_cell("=HYPERLINK(\\"http://x\\")"), spreadsheet_cell(-2)
    ('\\'=HYPERLINK("http://x")', -2)
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# User text matched against stored text is matched as text: with ``contains`` and
# ``starts_with``, never as a LIKE pattern, so % and _ in it are plain characters
# and there is no escaping to forget. (An ILIKE with an ESCAPE clause, the first
# fix, made DuckDB leave its substring search for the general pattern matcher:
# 178 ms instead of 4 ms over the 1,000,000 sentences of a 100,000-article store.)


def contains_text(column: str) -> str:
    """SQL true where ``column`` holds the next parameter's text, case aside.

    >>> contains_text("e.sentence_text")
    'contains(lower(e.sentence_text), lower(?))'
    """
    return f"contains(lower({column}), lower(?))"


def starts_with_text(column: str) -> str:
    """SQL true where ``column`` starts with the next parameter's text."""
    return f"starts_with({column}, ?)"
