"""Ledger files as bytes: their content hash, their encoding, and a UTF-8 copy when needed."""

from __future__ import annotations

import codecs
import mmap
from pathlib import Path

import xxhash


def content_hash(path: Path) -> str:
    # XXH3-128: identifies the file for idempotency at memory speed; SHA-256 took ~40 % of a
    # 10 M-line run on two cores (bench/footprint.py). Not a signature: nothing is secured by it.
    # The file is hashed through memory-mapped windows: no copy into Python buffers (half the
    # CPU of buffered reads, which compete with the DuckDB scan for the same two cores), and
    # only one window at a time counts in peak memory (a whole-file map counted all of it).
    digest = xxhash.xxh3_128()
    size = path.stat().st_size
    with path.open("rb") as handle:
        for offset in range(0, size, _HASH_WINDOW):
            length = min(_HASH_WINDOW, size - offset)
            with mmap.mmap(
                handle.fileno(), length, offset=offset, access=mmap.ACCESS_READ
            ) as window:
                digest.update(window)
    return digest.hexdigest()


_HASH_WINDOW = 1 << 24  # a multiple of mmap.ALLOCATIONGRANULARITY


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
