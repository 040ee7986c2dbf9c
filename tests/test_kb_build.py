"""`vnner kb build` (vnner.kb.build): a real SQLite file, built incrementally and idempotently."""

import json
import sqlite3

import pytest
from kb_support import dump, promoted, record, resolution_spellings, two_provinces, write

from vnner.kb import KbInputError, NotAKnowledgeBase
from vnner.kb.build import build
from vnner.kb.schema import VIEWS


def rows(db, sql, params=()):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


@pytest.fixture
def first(tmp_path):
    return write(tmp_path / "first.jsonl", promoted() + resolution_spellings())


@pytest.fixture
def second(tmp_path):
    return write(tmp_path / "second.jsonl", two_provinces())


def test_building_twice_changes_nothing(tmp_path, first, second):
    db = tmp_path / "kb.db"
    summary = build([first, second], db)
    assert (summary.read, summary.added, summary.replaced, summary.unchanged) == (6, 6, 0, 0)
    before = dump(db)
    assert before["documents"] and before["people"] and before["bodies"] and before["resolutions"]
    file_before = db.read_bytes()
    again = build([first, second], db)
    assert db.read_bytes() == file_before  # not a byte of the file is written
    assert (again.read, again.added, again.replaced, again.unchanged) == (6, 0, 0, 6)
    assert dump(db) == before
    for view in VIEWS:  # every view is valid SQL over the tables
        assert rows(db, f"SELECT COUNT(*) FROM {view}")[0][0] > 0, view
    assert again.totals == summary.totals == {"documents": 6, "people": 3, "bodies": 7, "resolutions": 1}


def test_adding_outputs_adds_only_what_is_new(tmp_path, first, second):
    alone, together = tmp_path / "alone.db", tmp_path / "together.db"
    build([first], alone)
    before = dump(alone)
    summary = build([first, second], alone)
    assert (summary.added, summary.unchanged) == (2, 4)
    after = dump(alone)
    for table, old in before.items():
        assert set(old) <= set(after[table]), table  # nothing of the first build changed
    assert rows(alone, "SELECT id FROM documents ORDER BY id") == [
        ("hanam",),
        ("nghean-2023",),
        ("nghean-2024",),
        ("ninhbinh",),
        ("nq57-full",),
        ("nq57-short",),
    ]
    build([first, second], together)  # the same as building both at once
    assert dump(together) == after


def test_a_changed_text_replaces_the_old_version(tmp_path, first):
    db = tmp_path / "kb.db"
    build([first], db)
    [old_person] = rows(db, "SELECT id FROM people")
    changed = record(
        "nghean-2024",  # the same id, another text: Lê Hồng Vinh is gone, Nguyễn Văn Được is named
        "Ngày 12/6/2024, đồng chí Nguyễn Văn Được, Chủ tịch Ủy ban nhân dân tỉnh Nghệ An, tiếp công dân.",
        [("Nguyễn Văn Được", "OFFICIAL"), ("Ủy ban nhân dân tỉnh Nghệ An", "ORG")],
    )
    summary = build([write(tmp_path / "changed.jsonl", [changed])], db)
    assert (summary.added, summary.replaced) == (0, 1)
    assert rows(db, "SELECT name, documents FROM people ORDER BY name") == [("Lê Hồng Vinh", 1), ("Nguyễn Văn Được", 1)]
    assert rows(db, "SELECT document FROM officials WHERE name = 'Lê Hồng Vinh'") == [("nghean-2023",)]
    assert rows(db, "SELECT person FROM posts WHERE title = 'Chủ tịch'") != [(old_person[0],)]
    assert rows(db, "SELECT documents, mentions FROM bodies WHERE canonical = 'Ủy ban nhân dân tỉnh Nghệ An'") == [
        (2, 2)
    ]
    assert rows(db, "SELECT COUNT(*) FROM documents") == [(4,)]
    build([first], db)  # the first version back: as if it had never changed
    assert dump(db) == dump(build_fresh(tmp_path, first))


def build_fresh(tmp_path, *inputs):
    db = tmp_path / "fresh.db"
    build(list(inputs), db)
    return db


def test_bad_lines_are_reported_and_skipped(tmp_path):
    path = write(
        tmp_path / "out.jsonl",
        [
            promoted()[0],
            "{not json",
            json.dumps({"id": "no-entities", "text": "abc"}),
            json.dumps({"id": "outside", "text": "abc", "entities": [{"start": 1, "end": 9, "label": "ORG"}]}),
            promoted()[1],
        ],
    )
    summary = build([path], tmp_path / "kb.db")
    assert summary.added == 2
    assert [str(p) for p in summary.problems] == [
        f"{path}:2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        f'{path}:3: missing "entities" (a list)',
        f"{path}:4: entity 0 offsets [1, 9] are outside the text (length 3)",
    ]


