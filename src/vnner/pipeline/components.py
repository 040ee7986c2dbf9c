"""vnner's spaCy pipeline parts: boilerplate → ner (line by line) → post-rules → facts.

A model written by vnner is a plain spaCy pipeline; these factories are registered through
entry points (pyproject.toml), so `spacy.load(path)` works without `import vnner`:

- `vnner_boilerplate` finds web boilerplate lines (`vnner.pipeline.boilerplate`) → `doc._.boilerplate`.
- `vnner_ner` is spaCy's `ner`, applied to each non-boilerplate line piece of the document
  (`vnner.pipeline.tokenizer.line_pieces`) as its own small Doc, batched across documents: memory stays
  bounded for a document of any length and boilerplate lines are never tagged.
- `vnner_postrules` applies the guideline rules of `vnner.pipeline.postrules` to `doc.ents`.
- `vnner_facts` runs `vnner.facts.enrich` → `span._.norm`, `doc._.officials`, `doc._.warnings`.

The rule settings (configs/boilerplate.json, postrules.json, facts.json) are read at
`nlp.initialize()` (`[initialize.components.NAME] settings`) and saved with the model, so a
model behaves the same wherever it is loaded. Texts must be normalised (`vnner.text.normalize`),
as `vnner extract` does, for offsets to agree with its output.
"""

from __future__ import annotations

import itertools
import json
import logging
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import srsly
from spacy.attrs import LEMMA, ORTH, SPACY, TAG
from spacy.language import Language
from spacy.pipeline.ner import EntityRecognizer
from spacy.tokens import Doc, Span
from spacy.util import registry

from vnner import paths
from vnner.pipeline import postrules
from vnner.pipeline.boilerplate import BoilerplateRules, boilerplate_ranges
from vnner.pipeline.tokenizer import line_pieces, text_of

logger = logging.getLogger(__name__)

MAX_LENGTH = 50_000_000  # characters; see docs/model.md (memory grows linearly, about 0.3 kB a character)

