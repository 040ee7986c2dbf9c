"""What every command shares: how errors reach the user."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NoReturn

from rich.console import Console

err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error (what went wrong and what to do next) and exit without a traceback."""
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)  # long paths stay whole, for copying
    sys.exit(code)


def print_examples(examples: Sequence[str], total: int, limit: int = 3) -> None:
    """Up to `limit` example lines, then "… and N more" for the rest of `total`."""
    shown = list(examples[:limit])
    for line in shown:
        err.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)
    if total > len(shown):
        err.print(f"  … and {total - len(shown)} more", markup=False, highlight=False)
