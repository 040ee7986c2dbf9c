"""What the real-server doccano tests share: the server's settings, a small corpus with its gold
spans, a rule-based "model" that pre-annotates it with known mistakes, and an annotator who
corrects spans through doccano's API the way the annotation screen does.
"""

from __future__ import annotations

import os
import unicodedata
import uuid
from collections import Counter
from pathlib import Path

import pytest
import requests
from urllib3.exceptions import MaxRetryError, NewConnectionError

from vnner.labelling.doccano.client import Api, Settings, connect
from vnner.labelling.doccano.offsets import Converter
from vnner.labelling.doccano.project import find_project, label_names

REQUIRED = ("DOCCANO_URL", "DOCCANO_USERNAME", "DOCCANO_PASSWORD")


def server_settings() -> Settings:
    """The test server's settings; skip when they are not set, but fail in CI (CI=true)."""
    missing = [name for name in REQUIRED if not os.environ.get(name)]
    if missing:
        message = f"{', '.join(missing)} not set: start doccano first (`source scripts/ci_doccano.sh`)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return Settings.resolve()


def refused() -> requests.ConnectionError:
    """The exception requests raises when nothing listens on the port."""
    reason = NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused")
    return requests.ConnectionError(MaxRetryError(None, "/v1/projects", reason))


def unique(name: str) -> str:
    return f"vnner-test-{name}-{uuid.uuid4().hex[:8]}"


def span(text: str, surface: str, label: str) -> list:
    start = text.index(surface)
    return [start, start + len(surface), label]


# The corpus: (id, text as it arrives, gold spans in the NFC text). "t2" arrives in NFD;
# "t3" holds a character outside the BMP before a span.
T1 = "Đồng chí Bùi Hoàng Phan, Bí thư Huyện ủy Thanh Oai, cho biết năm 2015 huyện kết nạp 712 đảng viên mới."
T2 = "Ban Thường vụ Thành ủy đã ban hành Chỉ thị 05 và Nghị quyết Trung ương 4 (khóa XII) cho trên 97% tổ chức đảng."
T3 = "Trường Chính trị Nguyễn Văn Linh 📚 mở 06 lớp cho 179 học viên."
T4 = "Hội nghị có 78/89 đồng chí tham dự."
GOLD = {
    "t1": [
        span(T1, "Bùi Hoàng Phan", "OFFICIAL"),
        span(T1, "Huyện ủy Thanh Oai", "ORG"),
        span(T1, "712 đảng viên", "QUANTITY"),
    ],
    "t2": [
        span(T2, "Ban Thường vụ Thành ủy", "ORG"),
        span(T2, "Chỉ thị 05", "RESOLUTION"),
        span(T2, "Nghị quyết Trung ương 4 (khóa XII)", "RESOLUTION"),
        span(T2, "trên 97%", "QUANTITY"),
    ],
    "t3": [
        span(T3, "Trường Chính trị Nguyễn Văn Linh", "ORG"),
        span(T3, "06 lớp", "QUANTITY"),
        span(T3, "179 học viên", "QUANTITY"),
    ],
    "t4": [span(T4, "78/89 đồng chí", "QUANTITY")],
}
TEXTS = {"t1": T1, "t2": T2, "t3": T3, "t4": T4}
ARRIVING = {**TEXTS, "t2": unicodedata.normalize("NFD", T2)}

# Pre-annotations with one of each mistake an annotator fixes: a spurious span (2015),
# wrong boundaries (Thường vụ Thành ủy, 97%), a wrong label (Chỉ thị 05 as ORG), a person's
# name inside an organisation (Nguyễn Văn Linh), and missed spans (Bùi Hoàng Phan, 06 lớp).
RULES = [
    ("ORG", "Huyện ủy Thanh Oai"),
    ("QUANTITY", "2015"),
    ("QUANTITY", "712 đảng viên"),
    ("ORG", "Thường vụ Thành ủy"),
    ("ORG", "Chỉ thị 05"),
    ("RESOLUTION", "Nghị quyết Trung ương 4 (khóa XII)"),
    ("QUANTITY", "97%"),
    ("OFFICIAL", "Nguyễn Văn Linh"),
    ("QUANTITY", "179 học viên"),
    ("QUANTITY", "78/89 đồng chí"),
]


