"""Labelling as a team against a real doccano server: annotators, overlap, per-annotator pull, review.

Two annotators on one project (collaborative annotation off), half the documents given to both;
each corrects their documents, one of them differently on a shared document; the per-annotator
pulls, the team pull, `vnner agreement` and `vnner review` then see exactly that disagreement,
and the reviewer's decision comes back into the merged file.
"""

from __future__ import annotations

import json
import stat
import uuid

import pytest
from doccano_support import (
    GOLD,
    TEXTS,
    Annotator,
    expected_predictions,
    rule_model,
    server_settings,
    unique,
    write_corpus,
)
from typer.testing import CliRunner

from vnner.cli import app
from vnner.labelling.annotations import load
from vnner.labelling.doccano.assign import assign
from vnner.labelling.doccano.client import Settings

pytestmark = pytest.mark.doccano
IDS = ["t1", "t2", "t3", "t4"]


@pytest.fixture(scope="module")
def settings():
    return server_settings()


def invoke(settings, *args: str):
    env = {"DOCCANO_URL": settings.url, "DOCCANO_USERNAME": settings.username, "DOCCANO_PASSWORD": settings.password}
    result = CliRunner().invoke(app, list(args), env=env)
    assert "Traceback" not in result.output, result.output
    return result


def as_user(settings: Settings, secrets, name: str, project: str) -> Annotator:
    password = (secrets / f"{name}.password").read_text().strip()
    return Annotator(Settings(settings.url, name, password), project)


def test_two_annotators_overlap_pull_agreement_and_review(settings, tmp_path):
    project, review_project = unique("team"), unique("review")
    tag = uuid.uuid4().hex[:6]
    ana, binh = f"ana-{tag}", f"binh-{tag}"
    secrets = tmp_path / "secrets"
    common = ("--project", project, "--secrets", str(secrets))

    # Annotators: users with generated passwords on file (owner-only), never printed.
    for name in (ana, binh):
        result = invoke(settings, "doccano", "annotator", "add", name, *common)
        assert result.exit_code == 0, result.output
        password_file = secrets / f"{name}.password"
        assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
        assert password_file.read_text().strip() not in result.output
    again = invoke(settings, "doccano", "annotator", "add", ana, *common)
    assert again.exit_code == 0 and "already there" in again.output and "already a member" in again.output

    # Push: each document to one annotator, half of them to both; pre-annotations in the assignees' own views.
    corpus = write_corpus(tmp_path / "docs.jsonl")
    model = rule_model(tmp_path / "rules")
    result = invoke(
        settings,
        "doccano",
        "push",
        str(corpus),
        *common,
        "--model",
        str(model),
        "--annotators",
        f"{ana},{binh}",
        "--overlap",
        "0.5",
    )
    assert result.exit_code == 0, result.output
    plan = assign(IDS, [ana, binh], 0.5)
    shared = [d for d in IDS if len(plan[d]) == 2]
    assert len(shared) == 2
    people = {name: as_user(settings, secrets, name, project) for name in (ana, binh)}
    for name, person in people.items():
        examples = person.examples()
        assert sorted(examples) == IDS  # everyone sees every document …
        for doc_id, example in examples.items():
            assert example["meta"]["assigned_to"] == ", ".join(plan[doc_id])
            mine = name in plan[doc_id]  # … but only their own carry pre-annotations
            assert person.python_spans(example) == (expected_predictions(doc_id) if mine else set())
    admin = Annotator(settings, project)
    assert all(admin.spans(e) == [] for e in admin.examples().values())  # not collaborative: nobody else's spans

    # Each annotator corrects and confirms their documents; binh leaves one span out of the first shared one.
    disputed_doc = shared[0]
    for name, person in people.items():
        for doc_id, example in person.examples().items():
            if name not in plan[doc_id]:
                continue
            gold = GOLD[doc_id][1:] if (name == binh and doc_id == disputed_doc) else GOLD[doc_id]
            person.correct(example, gold)
            person.confirm(example)

    listed = {
        m["name"]: m
        for m in json.loads(invoke(settings, "doccano", "annotator", "list", "--project", project, "--json").output)
    }
    for name in (ana, binh):
        mine = sum(name in plan[d] for d in IDS)
        assert (
            listed[name]["role"] == "annotator"
            and listed[name]["confirmed"] == mine
            and listed[name]["assigned"] == mine
        )

    # Pull per annotator: exactly their confirmed labels.
    files = {}
    for name in (ana, binh):
        files[name] = tmp_path / f"{name}.jsonl"
        result = invoke(settings, "doccano", "pull", *common, "--annotator", name, "-o", str(files[name]))
        assert result.exit_code == 0, result.output
        records = {r["id"]: r for r in load(files[name])}
        assert sorted(records) == sorted(d for d in IDS if name in plan[d])
        for doc_id, record in records.items():
            gold = GOLD[doc_id][1:] if (name == binh and doc_id == disputed_doc) else GOLD[doc_id]
            assert record["label"] == sorted(gold) and record["meta"]["annotator"] == name

    # Pull without --annotator: every version under its annotator's name, disagreements marked.
    team = tmp_path / "team.jsonl"
    result = invoke(settings, "doccano", "pull", *common, "-o", str(team))
    assert result.exit_code == 0, result.output
    combined = {r["id"]: r for r in load(team)}
    assert sorted(combined) == IDS
    assert [d for d in IDS if combined[d]["meta"].get("disagreement")] == [disputed_doc]
    assert combined[disputed_doc]["meta"]["annotations"][ana] == sorted(GOLD[disputed_doc])
    assert combined[disputed_doc]["label"] == sorted(GOLD[disputed_doc][1:])  # what both drew

    # Agreement on the shared documents: binh has exactly one span fewer.
    result = invoke(settings, "agreement", str(files[ana]), str(files[binh]), "--json")
    figures = json.loads(result.output)
    n = sum(len(GOLD[d]) for d in shared)
    assert figures["documents"] == 2 and figures["micro"] == {
        "a": n,
        "b": n - 1,
        "both": n - 1,
        "f1": round(2 * (n - 1) / (2 * n - 1), 4),
    }

    # Review: agreed documents merged, the disputed one to a review project with both versions visible.
    merged = tmp_path / "merged.jsonl"
    result = invoke(
        settings, "review", str(files[ana]), str(files[binh]), "-o", str(merged), "--push-to", review_project
    )
    assert result.exit_code == 0, result.output
    assert sorted(r["id"] for r in load(merged)) == sorted(d for d in IDS if d != disputed_doc)
    reviewer = Annotator(settings, review_project)
    examples = reviewer.examples()
    assert list(examples) == [disputed_doc]
    example = examples[disputed_doc]
    assert reviewer.python_spans(example) == {tuple(s) for s in GOLD[disputed_doc][1:]}  # the agreed spans
    first = GOLD[disputed_doc][0]
    assert TEXTS[disputed_doc][first[0] : first[1]] in example["meta"][f"version of {ana}"]
    assert example["meta"][f"version of {binh}"] == "(only the agreed spans)"
    reviewer.correct(example, GOLD[disputed_doc])
    reviewer.confirm(example)
    result = invoke(settings, "doccano", "pull", "--project", review_project, "--only-confirmed", "-o", str(merged))
    assert result.exit_code == 0, result.output
    final = {r["id"]: r for r in load(merged)}
    assert sorted(final) == IDS
    assert all(final[d]["label"] == sorted(GOLD[d]) for d in IDS)
