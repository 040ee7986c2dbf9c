"""Build step: the default configs and the bundled model go into the wheel as package data.

The repository keeps them at the top (`configs/`, `models/vnner-default/`); a wheel has no
source tree, so `build_py` copies them to `vnner/_data/`, where `vnner.paths` finds them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA = {
    "configs": HERE / "configs",
    "models/vnner-default": HERE / "models" / "vnner-default",
    "scripts/doccano_server.sh": HERE / "scripts" / "doccano_server.sh",  # `vnner doccano serve`
}


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads them from the checkout
            return
        target = Path(self.build_lib) / "vnner" / "_data"
        for name, source in DATA.items():
            if not source.exists():
                raise SystemExit(f"cannot build vnner: {source} is missing (run the build from a full checkout)")
            dest = target / name
            if source.is_dir():
                shutil.rmtree(dest, ignore_errors=True)
                shutil.copytree(source, dest)
            else:
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest)


setup(cmdclass={"build_py": BuildWithData})
