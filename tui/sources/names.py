"""File names as one printable line, wherever they are shown or stored.

A file name is bytes to the system: it may hold an escape sequence, a newline or
bytes that are not UTF-8 (Python keeps those as lone surrogates). Raw, such a
name would drive the terminal, split a one-line error in two, or make a UTF-8
write (the cache, an export) fail. Escaped the way Python writes a string
literal (`\\x1b`, `\\n`, `\\xff`), it stays readable and tells the user which
file it was.
"""

from __future__ import annotations

import os
import re

# C0 and C1 controls, DEL, bidi controls, line/paragraph separators, lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_name(name: str | os.PathLike[str]) -> str:
    """`name` with every character a terminal or a UTF-8 file cannot take written as an escape."""
    return _UNSAFE.sub(_escape, os.fspath(name))


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    if c in _NAMED:
        return _NAMED[c]
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
