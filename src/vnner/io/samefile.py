"""Refusing to write over an input: `vnner extract X -o X` must not empty X.

Every command that reads files and writes others (extract, select, report, doccano pull)
checks its outputs against its inputs before it opens anything for writing. Two spellings
of one file (a relative and an absolute path, `./x`, a symbolic or hard link) are one file:
existing files are compared with `os.path.samefile` (device and inode), others by their
resolved path. An output inside a folder given as input, with a suffix read from folders,
would be read back while it is written, so it counts as an input too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from vnner.io.inputs import SUFFIXES, is_local


class SameFileError(ValueError):
    """An output is one of the inputs; the message names both and says what to do."""


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two local paths name one file (or would, once created)."""
    return _same(Path(a), Path(b))


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def _inside(folder: Path, path: Path) -> bool:
    real_folder, real_path = Path(os.path.realpath(folder)), Path(os.path.realpath(path))
    return real_folder in real_path.parents


def check_outputs(outputs: Iterable[str | os.PathLike | None], inputs: Iterable[str | os.PathLike]) -> None:
    """Raise SameFileError when an output is an input, or would be read as one from an input folder.

    Outputs that are None, "-" (standard output) or URLs, and inputs that are "-" or URLs,
    are not local files and are not compared.
    """
    local_inputs = [Path(i) for i in map(str, inputs) if is_local(i)]
    for out in outputs:
        if out is None or not is_local(str(out)):
            continue
        out_path = Path(out)
        folder_output = str(out).endswith("/") or out_path.is_dir()  # a folder of shards
        for spec in local_inputs:
            if _same(spec, out_path):
                raise SameFileError(
                    f"output {out} is the input {spec}: writing it would destroy the input; "
                    "choose another output (nothing was written)"
                )
            if spec.is_dir() and (folder_output or out_path.suffix.lower() in SUFFIXES) and _inside(spec, out_path):
                raise SameFileError(
                    f"output {out} is inside the input folder {spec} and would be read as input while it is "
                    "written: write it somewhere else (nothing was written)"
                )
            if folder_output and _inside(out_path, spec):
                raise SameFileError(
                    f"input {spec} is inside the output folder {out}, whose shards are replaced: "
                    "write them somewhere else (nothing was written)"
                )