def expected_predictions(doc_id: str) -> set[tuple[int, int, str]]:
    text = TEXTS[doc_id]
    return {tuple(span(text, surface, label)) for label, surface in RULES if surface in text}


def rule_model(path: Path) -> Path:
    """A spaCy pipeline (vnner's tokenizer + an entity ruler) saved where `--model` can load it."""
    import spacy

    import vnner.pipeline.tokenizer  # noqa: F401

    nlp = spacy.blank(
        "xx", config={"nlp": {"tokenizer": {"@tokenizers": "vnner.VietnameseTokenizer.v1", "segment": True}}}
    )
    nlp.add_pipe("entity_ruler").add_patterns([{"label": label, "pattern": surface} for label, surface in RULES])
    nlp.to_disk(path)
    return path


def write_corpus(path: Path, ids=("t1", "t2", "t3", "t4")) -> Path:
    import json

    path.write_text(
        "".join(json.dumps({"id": i, "text": ARRIVING[i], "source": "test"}, ensure_ascii=False) + "\n" for i in ids),
        encoding="utf-8",
    )
    return path


class Annotator:
    """Changes, adds, deletes and confirms spans with the requests doccano's annotation screen sends."""

    def __init__(self, settings: Settings, project_name: str):
        self.api: Api = connect(settings)
        self.project = find_project(self.api, project_name)
        self.names = label_names(self.project)
        self.types = {name: type_id for type_id, name in self.names.items()}
        self.base = f"projects/{self.project.id}/examples"

    def examples(self) -> dict[str, dict]:
        return {e["meta"]["vnner_id"]: e for e in self.api.pages(self.base)}

    def spans(self, example: dict) -> list[dict]:
        return self.api.get(f"{self.base}/{example['id']}/spans")

    def python_spans(self, example: dict) -> set[tuple[int, int, str]]:
        """The example's spans in Python offsets (the browser's are UTF-16)."""
        conv = Converter(example["text"])
        return {
            (conv.from_utf16(s["start_offset"]), conv.from_utf16(s["end_offset"]), self.names[s["label"]])
            for s in self.spans(example)
        }

    def add(self, example: dict, start: int, end: int, label: str) -> None:
        conv = Converter(example["text"])
        payload = {
            "label": self.types[label],
            "start_offset": conv.to_utf16(start),
            "end_offset": conv.to_utf16(end),
            "prob": 0.0,
        }
        self.api.post(f"{self.base}/{example['id']}/spans", payload)

    def correct(self, example: dict, gold: list) -> Counter:
        """Make the example's spans exactly `gold`: delete, then change, then add. Returns the edits made."""
        conv = Converter(example["text"])
        edits: Counter = Counter()
        want = {(s, e, label) for s, e, label in gold}
        current = [
            (x, (conv.from_utf16(x["start_offset"]), conv.from_utf16(x["end_offset"]), self.names[x["label"]]))
            for x in self.spans(example)
        ]
        present = {key for _, key in current}
        missing = [g for g in sorted(want) if g not in present]
        changes, deletes = [], []
        for raw, key in current:
            if key in want:
                continue
            target = next((g for g in missing if g[0] < key[1] and key[0] < g[1]), None)
            if target is None:
                deletes.append(raw)
            else:
                missing.remove(target)
                changes.append((raw, target))
        for raw in deletes:
            self.api.delete(f"{self.base}/{example['id']}/spans/{raw['id']}")
            edits["delete"] += 1
        for raw, (start, end, label) in changes:
            payload = {
                "label": self.types[label],
                "start_offset": conv.to_utf16(start),
                "end_offset": conv.to_utf16(end),
            }
            self.api.patch(f"{self.base}/{example['id']}/spans/{raw['id']}", payload)
            edits["change"] += 1
        for start, end, label in missing:
            self.add(example, start, end, label)
            edits["add"] += 1
        return edits

    def confirm(self, example: dict) -> None:
        self.api.post(f"{self.base}/{example['id']}/states", {})
