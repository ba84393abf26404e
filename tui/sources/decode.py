"""Bytes to str for the encodings articles really come in.

A BOM is trusted first, then UTF-8 (strict, or with a few broken bytes). Short Western texts fool statistical
detectors (charset-normalizer calls a cp1252 paragraph cp1257), so cp1252 wins
when its decoding reads as mostly-ASCII Latin text; anything else goes to
charset-normalizer, and what it cannot read is binary.
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def decode_bytes(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise DecodeError(f"not valid {encoding.upper()} despite its byte-order mark") from None
    if b"\x00" in data:
        raise DecodeError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    western = _western(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("binary file (no text encoding fits)")
    return str(best)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a bad paste, a cut file) keeps its good characters.

    Real multi-byte sequences almost never occur by chance in cp1252 text, so a
    file that has them is UTF-8, and its stray bytes become U+FFFD.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    return text if good > 0 and bad <= 4 * good else None


def _western(data: bytes) -> str | None:
    """cp1252 (latin-1 for its five holes) when the result is plausible Latin text."""
    text = data.decode("cp1252", errors="strict") if _cp1252_ok(data) else data.decode("latin-1")
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    high = sum(1 for c in letters if ord(c) > 127)
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if high / len(letters) < 0.3 and controls / len(text) < 0.01:
        return text
    return None


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
