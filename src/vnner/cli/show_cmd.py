"""`vnner show`: one extracted document as an HTML page with its entities highlighted."""

from __future__ import annotations

from pathlib import Path

import typer

from vnner.cli import app
from vnner.cli._common import err, fail


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="The document's id, as in the output's \"id\" field."),
    extracted: Path = typer.Argument(..., help="Output of `vnner extract` (JSONL)."),
    output: Path = typer.Option(..., "-o", "--output", help="HTML file to write."),
) -> None:
    """Render one document with its organisations, officials, resolutions and quantities highlighted (spaCy displaCy).

    Label colours come from configs/display.json. Exit status: 0, or 2 when the id is not in the file.
    """
    from vnner.io.samefile import SameFileError, check_outputs
    from vnner.views.report import ReportInputError
    from vnner.views.show import DocumentNotFound
    from vnner.views.show import show as render_page

    try:
        check_outputs([output], [extracted])
    except SameFileError as exc:
        fail(str(exc))
    try:
        path = render_page(doc_id, extracted, output)
    except (DocumentNotFound, ReportInputError, OSError, RuntimeError) as exc:
        fail(str(exc).strip("'\""))
    err.print(f"{doc_id} → {path}", markup=False, highlight=False)
