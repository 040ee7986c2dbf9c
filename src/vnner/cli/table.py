"""Printing score tables (rich): one row per label and system, so a comparison stays narrow."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text


def print_scores(*named: dict | tuple[str, dict], title: str = "scores", console: Console | None = None) -> None:
    """Exact and overlap P/R/F1 per label and micro; several systems as consecutive rows."""
    systems = [n if isinstance(n, tuple) else ("", n) for n in named]
    table = Table(title=title)
    table.add_column("label")
    if any(name for name, _ in systems):
        table.add_column("system")
    for kind in ("exact", "overlap"):
        for m in ("P", "R", "F1"):
            table.add_column(f"{kind} {m}", justify="right")
    table.add_column("support", justify="right")
    rows = {label: ("per_label", label) for label in systems[0][1]["per_label"]}
    rows["ORG+OFFICIAL"] = ("micro_org_official", None)
    rows["micro"] = ("micro", None)
    for label, (key, sub) in rows.items():
        for i, (name, s) in enumerate(systems):
            cell = s[key][sub] if sub else s[key]
            row = [label if i == 0 else ""] + ([name] if any(n for n, _ in systems) else [])
            for kind in ("exact", "overlap"):
                row += [f"{cell[kind]['p']:.3f}", f"{cell[kind]['r']:.3f}", f"{cell[kind]['f']:.3f}"]
            row.append(str(cell["exact"]["support"]))
            table.add_row(*row, end_section=i == len(systems) - 1)
    if console is None:
        console = Console(highlight=False, markup=False)
        console.width = max(console.width, 112)
    console.print(table)


def print_errors(errors: list, console: Console | None = None) -> None:
    """Span errors grouped by label, then kind (missed, spurious, edge, label), each with its context.

    An edge or label error shows the gold span and the predicted one on two lines, each in
    brackets in its context, so both boundaries can be read.
    """
    console = console or Console(highlight=False, markup=False, soft_wrap=True)
    order = ("missed", "spurious", "edge", "label")
    by_label: dict[str, dict[str, list]] = {}
    for e in errors:
        by_label.setdefault(e.label, {}).setdefault(e.kind, []).append(e)
    for label in sorted(by_label):
        kinds = by_label[label]
        console.print(Text(label, style="bold") + ": " + ", ".join(f"{len(kinds.get(k, []))} {k}" for k in order))
        for kind in order:
            for e in kinds.get(kind, []):
                head = f"  {kind:8} {e.doc}: "
                if kind in ("edge", "label"):
                    console.print(f"{head}gold      {_span(e.gold)}  {e.context}")
                    console.print(f"{' ' * len(head)}predicted {_span(e.pred)}  {e.pred_context}")
                else:
                    console.print(f"{head}{e.context}")


def _span(span) -> str:
    start, end, label = span
    return f"{label} {start}-{end}"
