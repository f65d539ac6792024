"""Bytes to text: binary sniffing and encoding detection for the readers.

Input files come in whatever encoding their writer used. This module decides
whether bytes are text at all (magic numbers, NUL and control bytes) and, if
so, how to decode them, falling back through the usual suspects and only
accepting a decoding that reads as text.
"""

from __future__ import annotations

import codecs
import re

# Bytes at the start of a file that the binary and encoding checks look at.
SNIFF_BYTES = 8192
# Share of control characters above which a file is binary, not text.
BINARY_CONTROL_SHARE = 0.10
# Share of printable characters a decoding must reach to count as text.
TEXT_PRINTABLE_SHARE = 0.97
# In Western European text under 30% of letters are accented; Cyrillic or Greek
# bytes read as Windows-1252 give nearly all accented letters.
LATIN_ACCENTED_SHARE = 0.30
# Share of UTF-16 code units whose high (or low) byte is NUL, above which bytes
# without a BOM are taken for UTF-16: most of a Latin-script text's characters
# are under U+0100.
UTF16_ZERO_SHARE = 0.70

# fmt: off
# (offset, magic bytes, what the file is): the common binary files people drop
# into a folder of articles by mistake.
MAGIC_NUMBERS: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (8, b"WEBP", "WebP image"),
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "ZIP archive or Office document"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Microsoft Office document"),
    (0, b"\x1f\x8b", "gzip archive"),
    (0, b"BZh", "bzip2 archive"),
    (0, b"\xfd7zXZ\x00", "xz archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"\x7fELF", "ELF executable"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"ID3", "MP3 audio"),
    (0, b"OggS", "Ogg media"),
    (4, b"ftyp", "MP4 video"),
    (0, b"wOFF", "WOFF font"),
    (0, b"\x00asm", "WebAssembly module"),
)
# fmt: on

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13, 8, 27} | {127}
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def sniff_binary(head: bytes) -> str | None:
    """What kind of binary file this start of a file is, or None when it may be text.

    A known magic number names the type; NUL bytes or many control characters
    make it "binary file" without a name.
    """
    for offset, magic, label in MAGIC_NUMBERS:
        if head[offset : offset + len(magic)] == magic:
            return label
    if b"\x00" in head:
        return ""
    if head and sum(b in _CONTROL_BYTES for b in head) / len(head) > BINARY_CONTROL_SHARE:
        return ""
    return None


def looks_like_text(text: str) -> bool:
    """Nearly every character is printable or whitespace."""
    sample = text[:SNIFF_BYTES]
    if not sample:
        return True
    printable = sum(c.isprintable() or c in "\n\r\t\f" for c in sample)
    return printable / len(sample) >= TEXT_PRINTABLE_SHARE


def _looks_latin(text: str) -> bool:
    letters = [c for c in text[:SNIFF_BYTES] if c.isalpha()]
    accented = sum(not c.isascii() for c in letters)
    return not letters or accented / len(letters) <= LATIN_ACCENTED_SHARE


def binary_reason(label: str) -> str:
    return f"binary file (looks like {label})" if label else "binary file"


def utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the bytes read as UTF-16 text without a
    byte-order mark (the NUL of every other byte falls on one side), else None.

    Text in a Latin script saved as UTF-16 without a BOM is half NUL bytes, which
    the binary sniff takes for a binary file (issue 18).
    """
    sample = head[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(sample) < 2:
        return None
    pairs = len(sample) // 2
    for encoding, zero_at in (("utf-16-le", 1), ("utf-16-be", 0)):
        zeros = sample[zero_at::2].count(0)
        if zeros / pairs >= UTF16_ZERO_SHARE and not sample[1 - zero_at :: 2].count(0):
            text = sample.decode(encoding, errors="replace")
            if looks_like_text(text):
                return encoding
    return None


def decode_text(data: bytes, declared: str | None = None) -> tuple[str | None, str | None]:
    """Decode a text file's bytes: ``(text, None)``, or ``(None, reason)``.

    Steps: 1. a byte-order mark decides (UTF-8, UTF-16, UTF-32), and UTF-16
    without one is recognised by where its NUL bytes fall; 2. binary
    files are refused; 3. UTF-8; 4. an encoding the file declares (HTML meta
    charset); 5. Windows-1252 when the result reads as Latin-script text;
    6. the best guess of charset_normalizer when it reads as text;
    7. Latin-1 when it reads as text.
    """
    for bom, encoding in BOMS:  # 1.
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), None
    utf16 = utf16_without_bom(data[:SNIFF_BYTES])
    if utf16:
        return data.decode(utf16, errors="replace"), None
    label = sniff_binary(data[:SNIFF_BYTES])  # 2.
    if label is not None:
        return None, binary_reason(label)
    try:  # 3.
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        # A file cut inside its last character is still UTF-8.
        if exc.start >= len(data) - 3:
            return data.decode("utf-8", errors="ignore"), None
    if declared:  # 4.
        try:
            text = data.decode(declared)
            if looks_like_text(text):
                return text, None
        except (LookupError, UnicodeDecodeError):
            pass
    try:  # 5.
        text = data.decode("cp1252")
        if looks_like_text(text) and _looks_latin(text):
            return text, None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # 6.

    best = from_bytes(data[: SNIFF_BYTES * 8]).best()
    if best is not None:
        text = data.decode(best.encoding, errors="replace")
        if looks_like_text(text):
            return text, None
    text = data.decode("latin-1")  # 7.
    if looks_like_text(text):
        return text, None
    return None, "not text in any known encoding (tried UTF-8, Windows-1252, Latin-1)"


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    return match.group(1).decode("ascii", errors="ignore") if match else None


# Characters no article, title or file name may carry into the store: C0 and C1
# controls (NUL and ESC among them) other than the whitespace ones, and the two
# non-characters U+FFFE and U+FFFF. Surrogates are handled on their own below.
_INVALID_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    # U+DC80..U+DCFF is how Python's surrogateescape keeps an undecodable byte
    # (a file name in a foreign encoding): show the byte; any other is U+FFFD.
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def valid_text(text: str) -> str:
    r"""``text`` as valid Unicode that any writer can encode: a surrogate pair
    becomes its character, a lone surrogate U+FFFD (or ``\xNN`` for a byte kept
    by surrogateescape), and control characters other than tab, newlines and
    form feeds are removed.

    Lone surrogates come from JSON (``"\ud800"``, an emoji cut in half) and from
    file names; UTF-8 cannot encode them, so one would fail a whole batch's write.

    >>> valid_text("a\ud83d\ude00b\ud800c\x00d\x1b[31me")
    'a😀b�cd[31me'
    >>> valid_text("caf\udce9.txt")
    'caf\\xe9.txt'
    """
    if _SURROGATES.search(text):
        # Pairs written as two code points (JSON escapes) join into one
        # character; what is left alone is replaced.
        joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        text = _SURROGATES.sub(_escape_surrogate, joined)
    return _INVALID_CHARS.sub("", text)


_HTML_TAG = re.compile(
    r"<(?:!doctype|html|head|body|div|p|article|section|span|br|h[1-6]|ul|li|a|table)\b",
    re.I,
)


def looks_like_html(text: str) -> bool:
    """The text starts with ``<`` and holds HTML tags."""
    stripped = text.lstrip()
    return stripped.startswith("<") and bool(_HTML_TAG.search(stripped[:SNIFF_BYTES]))
