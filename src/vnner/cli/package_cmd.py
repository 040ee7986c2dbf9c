"""`vnner package`: a trained model as a pip-installable package."""

from __future__ import annotations

from pathlib import Path

import typer

from vnner.cli import app
from vnner.cli._common import err, fail


@app.command()
def package(
    model: Path = typer.Argument(..., help="The model folder (what `vnner train -o` wrote)."),
    output: Path = typer.Option(..., "-o", "--output", help="Folder for the wheel."),
    name: str | None = typer.Option(
        None,
        "--name",
        help="Model name (letters, digits, _); the package is xx_NAME. Default: the model's meta name (what "
        "`vnner train -o models/NAME` set).",
    ),
    version: str | None = typer.Option(None, "--version", help="Package version; default: the model's meta version."),
) -> None:
    """Build an installable wheel of a trained model, named xx_NAME: `pip install` it, then `vnner.load("xx_NAME")`
    or `vnner extract --model xx_NAME`.
    """
    from vnner.packaging import PackagingError, package_model

    try:
        wheel = package_model(model, output, name=name, version=version)
    except PackagingError as exc:
        fail(str(exc))
    package_name = wheel.name.split("-")[0]
    err.print(f"package {package_name}: {wheel}", style="green")
    err.print(f'pip install {wheel}, then vnner.load("{package_name}") or --model {package_name}')
