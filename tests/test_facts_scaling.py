"""enrich's work grows linearly with the document (issue 11): counted in function calls, not seconds.

cProfile counts every Python call and every generator step, so a scan of the entity list per
entity (the old find_issuer, the officials' post search) shows as calls per entity that grow
with the document. benchmarks/facts_scaling.py gives the wall-clock figures.
"""

import cProfile
import itertools
import json
import pstats

from vnner.facts import enrich
from vnner.facts.spans import OrgIndex

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Đình", "Minh", "Quang", "Hữu", "Thanh", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Lâm", "Nam", "Phong", "Quý", "Sơn", "Tâm", "Vinh"]


def paragraph(i: int, name: str, offset: int) -> tuple[str, list[dict]]:
    """One real-looking paragraph with a different official and document number each time."""
    parts = [
        ("Đồng chí ", None),
        (name, "OFFICIAL"),
        (", Ủy viên Ban Thường vụ, Trưởng ", None),
        ("ban Tổ chức Tỉnh ủy", "ORG"),
        (" cho biết, thực hiện ", None),
        (f"Nghị quyết số {i + 1}-NQ/TW", "RESOLUTION"),
        (" của ", None),
        ("Ban Chấp hành Trung ương", "ORG"),
        (", ", None),
        (f"{i + 3}/{i + 5} chi bộ", "QUANTITY"),
        (" đã ban hành ", None),
        (f"Kế hoạch số {i + 7}-KH/HU", "RESOLUTION"),
        (" với ", None),
        (f"hơn {i + 100} đảng viên", "QUANTITY"),
        (". Bí thư ", None),
        ("Huyện ủy Tiên Du", "ORG"),
        (" ", None),
        (name, "OFFICIAL"),
        (" phát biểu.", None),
    ]
    text, entities = "", []
    for piece, label in parts:
        if label:
            entities.append(
                {"start": offset + len(text), "end": offset + len(text) + len(piece), "label": label, "text": piece}
            )
        text += piece
    return text, entities


def document(n: int, root) -> tuple[str, list[dict]]:
    """n paragraphs with distinct officials, then the annotated documents once per 20 paragraphs."""
    names = (" ".join(p) for p in itertools.product(SURNAMES, MIDDLE, GIVEN))
    annotated = [
        json.loads(line) for line in (root / "annotations" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    texts, entities, offset = [], [], 0
    for i, name in zip(range(n), names):
        text, ents = paragraph(i, name, offset)
        if i % 20 == 19:
            record = annotated[(i // 20) % len(annotated)]
            ents += [
                {
                    "start": offset + len(text) + 1 + s,
                    "end": offset + len(text) + 1 + e,
                    "label": label,
                    "text": record["text"][s:e],
                }
                for s, e, label in record["label"]
            ]
            text += "\n" + record["text"]
        texts.append(text)
        entities += ents
        offset += len(text) + 1
    return "\n".join(texts), entities


def calls(text: str, entities: list[dict]) -> int:
    profile = cProfile.Profile()
    profile.runcall(enrich, text, entities, [])
    return pstats.Stats(profile).total_calls


def test_calls_per_entity_do_not_grow_with_the_document(root):
    enrich("Nghị quyết số 1-NQ/TW", [])  # word lists and compiled patterns are loaded once, outside the count
    small = document(40, root)
    large = document(320, root)
    per_small = calls(*small) / len(small[1])
    per_large = calls(*large) / len(large[1])
    assert len(large[1]) > 7 * len(small[1])
    # quadratic work would make this ratio about 8; linear work keeps it near 1
    assert per_large < 1.15 * per_small, (per_small, per_large)


def test_distinct_officials_all_get_their_posts(root):
    text, entities = document(320, root)
    _, officials = enrich(text, entities)
    names = {" ".join(p) for p in itertools.islice(itertools.product(SURNAMES, MIDDLE, GIVEN), 320)}
    generated = [o for o in officials if o["name"] in names]
    assert len(generated) == 320
    assert all("Bí thư" in o["titles"] and "Huyện ủy Tiên Du" in o["orgs"] for o in generated)


def test_org_index_look_ups():
    text = "Bí thư Huyện ủy Tiên Du và Ban Thường vụ Tỉnh ủy"
    orgs = OrgIndex(
        [
            {"start": 7, "end": 23, "label": "ORG"},
            {"start": 27, "end": 48, "label": "ORG"},
            {"start": 0, "end": 6, "label": "OFFICIAL"},
            {"start": 30, "end": 99, "label": "ORG"},  # outside the text: ignored
        ],
        len(text),
    )
    assert orgs.at(7)["end"] == 23 and orgs.at(8) is None
    assert orgs.first_after(7, 30)["start"] == 27
    assert orgs.first_after(0, 6) is None
    assert orgs.ending_at(48, 20)["start"] == 27 and orgs.ending_at(48, 28) is None
    assert orgs.lookups == 6
