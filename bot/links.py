"""Which source links a reply may carry: only web links, and not absurdly long ones."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_URL_CHARS = 2000
# Whitespace and control characters end or corrupt a link in every chat's markup; quotes and
# angle brackets are escaped by each renderer instead.
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f]")


def linkable(url: str) -> bool:
    """True for an http(s) URL with a host, of sane length and characters."""
    if not url or len(url) > MAX_URL_CHARS or _UNSAFE.search(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
