"""Which unlabelled documents to label next: the ones the model is least sure about, kept diverse.

Score (docs/doccano.md, "Choosing documents"): the length-normalised log-probability of the
model's best analysis ("MNLP", Shen et al. 2018, *Deep Active Learning for Named Entity
Recognition*):

    uncertainty(doc) = - (sum over chunks c of log P(best parse of c)) / (number of tokens)

P(best parse) comes from a beam search over spaCy's NER transitions (`EntityRecognizer.
beam_parse`): the beam's final states carry normalised probabilities, and the best parse's
share is the model's confidence in its own answer. Dividing by the token count keeps long
documents from ranking first merely for being long (the plain sequence probability shrinks
with every token). Documents are cut into the pieces the model's own NER tags
(`vnner.pipeline.line_ner.tagged_pieces`, after the model's own boilerplate component), so
boilerplate lines never count.

Diversity: near-duplicate articles (the same report republished by several outlets) would
otherwise fill the top K together. The `pool_factor * K` most uncertain documents are
clustered into K groups (scikit-learn: TF-IDF over syllable uni- and bigrams, k-means), and
the most uncertain document of each group is chosen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language

from vnner.hashing import text_sha1
from vnner.io.inputs import InputRecord
from vnner.pipeline.line_ner import TokenTable, tagged_pieces
from vnner.text import normalize

BEAM_WIDTH = 16
MIN_PROB = 1e-12


@dataclass
class Scored:
    index: int  # position in the input
    score: float  # uncertainty, higher = less sure
    tokens: int


def _pre_ner(nlp: Language, texts: list[str]):
    """Docs as the NER component sees them: tokenised and through every component before it."""
    docs = [nlp.make_doc(t) for t in texts]
    for name, proc in nlp.pipeline:
        if name == "ner":
            break
        docs = [proc(doc) for doc in docs]
    return docs


def best_parse_prob(parses: Iterable[tuple[float, list]]) -> float:
    """The probability of the most likely parse; parses reached by several beam states are summed."""
    totals: dict[tuple, float] = {}
    for prob, parse in parses:
        key = tuple(parse)
        totals[key] = totals.get(key, 0.0) + prob
    return max(totals.values(), default=1.0)


def chunk_uncertainty(nlp: Language, docs: list, beam_width: int = BEAM_WIDTH) -> list[tuple[float, int]]:
    """(-log P(best parse), number of tokens) for each piece Doc (as the NER tags them)."""
    ner = nlp.get_pipe("ner")
    out = []
    beams = ner.beam_parse(docs, beam_width=beam_width) if docs else []
    for doc, beam in zip(docs, beams):
        best = best_parse_prob(ner.moves.get_beam_parses(beam))
        out.append((-math.log(max(best, MIN_PROB)), len(doc)))
    return out


def uncertainty(
    nlp: Language, texts: Iterable[str], batch_size: int = 64, beam_width: int = BEAM_WIDTH
) -> Iterator[tuple[float, int]]:
    """(uncertainty, tokens) for each normalised text, in order; a text with nothing to tag scores 0."""
    texts = iter(texts)
    while True:
        batch = list(islice(texts, batch_size))
        if not batch:
            return
        owners, pieces = [], []
        for i, doc in enumerate(_pre_ner(nlp, batch)):
            table = TokenTable(doc)  # the pieces the model's own NER tags: its boilerplate lines are left out
            for start, end in tagged_pieces(doc):
                owners.append(i)
                pieces.append(table.piece(start, end))
        neg_log = [0.0] * len(batch)
        tokens = [0] * len(batch)
        for owner, (nl, n) in zip(owners, chunk_uncertainty(nlp, pieces, beam_width)):
            neg_log[owner] += nl
            tokens[owner] += n
        for nl, n in zip(neg_log, tokens):
            yield (nl / n if n else 0.0), n


def diverse_top(
    texts: Sequence[str], scores: Sequence[float], k: int, pool_factor: int = 3, seed: int = 0
) -> list[int]:
    """Indices of k documents: the most uncertain of each of k clusters among the top pool_factor*k."""
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    if k <= 0:
        return []
    pool = order[: max(k, pool_factor * k)]
    if len(pool) <= k:
        return pool
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(
        lowercase=True, ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"
    ).fit_transform([texts[i] for i in pool])
    labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(vectors)
    chosen: dict[int, int] = {}
    for i, cluster in zip(pool, labels):  # pool is sorted by score, so the first seen is the best
        chosen.setdefault(int(cluster), i)
    picked = sorted(chosen.values(), key=lambda i: (-scores[i], i))
    if len(picked) < k:  # k-means may leave a cluster empty when documents are identical
        picked += [i for i in pool if i not in chosen.values()][: k - len(picked)]
    return picked


def text_key(text: str) -> str:
    return text_sha1(text)


def select(nlp: Language, texts: Sequence[str], k: int, pool_factor: int = 3, seed: int = 0) -> list[Scored]:
    """The k documents to label next, most uncertain first."""
    scored = [Scored(i, s, n) for i, (s, n) in enumerate(uncertainty(nlp, texts))]
    picked = diverse_top(texts, [s.score for s in scored], k, pool_factor=pool_factor, seed=seed)
    return [scored[i] for i in picked]


class ExcludeError(ValueError):
    """An --exclude file cannot be read at all; the message names it."""


@dataclass
class Exclusions:
    """Documents already labelled or pushed: their ids and the keys of their normalised texts."""

    ids: set[str] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)


def exclusions(records: Iterable[InputRecord]) -> Exclusions:
    """Ids and texts to skip, from records of annotation files or earlier pulls and pushes.

    A record with an error but a text (an id repeated across files) still excludes; a file that
    cannot be read at all raises ExcludeError, since skipping it would offer its documents again.
    """
    out = Exclusions()
    for rec in records:
        if rec.text is not None:
            out.ids.add(str(rec.id))
            out.texts.add(text_key(normalize(rec.text)))
        elif rec.line is None:
            raise ExcludeError(f"{rec.where}: {rec.error}")
    return out


@dataclass
class Candidates:
    """The documents to choose from, in input order, with their normalised texts."""

    records: list[InputRecord] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    problems: list[InputRecord] = field(default_factory=list)  # unreadable records
    skipped: int = 0  # empty, a duplicate of an earlier one, or excluded


def candidates(records: Iterable[InputRecord], exclude: Exclusions | None = None) -> Candidates:
    """Readable, non-empty documents that are not excluded, each text once."""
    exclude = exclude or Exclusions()
    out = Candidates()
    seen: set[str] = set()
    for rec in records:
        if rec.error:
            out.problems.append(rec)
            continue
        text = normalize(rec.text or "")
        key = text_key(text)
        if not text.strip() or str(rec.id) in exclude.ids or key in exclude.texts or key in seen:
            out.skipped += 1
            continue
        seen.add(key)
        out.records.append(rec)
        out.texts.append(text)
    return out


def _flat_meta(meta: dict) -> dict:
    """The input's own fields for the output's meta: labels dropped, a nested "meta" flattened."""
    out = {k: v for k, v in meta.items() if k not in ("label", "entities", "meta")}
    if isinstance(meta.get("meta"), dict):
        out.update(meta["meta"])
    return out


def selection_records(pool: Candidates, chosen: Sequence[Scored]) -> list[dict]:
    """{id, text, meta} records for `vnner doccano push`, most uncertain first; meta keeps the input's
    fields and adds where the document came from, its uncertainty and its rank."""
    out = []
    for rank, s in enumerate(chosen, start=1):
        rec = pool.records[s.index]
        meta = {
            **_flat_meta(rec.meta),
            "selected_from": rec.where,
            "uncertainty": round(s.score, 6),
            "select_rank": rank,
        }
        out.append({"id": rec.id, "text": pool.texts[s.index], "meta": meta})
    return out
