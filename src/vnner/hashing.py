"""One content hash for the whole project: the SHA-1 of a text's UTF-8 bytes, as hex."""

from __future__ import annotations

import hashlib
import json


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def json_sha1(value: object) -> str:
    """The SHA-1 of a JSON-serialisable value (keys in the order given, non-ASCII kept)."""
    return text_sha1(json.dumps(value, ensure_ascii=False))
