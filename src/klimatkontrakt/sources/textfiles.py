"""Reading the text files municipalities really send: BOMs, UTF-16, cp1252, any line ending."""

import codecs
import csv
import io

BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def detect_encoding(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    # UTF-16 without BOM: every other byte of ASCII text is zero.
    head = data[:4000]
    if len(head) > 3 and head[1::2].count(0) > len(head) // 4:
        return "utf-16-le"
    if len(head) > 3 and head[0::2].count(0) > len(head) // 4:
        return "utf-16-be"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode(data: bytes) -> tuple[str, str]:
    """Text with universal newlines (bare CR too) and the encoding it was read with."""
    encoding = detect_encoding(data)
    text = data.decode(encoding, errors="strict")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def sniff_delimiter(text: str, candidates: str = ";,\t") -> str:
    sample = "\n".join(text.split("\n", 20)[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=candidates).delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in candidates}
        return max(counts, key=lambda d: counts[d])


def read_csv_rows(data: bytes) -> list[list[str]]:
    text, _ = decode(data)
    return list(csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text)))
