"""A trained model as an installable Python package (spaCy's packaging), so a team can
`pip install` its own model and `vnner.load("xx_NAME")` it. The package requires vnner, whose
entry points register the pipeline's parts."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import srsly

from vnner import compatible_range

logger = logging.getLogger(__name__)


class PackagingError(RuntimeError):
    pass


def package_model(model: str | Path, output: str | Path, name: str | None = None, version: str | None = None) -> Path:
    """Build a wheel of the model folder into `output`; returns the wheel's path.

    The package's one name is `xx_NAME` (spaCy prefixes the model's language, `xx`; NAME is
    `name`, else the model's meta name, which `vnner train -o models/NAME` sets): the wheel is
    `xx_NAME-VERSION-py3-none-any.whl`, and `pip`, `vnner.load()`, `--model` and `spacy.load()`
    all take `xx_NAME`. A `name` given with the prefix already is not prefixed twice.
    """
    from spacy.cli.package import package

    model, output = Path(model), Path(output)
    meta_path = model / "meta.json"
    if not (model / "config.cfg").is_file() or not meta_path.is_file():
        raise PackagingError(
            f"{model} is not a model folder (config.cfg and meta.json expected): give the folder `vnner train -o` wrote"
        )
    meta = srsly.read_json(meta_path)
    requirements = [r for r in meta.get("requirements", []) if not r.startswith("vnner")]
    meta["requirements"] = requirements + [compatible_range()]
    if name is not None:
        meta["name"] = name.removeprefix(f"{meta.get('lang', 'xx')}_")
    if version is not None:
        meta["version"] = version
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vnner-package-") as tmp:
        tmp_path = Path(tmp)
        staged_meta = tmp_path / "meta.json"
        srsly.write_json(staged_meta, meta)
        try:
            package(
                model, tmp_path, meta_path=staged_meta, create_sdist=False, create_wheel=False, force=True, silent=True
            )
        except SystemExit as exc:  # spaCy's packaging reports bad names and metas by exiting
            raise PackagingError(
                f"spaCy could not package {model} (exit {exc.code}): check the name (letters, digits, _) and meta.json"
            ) from exc
        (source,) = [p for p in tmp_path.iterdir() if p.is_dir()]
        logger.info("building a wheel of %s", source.name)
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(output), str(source)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise PackagingError(f"building the wheel failed: {done.stderr.strip()[-1500:]}")
        wheels = sorted(output.glob(f"{source.name.rsplit('-', 1)[0]}-*.whl"), key=lambda p: p.stat().st_mtime)
        if not wheels:
            raise PackagingError(f"pip wrote no wheel into {output}: {done.stdout.strip()[-500:]}")
        shutil.rmtree(source, ignore_errors=True)
        return wheels[-1]
