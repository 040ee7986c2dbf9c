"""What every command shares: how errors reach the user."""

from __future__ import annotations

import sys
from typing import NoReturn

from rich.console import Console

err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error (what went wrong and what to do next) and exit without a traceback."""
    err.print(f"[bold red]error:[/] {message}")
    sys.exit(code)
