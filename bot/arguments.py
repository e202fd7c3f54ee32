"""Command-line argument checks: a bad argument gets one line naming it, never a traceback."""

from __future__ import annotations

import argparse
from datetime import date
from typing import NoReturn


class UsageError(ValueError):
    """A bad argument: reported in one line on stderr, exit status 2."""


class OneLineParser(argparse.ArgumentParser):
    """argparse, with a bad argument reported in one line that says where help is."""

    def error(self, message: str) -> NoReturn:
        """Print `message` and exit 2, like argparse, but without the usage block."""
        self.exit(2, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def iso_date(value: str) -> str:
    """A YYYY-MM-DD date argument, checked; argparse names the option and the value."""
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2026-02-01"
        ) from None


def positive(value: str) -> int:
    """A count of at least 1."""
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of passages; use 1 or more")
    return n
