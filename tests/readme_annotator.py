"""The README loop's browser step, done through doccano's API: `python tests/readme_annotator.py PROJECT`.

An annotator corrects the pre-annotations (here: removes the last span of the first document,
as if it were wrong) and marks every document done, with the requests doccano's annotation
screen sends. Prints what it did, for the test's log.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from doccano_support import Annotator, server_settings


def main(project: str) -> None:
    annotator = Annotator(server_settings(), project)
    examples = annotator.examples()
    if not examples:
        raise SystemExit(f"no examples in doccano project {project!r}")
    first = examples[sorted(examples)[0]]
    spans = annotator.spans(first)
    if spans:
        last = max(spans, key=lambda s: s["start_offset"])
        annotator.api.delete(f"{annotator.base}/{first['id']}/spans/{last['id']}")
    for example in examples.values():
        if not example.get("is_confirmed"):
            annotator.confirm(example)
    print(f"annotator: {len(examples)} examples confirmed, {1 if spans else 0} span removed")


if __name__ == "__main__":
    main(sys.argv[1])
