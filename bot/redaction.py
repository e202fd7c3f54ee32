"""Keeps secrets (tokens, API keys, feed passwords) out of every log record, from any library."""

from __future__ import annotations

import logging
import threading
from typing import Any

REDACTED = "<redacted>"
# Very short values ("1", "en") are no secrets, and blanking them would garble every line.
_MIN_SECRET_CHARS = 3


class _Redactor:
    """A log record factory that rewrites each record's message and traceback without secrets.

    A factory, not a filter: filters sit on one logger or handler and miss records from the
    many loggers of the HTTP and chat libraries, and handlers added later (tests' too).
    """

    def __init__(self) -> None:
        self.secrets: tuple[str, ...] = ()
        self._lock = threading.Lock()
        self._base: Any = None

    def add(self, secrets: tuple[str, ...]) -> None:
        with self._lock:
            fresh = {s for s in secrets if len(s) >= _MIN_SECRET_CHARS} - set(self.secrets)
            if fresh:
                # Longest first, so a secret containing another is blanked whole.
                self.secrets = tuple(sorted({*self.secrets, *fresh}, key=len, reverse=True))
            if self._base is None:
                self._base = logging.getLogRecordFactory()
                logging.setLogRecordFactory(self._record)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text

    def _record(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = self._base(*args, **kwargs)
        if not self.secrets:
            return record
        try:
            message = record.getMessage()
        except Exception:  # a malformed log call: logging itself reports it when emitting
            return record
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None:
            # Formatted now, so the handler prints this text instead of the raw traceback.
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        return record


_REDACTOR = _Redactor()


def hide_in_logs(*secrets: str) -> None:
    """From now on, log records show these values as <redacted>."""
    _REDACTOR.add(secrets)
