"""Uploading documents to doccano, optionally with the model's predictions as spans.

Pushing is idempotent. Every example vnner creates carries its document id and the SHA-1 of
its (normalised) text in its meta (`vnner_id`, `vnner_sha1`); before uploading, push reads
what the project holds and skips a document whose id or text is already there. So pushing
the same file twice, or again after a push that failed halfway, adds nothing twice.

Two gaps are closed explicitly:

* the server may create an example and the answer may be lost (time-out, dropped
  connection). Push then searches the project for the document before it tries again;
* an example gets its pre-annotations in separate requests after it is created. Until they
  are all in, its meta carries `vnner_pending: true`; a later push finds such examples and
  adds the spans that are missing, then clears the flag.

Texts are normalised (vnner.text.normalize: NFC, …) and stripped of surrounding white space
(which doccano's API would trim) before upload, so doccano holds exactly the text that every
offset points into. Offsets go up in UTF-16 code units, the way doccano's
browser counts them; for Vietnamese text that is the same as Python's count (offsets.py).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from doccano_client.beta.controllers import ProjectController
from doccano_client.beta.models import Example, Span

from vnner.hashing import text_sha1
from vnner.io.inputs import InputRecord
from vnner.labelling.doccano.assign import META_ASSIGNED, META_ASSIGNED_SHOWN
from vnner.labelling.doccano.client import Api, DoccanoError, Rejected
from vnner.labelling.doccano.offsets import Converter
from vnner.labelling.doccano.project import LabelReport, ensure_labels, ensure_project
from vnner.text import normalize

T = TypeVar("T")

META_ID, META_SHA, META_PENDING = "vnner_id", "vnner_sha1", "vnner_pending"
RESERVED = {"label", "entities", "meta"}

Predictor = Callable[[list[str]], Iterable[list[dict]]]


@dataclass
class PushReport:
    project: str = ""
    project_id: int = 0
    project_created: bool = False
    labels: LabelReport | None = None
    added: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)  # already in doccano, nothing to do
    completed: list[str] = field(default_factory=list)  # interrupted pre-annotation finished now
    pending: list[str] = field(default_factory=list)  # interrupted pre-annotation, left as it is
    conflicts: list[str] = field(default_factory=list)  # same id, different text in doccano
    failed: list[str] = field(default_factory=list)  # input records that could not be read
    spans: Counter = field(default_factory=Counter)  # pre-annotated spans uploaded, per label
    assigned: Counter = field(default_factory=Counter)  # documents added per annotator (team projects)
    warnings: list[str] = field(default_factory=list)


class PushAborted(DoccanoError):
    """The server stopped answering mid-push; `report` says what was done before."""

    def __init__(self, cause: DoccanoError, report: PushReport):
        super().__init__(str(cause), retryable=cause.retryable)
        self.report = report


@dataclass
class Doc:
    id: str
    text: str
    sha1: str
    meta: dict
    example: int | None = None  # set when the example already exists (pending completion)
    assigned: list[str] = field(default_factory=list)  # annotators (team projects; assign.py)

    def doccano_meta(self) -> dict:
        meta = {**self.meta, META_ID: self.id, META_SHA: self.sha1}
        if self.assigned:
            meta[META_ASSIGNED] = list(self.assigned)
            meta[META_ASSIGNED_SHOWN] = ", ".join(self.assigned)
        return meta


class Index:
    """What the project holds, by document id and by text hash."""

    def __init__(self) -> None:
        self.by_id: dict[str, dict] = {}
        self.by_sha: dict[str, dict] = {}

    def add(self, example: dict) -> None:
        meta = example.get("meta") or {}
        sha = text_sha1(example.get("text") or "")
        if meta.get(META_ID) is not None:
            self.by_id.setdefault(str(meta[META_ID]), example)
        self.by_sha.setdefault(sha, example)
        if meta.get(META_SHA):
            self.by_sha.setdefault(meta[META_SHA], example)

    @classmethod
    def load(cls, api: Api, project: ProjectController) -> Index:
        index = cls()
        for example in api.pages(f"projects/{project.id}/examples"):
            index.add(example)
        return index


def _user_meta(meta: dict) -> dict:
    """The input record's meta for doccano: a nested "meta" object merged in, labels left out."""
    out = {k: v for k, v in meta.items() if k not in RESERVED}
    nested = meta.get("meta")
    if isinstance(nested, dict):
        out.update(nested)
    return {k: v for k, v in out.items() if not k.startswith("vnner_")}


def _search_terms(text: str, n: int = 8) -> str:
    """A few plain words of the text: doccano's search (`q`) matches examples containing all of them."""
    return " ".join(re.findall(r"\w+", text)[:n])