for _name in ("boilerplate", "officials", "warnings"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Span.has_extension("norm"):
    Span.set_extension("norm", default=None)


@registry.misc("vnner.settings.v1")
def settings_file(name: str, path: str | None = None) -> dict:
    """A settings JSON: `path`, or the named file of vnner's default configs (in the checkout or the wheel)."""
    where = Path(path) if path else paths.config_file(name)
    try:
        return json.loads(where.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuntimeError(f"cannot read settings {where}: {exc}; restore the file or give another path") from exc


@registry.callbacks("vnner.max_length.v1")
def max_length_callback(max_length: int = MAX_LENGTH) -> Callable[[Language], Language]:
    """[nlp.after_creation]: allow documents of several MB (the NER works line by line)."""

    def set_max_length(nlp: Language) -> Language:
        nlp.max_length = max_length
        return nlp

    return set_max_length


class SettingsComponent:
    """A rule component whose settings are a JSON dict, read at initialize and saved with the model."""

    settings_name = ""  # the default configs/ file

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.settings: dict | None = None

    def initialize(
        self, get_examples: Callable | None = None, *, nlp: Language | None = None, settings: dict | None = None
    ) -> None:
        self.use(settings if settings is not None else settings_file(self.settings_name))

    def use(self, settings: dict) -> None:
        self.settings = settings

    def _ready(self) -> None:
        if self.settings is None:
            logger.info("%s: not initialised, using configs/%s", self.name, self.settings_name)
            self.initialize()

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps(self.settings).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> SettingsComponent:
        self.use(srsly.json_loads(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self._ready()
        srsly.write_json(path / "settings.json", self.settings)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SettingsComponent:
        where = Path(path) / "settings.json"
        try:
            self.use(srsly.read_json(where))
        except (OSError, ValueError) as exc:
            raise RuntimeError(
                f"cannot read {where}: {exc}; the model folder is incomplete, save or assemble it again"
            ) from exc
        return self


class Boilerplate(SettingsComponent):
    """Marks boilerplate lines (`doc._.boilerplate`: character ranges) so the NER skips them."""

    settings_name = "boilerplate.json"

    def use(self, settings: dict) -> None:
        self.rules = BoilerplateRules.from_settings(settings, f"the {self.name} settings")
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        self._ready()
        doc._.boilerplate = [list(r) for r in boilerplate_ranges(text_of(doc), self.rules)]
        return doc


class PostRules(SettingsComponent):
    """The guideline rules of `vnner.pipeline.postrules` (and its span-edge rules, `vnner.pipeline.spanrules`) on
    the tagger's spans: trimmed, moved, added or dropped. Settings: {"postrules": configs/postrules.json,
    "spanrules": configs/spanrules.json}."""

    settings_name = "postrules.json"

    def initialize(
        self,
        get_examples: Callable | None = None,
        *,
        nlp: Language | None = None,
        settings: dict | None = None,
        span_settings: dict | None = None,
    ) -> None:
        self.use(
            {
                "postrules": settings if settings is not None else settings_file("postrules.json"),
                "spanrules": span_settings if span_settings is not None else settings_file("spanrules.json"),
            }
        )

    def use(self, settings: dict) -> None:
        from vnner.pipeline.spanrules import SpanRules

        try:
            rules, spans = settings["postrules"], settings["spanrules"]
            self.span_rules = SpanRules.from_dict(spans)
        except (KeyError, TypeError, ValueError) as exc:
            raise RuntimeError(
                f"bad {self.name} settings ({exc!r}): expected postrules and spanrules as in configs/"
            ) from exc
        self.rules = postrules.Rules.from_settings(rules, f"the {self.name} settings")
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        self._ready()
        if not doc.ents:
            return doc
        text = text_of(doc)
        found = [
            {"start": e.start_char, "end": e.end_char, "label": e.label_, "text": text[e.start_char : e.end_char]}
            for e in doc.ents
        ]
        blocked = [tuple(r) for r in doc._.boilerplate] if doc._.boilerplate is not None else None
        kept = postrules.apply(text, found, settings=self.rules, spans=self.span_rules, blocked=blocked)
        doc = split_at(doc, [edge for ent in kept for edge in (ent["start"], ent["end"])])
        spans = []
        for ent in kept:
            span = doc.char_span(ent["start"], ent["end"], label=ent["label"])
            if span is None:  # cannot happen after split_at; never lose the entity if it does
                span = doc.char_span(ent["start"], ent["end"], label=ent["label"], alignment_mode="expand")
                _warn(
                    doc,
                    f"{self.name}: {ent['label']} at {ent['start']}-{ent['end']} is not on token bounds; kept as "
                    f"{span.start_char}-{span.end_char}",
                )
            spans.append(span)
        doc.set_ents(spans, default="outside")
        return doc


def split_at(doc: Doc, offsets: Iterable[int]) -> Doc:
    """The document with the tokens that these character offsets fall inside split (a rule may
    end an entity inside a token: "đồng" of "đồng/người"), so every entity edge is a token edge.

    The document itself when nothing needs splitting; otherwise a new Doc built in one pass
    (spaCy's retokenizer moves the whole document once per split, which a document of a few
    MB with a hundred splits pays with the square of its length). Extension values are kept.
    """
    cuts: dict[int, set[int]] = {}
    length = len(text_of(doc))
    for offset in offsets:
        around = doc.char_span(offset, offset + 1, alignment_mode="expand") if 0 < offset < length else None
        if around is not None and len(around):
            token = doc[around.start]
            if token.idx < offset < token.idx + len(token):
                cuts.setdefault(token.i, set()).add(offset - token.idx)
    if not cuts:
        return doc
    segmented = doc.has_annotation("TAG")
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, SPACY, TAG, LEMMA] if segmented else [ORTH, SPACY]).tolist()
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    lemmas: list[str] = []
    for i, row in enumerate(rows):
        text = strings[row[0]]
        edges = [0, *sorted(cuts[i]), len(text)] if i in cuts else [0, len(text)]
        pieces = [text[a:b] for a, b in itertools.pairwise(edges)]
        words += pieces
        spaces += [False] * (len(pieces) - 1) + [bool(row[1])]
        if segmented:
            tags += [strings[row[2]]] * len(pieces)
            lemmas += [strings[row[3]]] * len(pieces)
    new = Doc(doc.vocab, words=words, spaces=spaces, tags=tags or None, lemmas=lemmas or None)
    new.user_data.update(doc.user_data)
    return new


class Facts(SettingsComponent):
    """`span._.norm` for every entity, `doc._.officials`, and `doc._.warnings` for what could not be computed."""

    settings_name = "facts.json"

    def use(self, settings: dict) -> None:
        _use_word_lists(settings)
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        self._ready()
        from vnner.facts import enrich

        warnings = list(doc._.warnings or [])
        ents = list(doc.ents)
        text = text_of(doc)  # entity texts cut from it: Span.text would make a Token object per token
        found = [
            {"start": e.start_char, "end": e.end_char, "label": e.label_, "text": text[e.start_char : e.end_char]}
            for e in ents
        ]
        enriched, officials = enrich(text, found, warnings)
        for span, ent in zip(ents, enriched):
            span._.norm = ent.get("norm")
        doc._.officials = officials
        doc._.warnings = warnings
        return doc


def _warn(doc: Doc, message: str) -> None:
    logger.warning(message)
    doc._.warnings = [*(doc._.warnings or []), message]


def _use_word_lists(settings: dict) -> None:
    """Make `vnner.facts` use these word lists (the ones saved with the model).

    The fact parsers read configs/facts.json through `vnner.facts.config.load()` and cache what
    they build from it, process-wide. When a model carries other lists, they replace the
    default ones and every cache of `vnner.facts` is cleared; the last model loaded wins.
    """
    from vnner.facts import config

    try:
        if config.load() == settings:
            return
    except RuntimeError as exc:  # no default lists (a broken install): the model's are all there is
        logger.warning("%s; using the fact word lists saved with the model", exc)
    logger.info("facts: using the word lists saved with the model (they differ from configs/facts.json)")

    def load(path: str | None = None) -> dict[str, Any]:
        return settings

    config.load = load
    for name, module in list(sys.modules.items()):
        if name.startswith("vnner.facts") and module is not None:
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


class LineNER(EntityRecognizer):
    """spaCy's `ner`, applied to each non-boilerplate line piece of a document as its own Doc.

    Training (`update`) is spaCy's own, on whole documents; prediction goes piece by piece,
    batched across documents, so memory is bounded by the batch and not the document.
    """

    def __call__(self, doc: Doc) -> Doc:
        for _ in self.pipe([doc]):
            pass
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        pending: deque[list] = deque()  # [doc, found spans, pieces in flight, all pieces made]
        owners: deque[tuple[list, int]] = deque()  # (entry, first token) of each piece in flight

        def pieces() -> Iterator[Doc]:
            for doc in docs:
                entry = [doc, [], 0, False]
                pending.append(entry)
                tokens = TokenTable(doc)
                for span in tagged_pieces(doc):
                    entry[2] += 1
                    owners.append((entry, span.start))
                    yield tokens.piece(span.start, span.end)
                entry[3] = True

        def ready() -> Iterator[Doc]:
            while pending and pending[0][3] and pending[0][2] == 0:
                doc, found, _, _ = pending.popleft()
                doc.set_ents([Span(doc, s, e, label=label) for s, e, label in found], default="outside")
                yield doc

        for piece in EntityRecognizer.pipe(self, pieces(), batch_size=batch_size):
            entry, offset = owners.popleft()
            entry[1].extend((offset + e.start, offset + e.end, e.label) for e in piece.ents)
            entry[2] -= 1
            yield from ready()
        yield from ready()


class TokenTable:
    """A document's tokens as arrays, to make each piece's Doc as the tokenizer would.

    Not through Token objects (nor Span.as_doc, which copies the whole document's arrays for
    every piece): spaCy keeps every Token object it hands out alive inside its Doc, and half
    a million of them make the garbage collector's passes, and so the document, slower and slower.
    """

    def __init__(self, doc: Doc):
        self.vocab = doc.vocab
        self.segmented = doc.has_annotation("TAG")
        attrs = [ORTH, SPACY, TAG, LEMMA] if self.segmented else [ORTH, SPACY]
        self.table = doc.to_array(attrs).tolist()

    def piece(self, start: int, end: int) -> Doc:
        strings = self.vocab.strings
        rows = self.table[start:end]
        words = [strings[r[0]] for r in rows]
        spaces = [bool(r[1]) for r in rows]
        if self.segmented:
            return Doc(
                self.vocab,
                words=words,
                spaces=spaces,
                tags=[strings[r[2]] for r in rows],
                lemmas=[strings[r[3]] for r in rows],
            )
        return Doc(self.vocab, words=words, spaces=spaces)


def tagged_pieces(doc: Doc) -> Iterator[Span]:
    """The spans of the document the NER tags: line pieces that are not blank and not boilerplate."""
    text = text_of(doc)
    skip = {start for start, _ in (doc._.boilerplate or [])}
    skip_line = False
    for start, end in line_pieces(text):
        if start == 0 or text[start - 1] == "\n":
            skip_line = start in skip
        if skip_line or not text[start:end].strip():
            continue
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None and len(span):
            yield span


@Language.factory("vnner_boilerplate", assigns=["doc._.boilerplate"])
def make_boilerplate(nlp: Language, name: str) -> Boilerplate:
    return Boilerplate(nlp, name)


@Language.factory(
    "vnner_ner",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    requires=["doc._.boilerplate"],
    default_config={
        "moves": None,
        "update_with_oracle_cut_size": 100,
        "model": {
            "@architectures": "spacy.TransitionBasedParser.v2",
            "state_type": "ner",
            "extra_state_tokens": False,
            "hidden_width": 64,
            "maxout_pieces": 2,
            "use_upper": True,
            "tok2vec": {
                "@architectures": "spacy.HashEmbedCNN.v2",
                "pretrained_vectors": None,
                "width": 96,
                "depth": 4,
                "embed_size": 2000,
                "window_size": 1,
                "maxout_pieces": 3,
                "subword_features": True,
            },
        },
        "incorrect_spans_key": None,
        "scorer": {"@scorers": "spacy.ner_scorer.v1"},
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_line_ner(nlp, name, model, moves, update_with_oracle_cut_size, incorrect_spans_key, scorer) -> LineNER:
    return LineNER(
        nlp.vocab,
        model,
        name,
        moves=moves,
        update_with_oracle_cut_size=update_with_oracle_cut_size,
        multitasks=[],
        incorrect_spans_key=incorrect_spans_key,
        scorer=scorer,
    )


@Language.factory("vnner_postrules", assigns=["doc.ents"], requires=["doc.ents"])
def make_postrules(nlp: Language, name: str) -> PostRules:
    return PostRules(nlp, name)


@Language.factory("vnner_facts", assigns=["span._.norm", "doc._.officials", "doc._.warnings"], requires=["doc.ents"])
def make_facts(nlp: Language, name: str) -> Facts:
    return Facts(nlp, name)