def test_folders_of_shards(tmp_path):
    shards = tmp_path / "out"
    shards.mkdir()
    write(shards / "part-00000.jsonl", promoted())
    write(shards / "part-00001.jsonl", two_provinces())
    write(shards / "part-00000.errors.jsonl", ["{not a record"])  # extraction's errors file is not read
    summary = build([shards], tmp_path / "kb.db")
    assert (summary.files, summary.added, summary.problems) == (2, 4, [])


def test_the_same_id_twice_in_one_build_keeps_the_later(tmp_path):
    a, b = promoted()
    b = {**b, "id": a["id"]}
    summary = build([write(tmp_path / "out.jsonl", [a, b])], tmp_path / "kb.db")
    assert (summary.added, summary.replaced) == (1, 1)
    assert rows(tmp_path / "kb.db", "SELECT date FROM documents") == [("2024-06-12",)]


def test_dates_and_where_they_came_from(tmp_path):
    dated = record("meta", "Ngày 5/3, họp.", [], meta={"date": "2025-01-02T10:00:00+07:00"})
    header = record("header", "TỈNH ỦY LÀO CAI\nLào Cai, ngày 12 tháng 6 năm 2025\nKẾ HOẠCH", [])
    undated = record("undated", "Tỉnh ủy họp bàn công tác cán bộ.", [])
    build([write(tmp_path / "out.jsonl", [dated, header, undated])], tmp_path / "kb.db")
    assert rows(tmp_path / "kb.db", "SELECT id, date, date_source FROM documents ORDER BY id") == [
        ("header", "2025-06-12", "header"),
        ("meta", "2025-01-02", "meta.date"),
        ("undated", None, None),
    ]


def test_missing_inputs_write_nothing(tmp_path):
    with pytest.raises(KbInputError, match="no such file or folder"):
        build([tmp_path / "nope.jsonl"], tmp_path / "kb.db")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(KbInputError, match=r"no \.jsonl files"):
        build([empty], tmp_path / "kb.db")
    assert not (tmp_path / "kb.db").exists()


def test_a_database_of_something_else_is_refused(tmp_path, first):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    before = other.read_bytes()
    with pytest.raises(NotAKnowledgeBase, match="database of something else"):
        build([first], other)
    assert other.read_bytes() == before
    text = tmp_path / "text.db"
    text.write_text("not a database at all, but long enough to look like a header of one" * 20)
    with pytest.raises(NotAKnowledgeBase, match="not an SQLite database"):
        build([first], text)


def test_real_extraction_output(tmp_path, root):
    from typer.testing import CliRunner

    from vnner.cli import app

    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(root / "samples"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    db = tmp_path / "kb.db"
    summary = build([out], db)
    assert (summary.added, summary.problems) == (2, [])
    assert rows(db, "SELECT id, date, date_source FROM documents ORDER BY id") == [
        ("daklak-nghi-quyet", None, None),  # "Chiều 20/3, …": no year anywhere in the text
        ("quangtri-ket-nap", "2024-01-12", "text, year inferred"),
    ]
    # the sample's "Tỉnh ủy Đắk Lắk" and its bare "Tỉnh ủy" are one body with both spellings
    assert ("Tỉnh ủy",) in rows(db, "SELECT name FROM body_names WHERE body_key = 'tỉnh ủy đắk lắk'")
    assert rows(db, "SELECT key, documents FROM resolutions WHERE key = 'nghị quyết|trung ương 4|xii'") == [
        ("nghị quyết|trung ương 4|xii", 1)
    ]


def test_the_derived_tables_do_not_depend_on_how_keys_are_chunked(tmp_path, first, second, monkeypatch):
    from vnner.kb import derive

    whole = tmp_path / "whole.db"
    build([first, second], whole)
    monkeypatch.setattr(derive, "CHUNK", 2)
    monkeypatch.setattr(derive, "MENTIONS_PER_CHUNK", 1)
    chunked = tmp_path / "chunked.db"
    build([first], chunked, batch_size=1)
    build([first, second], chunked, batch_size=2)
    assert dump(chunked) == dump(whole)


@pytest.mark.parametrize("where", ["reading", "deriving"])
def test_an_interrupted_build_is_finished_by_the_next(tmp_path, first, second, monkeypatch, where):
    from vnner.kb import build as build_module
    from vnner.kb import derive

    db = tmp_path / "kb.db"
    if where == "reading":  # after two batches of two documents are written
        real = build_module.document_rows
        seen = []

        def rows_then_stop(record, source):
            seen.append(record["id"])
            if len(seen) == 5:
                raise KeyboardInterrupt
            return real(record, source)

        monkeypatch.setattr(build_module, "document_rows", rows_then_stop)
    else:  # after people are linked, before bodies are summed
        monkeypatch.setattr(derive, "refresh_bodies", lambda db, done=None: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        build([first, second], db, batch_size=2)
    monkeypatch.undo()
    assert rows(db, "SELECT COUNT(*) FROM documents")[0][0] == (4 if where == "reading" else 6)
    build([first, second], db)
    assert dump(db) == dump(build_fresh(tmp_path, first, second))
    assert all(not rows(db, f"SELECT * FROM {t}") for t in derive.TOUCHED)