def _find(api: Api, project: ProjectController, doc: Doc) -> dict | None:
    """The example holding this document, if the server has one (a targeted search, not a full listing)."""
    for example in api.pages(f"projects/{project.id}/examples", q=_search_terms(doc.text)):
        meta = example.get("meta") or {}
        if str(meta.get(META_ID)) == doc.id and example.get("text") == doc.text:
            return example
    return None


class Pusher:
    def __init__(
        self,
        api: Api,
        project: ProjectController,
        types: dict[str, int],
        report: PushReport,
        sleep: Callable[[float], None] | None = None,
    ):
        self.api, self.project, self.types, self.report = api, project, types, report
        self.sleep = sleep or (lambda seconds: time.sleep(seconds))

    def _retry_ambiguous(self, attempt: Callable[[], int], check: Callable[[], int | None]) -> int:
        """Run a POST; when its answer is lost, look on the server (check) before trying again."""
        tries = self.api.settings.retries + 1
        for n in range(tries):
            try:
                return attempt()
            except DoccanoError as exc:
                if not exc.maybe_done or n == tries - 1:
                    raise
                self.sleep(self.api.settings.backoff * 2**n)
                found = check()
                if found is not None:
                    return found
        raise AssertionError("unreachable")  # pragma: no cover

    def create_example(self, doc: Doc, pending: bool) -> int:
        meta = doc.doccano_meta()
        if pending:
            meta[META_PENDING] = True

        def check() -> int | None:
            found = _find(self.api, self.project, doc)
            return found["id"] if found else None

        return self._retry_ambiguous(lambda: self.project.examples.create(Example(text=doc.text, meta=meta)).id, check)

    def add_spans(
        self, example_id: int, doc: Doc, spans: list[dict], fresh: bool, owners: list[Api] | None = None
    ) -> None:
        """Create the spans the example does not have yet, as each owner (default: the pushing user); then clear its
        pending flag.
        """
        for api in owners if owners is not None else [self.api]:
            self._add_spans_as(api, example_id, doc, spans, fresh)
        self.api.patch(f"projects/{self.project.id}/examples/{example_id}", {"meta": doc.doccano_meta()})

    def _add_spans_as(self, api: Api, example_id: int, doc: Doc, spans: list[dict], fresh: bool) -> None:
        path = f"projects/{self.project.id}/examples/{example_id}/spans"

        def listed() -> set[tuple[int, int, int]]:
            return {(s["start_offset"], s["end_offset"], s["label"]) for s in api.get(path)}

        have = set() if fresh else listed()
        utf16 = Converter(doc.text)  # doccano's browser counts UTF-16 code units (offsets.py)
        for ent in spans:
            if ent["label"] not in self.types:
                self.report.warnings.append(
                    f"{doc.id}: model label {ent['label']!r} is not a vnner label; not uploaded"
                )
                continue
            key = (utf16.to_utf16(ent["start"]), utf16.to_utf16(ent["end"]), self.types[ent["label"]])
            if key in have:
                continue
            span = Span(label=key[2], prob=0.0, start_offset=key[0], end_offset=key[1]).to_dict()

            def post(span: dict = span) -> int:
                return api.post(path, span)["id"]

            def check(key: tuple = key) -> int | None:
                return 0 if key in listed() else None

            try:
                self._retry_ambiguous(post, check)
            except Rejected as exc:  # e.g. it overlaps a span an annotator added meanwhile
                self.report.warnings.append(
                    f"{doc.id}: span {ent['text']!r} [{ent['start']}, {ent['end']}] not uploaded: {exc.detail}"
                )
                continue
            have.add(key)
            self.report.spans[ent["label"]] += 1


def _docs(records: Iterable[InputRecord], report: PushReport) -> Iterator[Doc]:
    for rec in records:
        if rec.error:
            report.failed.append(f"{rec.where}: {rec.error}")
            continue
        # doccano's API trims white space around a text (Django REST framework's CharField);
        # push the text exactly as doccano will store it, so offsets and hashes agree.
        text = normalize(rec.text or "").strip()
        if not text:
            report.failed.append(f"{rec.where}: empty text")
            continue
        yield Doc(id=str(rec.id), text=text, sha1=text_sha1(text), meta=_user_meta(rec.meta))


