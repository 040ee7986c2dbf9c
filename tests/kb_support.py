"""Extraction lines for the knowledge-base tests: texts with their entities placed by hand, the
facts (norms, officials) computed by vnner's own `enrich`, as `vnner extract` writes them."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from vnner.facts import enrich


def record(doc_id: str, text: str, spans: list[tuple], meta: dict | None = None) -> dict:
    """spans: (surface, label) or (surface, label, nth occurrence)."""
    entities = []
    for span in spans:
        surface, label, nth = (*span, 0) if len(span) == 2 else span
        m = list(re.finditer(re.escape(surface), text))[nth]
        entities.append({"start": m.start(), "end": m.end(), "label": label, "text": surface})
    entities, officials = enrich(text, entities)
    return {
        "id": doc_id,
        "text": text,
        "entities": entities,
        "officials": officials,
        "warnings": [],
        "meta": meta or {},
    }


def write(path: Path, records: list[dict | str]) -> Path:
    """A JSONL file of records (strings are written as they are: bad lines)."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def dump(db_path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted: what "nothing changed" compares."""
    con = sqlite3.connect(db_path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {n: sorted(con.execute(f"SELECT * FROM [{n}]").fetchall(), key=repr) for n in names}
    finally:
        con.close()


# Composed news items (the project's own), one per case of issue 18.
def promoted() -> list[dict]:
    """One person, Phó Chủ tịch in 2023 and Chủ tịch in 2024 of one body, written two ways."""
    return [
        record(
            "nghean-2023",
            "Sáng 5/3/2023, Phó Chủ tịch UBND tỉnh Nghệ An Lê Hồng Vinh kiểm tra công trình thủy lợi.",
            [("UBND tỉnh Nghệ An", "ORG"), ("Lê Hồng Vinh", "OFFICIAL")],
        ),
        record(
            "nghean-2024",
            "Ngày 12/6/2024, đồng chí Lê Hồng Vinh, Chủ tịch Ủy ban nhân dân tỉnh Nghệ An, tiếp công dân định kỳ.",
            [("Lê Hồng Vinh", "OFFICIAL"), ("Ủy ban nhân dân tỉnh Nghệ An", "ORG")],
        ),
    ]


def two_provinces() -> list[dict]:
    """One name, two people: Chủ tịch UBND tỉnh Hà Nam, Phó Chủ tịch UBND tỉnh Ninh Bình."""
    return [
        record(
            "hanam",
            "Sáng 2/4/2024, Chủ tịch UBND tỉnh Hà Nam Trần Văn Hải làm việc với Sở Tài chính.",
            [("UBND tỉnh Hà Nam", "ORG"), ("Trần Văn Hải", "OFFICIAL"), ("Sở Tài chính", "ORG")],
        ),
        record(
            "ninhbinh",
            "Chiều 9/4/2024, Phó Chủ tịch UBND tỉnh Ninh Bình Trần Văn Hải dự hội nghị.",
            [("UBND tỉnh Ninh Bình", "ORG"), ("Trần Văn Hải", "OFFICIAL")],
        ),
    ]


def resolution_spellings() -> list[dict]:
    """One resolution written two ways in two documents."""
    return [
        record(
            "nq57-full",
            "Ngày 3/2/2025, Huyện ủy Ba Tri quán triệt Nghị quyết số 57-NQ/TW của Bộ Chính trị.",
            [("Huyện ủy Ba Tri", "ORG"), ("Nghị quyết số 57-NQ/TW", "RESOLUTION"), ("Bộ Chính trị", "ORG")],
        ),
        record(
            "nq57-short",
            "Ngày 10/3/2025, Đảng ủy xã Tân Xuân học tập Nghị quyết 57 về phát triển khoa học, công nghệ.",
            [("Đảng ủy xã Tân Xuân", "ORG"), ("Nghị quyết 57", "RESOLUTION")],
        ),
    ]
