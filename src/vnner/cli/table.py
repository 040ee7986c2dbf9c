"""Printing score tables (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table


def print_scores(*named: dict | tuple[str, dict], title: str = "scores", console: Console | None = None) -> None:
    """One row per label (and micro), exact and overlap P/R/F1; several systems side by side."""
    systems = [n if isinstance(n, tuple) else ("", n) for n in named]
    table = Table(title=title)
    table.add_column("label")
    for name, _ in systems:
        prefix = f"{name} " if name else ""
        for kind in ("exact", "overlap"):
            for m in ("P", "R", "F1"):
                table.add_column(f"{prefix}{kind} {m}", justify="right")
    table.add_column("support", justify="right")
    first = systems[0][1]
    for label in [*first["per_label"], "micro"]:
        row = [label]
        for _, s in systems:
            cell = s["micro"] if label == "micro" else s["per_label"][label]
            for kind in ("exact", "overlap"):
                row += [f"{cell[kind]['p']:.3f}", f"{cell[kind]['r']:.3f}", f"{cell[kind]['f']:.3f}"]
        cell0 = first["micro"] if label == "micro" else first["per_label"][label]
        row.append(str(cell0["exact"]["support"]))
        table.add_row(*row)
    (console or Console()).print(table)