def _batches(items: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    batch: list[Doc] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def push(
    api: Api,
    records: Iterable[InputRecord],
    project_name: str,
    config: dict,
    predictor: Predictor | None = None,
    batch_size: int = 32,
    log: Callable[[str], None] = lambda _: None,
    sleep: Callable[[float], None] | None = None,
    annotators: Sequence[str] = (),
    overlap: float = 0.0,
    annotator_apis: Mapping[str, Api] | None = None,
) -> PushReport:
    """Upload `records` into the project (created if missing); see the module docstring.

    With `annotators`, the project is a team project (collaborative annotation off): each
    document is assigned (assign.py) and its pre-annotations are uploaded as each assigned
    annotator, through `annotator_apis` (connections logged in as them).
    """
    report = PushReport(project=project_name)
    annotator_apis = dict(annotator_apis or {})
    if annotators:
        config = {**config, "project": {**config.get("project", {}), "collaborative_annotation": False}}
    try:
        project, report.project_created = ensure_project(api, project_name, config)
        report.project_id = project.id
        if annotators:
            from vnner.labelling.doccano.annotators import make_individual

            if make_individual(api, project):
                report.warnings.append(
                    f"project {project_name!r} was collaborative; turned that off so each annotator labels in their "
                    f"own view"
                )
            records = _assigned(_docs(records, report), annotators, overlap, report)
        else:
            records = _docs(records, report)
        if not annotators and not project.project.collaborative_annotation:
            report.warnings.append(
                f"project {project_name!r} is not collaborative: other annotators will not see the pre-annotations "
                f'of {api.settings.username!r}; turn on "Share annotations across all users" in its settings'
            )
        if project.project.grapheme_mode:
            report.warnings.append(
                f"project {project_name!r} has grapheme mode on: the annotation screen will misplace spans "
                "in text with combining characters; turn it off in the project's settings"
            )
        types, report.labels = ensure_labels(project, config, log=log)
        index = Index.load(api, project)
        pusher = Pusher(api, project, types, report, sleep=sleep)
        for batch, more in _with_more(_batches(_todo(records, index, report, predictor is not None), batch_size)):
            predictions = list(predictor([d.text for d in batch])) if predictor else [[] for _ in batch]
            for doc, spans in zip(batch, predictions):
                owners = _owners(doc, annotator_apis, report) if annotators else None
                if doc.example is not None:  # finishing an interrupted pre-annotation
                    pusher.add_spans(doc.example, doc, spans, fresh=False, owners=owners)
                    report.completed.append(doc.id)
                    continue
                example_id = pusher.create_example(doc, pending=bool(spans))
                if spans:
                    pusher.add_spans(example_id, doc, spans, fresh=True, owners=owners)
                report.added.append(doc.id)
                for name in doc.assigned:
                    report.assigned[name] += 1
            if more:  # progress on a long push; the caller prints the summary once at the end
                log(f"{len(report.added)} added, {len(report.present)} already there, more to come")
    except DoccanoError as exc:
        raise PushAborted(exc, report) from None
    return report


def _with_more(items: Iterable[T]) -> Iterator[tuple[T, bool]]:
    """Each item with whether another follows (one item of look-ahead)."""
    it = iter(items)
    try:
        current = next(it)
    except StopIteration:
        return
    for following in it:
        yield current, True
        current = following
    yield current, False


def _assigned(docs: Iterable[Doc], annotators: Sequence[str], overlap: float, report: PushReport) -> list[Doc]:
    from vnner.labelling.doccano.assign import assign

    docs = list(docs)
    plan = assign([d.id for d in docs], annotators, overlap)
    for doc in docs:
        doc.assigned = plan[doc.id]
    return docs


def _owners(doc: Doc, apis: Mapping[str, Api], report: PushReport) -> list[Api]:
    """The connections to upload a document's pre-annotations with: one per assigned annotator we can log in as."""
    owners = []
    for name in doc.assigned:
        if name in apis:
            owners.append(apis[name])
        else:
            report.warnings.append(
                f"{doc.id}: no pre-annotations for {name!r} (cannot log in as them: password not on file)"
            )
    return owners


def _todo(docs: Iterable[Doc], index: Index, report: PushReport, pre_annotate: bool) -> Iterator[Doc]:
    """The documents that need work: new ones, and pending ones when pre-annotating."""
    for doc in docs:
        same_id = index.by_id.get(doc.id)
        same_text = index.by_sha.get(doc.sha1)
        if same_id is not None and text_sha1(same_id.get("text") or "") != doc.sha1:
            report.conflicts.append(
                f"{doc.id}: doccano example {same_id['id']} has this id with a different text; not uploaded "
                "(give the new version another id)"
            )
            continue
        existing = same_id or same_text
        if existing is None:
            index.add(
                {"id": None, "text": doc.text, "meta": {META_ID: doc.id, META_SHA: doc.sha1}}
            )  # no twin in this run
            yield doc
            continue
        if (existing.get("meta") or {}).get(META_PENDING) and existing.get("id") is not None:
            if pre_annotate:
                doc.example = existing["id"]
                doc.assigned = list((existing.get("meta") or {}).get(META_ASSIGNED) or doc.assigned)
                yield doc
            else:
                report.pending.append(doc.id)
            continue
        report.present.append(doc.id)
