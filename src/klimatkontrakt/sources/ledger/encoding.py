"""Ledger files as bytes: their content hash, their encoding, and a UTF-8 copy when needed."""

from __future__ import annotations

import codecs
import mmap
from collections.abc import Iterator
from pathlib import Path

import xxhash


def content_hash(path: Path) -> str:
    # XXH3-128: identifies the file for idempotency at memory speed; SHA-256 took ~40 % of a
    # 10 M-line run on two cores (bench/footprint.py). Not a signature: nothing is secured by it.
    # The file is hashed through memory-mapped windows: no copy into Python buffers (half the
    # CPU of buffered reads, which compete with the DuckDB scan for the same two cores), and
    # only one window at a time counts in peak memory (a whole-file map counted all of it).
    digest = xxhash.xxh3_128()
    for window in _windows(path):
        digest.update(window)
    return digest.hexdigest()


_WINDOW = 1 << 24  # a multiple of mmap.ALLOCATIONGRANULARITY


def _windows(path: Path) -> Iterator[mmap.mmap]:
    """The file as consecutive read-only memory-mapped windows of 16 MiB."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        for offset in range(0, size, _WINDOW):
            length = min(_WINDOW, size - offset)
            with mmap.mmap(
                handle.fileno(), length, offset=offset, access=mmap.ACCESS_READ
            ) as window:
                yield window


def detect_encoding(sample: bytes) -> str:
    """BOM first; then UTF-8 if the sample decodes; otherwise cp1252 (Windows Excel exports)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def transcode(path: Path, encoding: str, target: Path) -> None:
    """Rewrite as UTF-8 with LF line endings (also turns bare CR endings into LF)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending_cr = False
    with path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as out:
        while chunk := src.read(1 << 22):
            text = decoder.decode(chunk)
            if pending_cr:
                text = "\r" + text
            pending_cr = text.endswith("\r")
            if pending_cr:
                text = text[:-1]
            out.write(text.replace("\r\n", "\n").replace("\r", "\n"))
        tail = decoder.decode(b"", final=True) + ("\r" if pending_cr else "")
        out.write(tail.replace("\r\n", "\n").replace("\r", "\n"))


# Encodings DuckDB's CSV reader decodes itself, by the name it knows them by. cp1252 and Latin-1
# differ only in bytes 0x80-0x9F, so a cp1252 file without them is read as Latin-1.
_LATIN_1 = "latin-1"
_UTF_16 = "utf-16"  # DuckDB's is little-endian; a big-endian file is transcoded
_ASCII = bytes(range(0x80))
_NOT_C1 = bytes(range(0xA0, 0x100))


def reader_encoding(path: Path, encoding: str, sample: bytes) -> str | None:
    """The encoding to give DuckDB for reading ``path`` as it is, or ``None`` when the file must
    first be rewritten as UTF-8 by :func:`transcode` (about 2x the whole pipeline's time for a
    cp1252 file; bench/footprint.py): other encodings, big-endian UTF-16, cp1252 or Latin-1
    with a byte 0x80-0x9F, and bare CR line endings (which DuckDB does not split on)."""
    name = codecs.lookup(encoding).name
    text = sample.decode(name, errors="replace")
    if "\r" in text and "\r\n" not in text:
        return None
    if encoding in ("utf-8", "utf-8-sig"):  # as detected; other spellings are transcoded
        return "utf-8"
    if name == "utf-16" and sample.startswith(codecs.BOM_UTF16_LE):
        return _UTF_16
    if name in ("cp1252", "iso8859-1") and not has_c1_bytes(path):
        return _LATIN_1
    return None


def has_c1_bytes(path: Path) -> bool:
    """Whether the file holds a byte 0x80-0x9F (where cp1252 and Latin-1 differ: € – ’ …).

    Deleting the ASCII bytes first leaves only the few non-ASCII ones to look at (~0.14 s for
    a 1 M-line ledger, against ~1.1 s to transcode it)."""
    return any(
        window[:].translate(None, _ASCII).translate(None, _NOT_C1) for window in _windows(path)
    )


def python_encoding(reader: str) -> str:
    """Python's codec for reading the header of a file DuckDB reads with ``reader``."""
    return {"utf-8": "utf-8-sig", _UTF_16: "utf-16", _LATIN_1: "latin-1"}[reader]
