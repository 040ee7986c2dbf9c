"""Assignment of documents to annotators (no server)."""

import pytest

from vnner.labelling.doccano.assign import assign, parse_annotators


def test_each_document_to_one_annotator_and_the_overlap_share_to_two():
    ids = [f"d{i}" for i in range(20)]
    plan = assign(ids, ["ana", "binh", "chi"], overlap=0.2)
    assert list(plan) == ids
    doubles = [d for d in ids if len(plan[d]) == 2]
    assert len(doubles) == 4  # 20 % of 20
    assert all(len(set(v)) == len(v) for v in plan.values())
    load = {name: sum(name in v for v in plan.values()) for name in ("ana", "binh", "chi")}
    assert sum(load.values()) == 24 and max(load.values()) - min(load.values()) <= 2


def test_the_doubled_documents_do_not_depend_on_the_file_order():
    ids = [f"d{i}" for i in range(10)]
    a = {d for d, v in assign(ids, ["x", "y"], 0.3).items() if len(v) == 2}
    b = {d for d, v in assign(list(reversed(ids)), ["x", "y"], 0.3).items() if len(v) == 2}
    assert a == b and len(a) == 3


def test_bad_settings_are_refused():
    with pytest.raises(ValueError, match="two annotators"):
        assign(["a"], ["solo"], 0.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        assign(["a"], ["x", "y"], 1.5)
    with pytest.raises(ValueError, match="twice"):
        parse_annotators("ana,binh,ana")
    assert parse_annotators(" ana , binh,") == ["ana", "binh"]
