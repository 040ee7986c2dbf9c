"""What every command shares: how messages reach the user.

Both consoles print text as it is: no rich markup (a message quoting `[start, end, LABEL]` or a
user's text keeps its brackets), no highlighting, and no wrapping of their own (a summary piped
to a file or a log stays one line; a terminal wraps it where it must). Colour goes through
`style=`, never through markup in the message.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NoReturn

from rich.console import Console
from rich.text import Text

from vnner.plural import plural

__all__ = ["err", "fail", "out", "plural", "print_examples", "warn"]

err = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)
out = Console(highlight=False, markup=False, soft_wrap=True)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error (what went wrong and what to do next) and exit without a traceback."""
    err.print(Text.assemble(("error:", "bold red"), " ", message))
    sys.exit(code)


def warn(message: str) -> None:
    """A warning line on standard error, in yellow on a terminal."""
    err.print(f"warning: {message}", style="yellow")


def print_examples(examples: Sequence[str], total: int, limit: int = 3) -> None:
    """Up to `limit` example lines, then "… and N more" for the rest of `total`."""
    shown = list(examples[:limit])
    for line in shown:
        err.print(f"  {line}")
    if total > len(shown):
        err.print(f"  … and {total - len(shown)} more")
