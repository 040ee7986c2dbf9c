"""`vnner_ner`: spaCy's NER, applied to each non-boilerplate line piece of a document as its own Doc.

Training (`update`) is spaCy's own, on whole documents; prediction goes piece by piece (lines,
long lines cut at a space: `vnner.pipeline.tokenizer.line_pieces`), batched across documents,
so memory is bounded by the batch and not the document, and boilerplate lines are never tagged.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from spacy.attrs import LEMMA, ORTH, SPACY, TAG
from spacy.language import Language
from spacy.pipeline.ner import EntityRecognizer
from spacy.tokens import Doc, Span
from thinc.api import Model, NumpyOps

from vnner.pipeline.tokenizer import MAX_PIECE, line_pieces, text_of


class LineNER(EntityRecognizer):
    """spaCy's `ner` whose prediction goes line piece by line piece (see the module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        for _ in self.pipe([doc]):
            pass
        return doc

    def _ensure_labels_are_added(self, docs) -> None:
        """spaCy reads every token of every document for entity labels it does not know yet; a piece made
        by `TokenTable` has no entities, so only documents that carry some are read."""
        super()._ensure_labels_are_added([doc for doc in docs if doc.has_annotation("ENT_TYPE")])

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        pending: deque[list] = deque()  # [doc, found spans, pieces in flight, all pieces made]
        owners: deque[tuple[list, int]] = deque()  # (entry, first token) of each piece in flight

        def pieces() -> Iterator[Doc]:
            for doc in docs:
                entry = [doc, [], 0, False]
                pending.append(entry)
                tokens = None
                for start, end in tagged_pieces(doc):
                    entry[2] += 1
                    owners.append((entry, start))
                    if start == 0 and end == len(doc):
                        yield doc  # the whole document is one piece: no copy
                        continue
                    tokens = tokens or TokenTable(doc)
                    yield tokens.piece(start, end)
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
    The `tag_` a component before the NER set (word positions, known bodies) goes along.
    """

    def __init__(self, doc: Doc):
        self.vocab = doc.vocab
        self.tagged = doc.has_annotation("TAG")
        attrs = [ORTH, SPACY, TAG, LEMMA] if self.tagged else [ORTH, SPACY]
        self.table = doc.to_array(attrs).tolist()

    def piece(self, start: int, end: int) -> Doc:
        strings = self.vocab.strings
        rows = self.table[start:end]
        words = [strings[r[0]] for r in rows]
        spaces = [bool(r[1]) for r in rows]
        if self.tagged:
            tags = [strings[r[2]] for r in rows]
            lemmas = [strings[r[3]] for r in rows]
            return Doc(self.vocab, words=words, spaces=spaces, tags=tags, lemmas=lemmas if any(lemmas) else None)
        return Doc(self.vocab, words=words, spaces=spaces)


def tagged_pieces(doc: Doc, max_chars: int = MAX_PIECE) -> Iterator[tuple[int, int]]:
    """Token ranges of the document the NER tags: runs of consecutive lines that are not boilerplate,
    joined up to `max_chars` (a longer line is cut at a space, `line_pieces`). Each piece is one Doc
    for the NER, so fewer, longer pieces cost less per token; white space at a piece's edges is left out."""
    text = text_of(doc)
    skip = {start for start, _ in (doc._.boilerplate or [])}
    skip_line = False
    run: tuple[int, int] | None = None
    for start, end in line_pieces(text, max_chars):
        new_line = start == 0 or text[start - 1] == "\n"
        if new_line:
            skip_line = start in skip
        if skip_line:
            if run is not None:
                yield from _token_range(doc, text, *run)
                run = None
            continue
        if run is not None and new_line and end - run[0] <= max_chars:
            run = (run[0], end)  # the next line joins the piece
        else:
            if run is not None:
                yield from _token_range(doc, text, *run)
            run = (start, end)
    if run is not None:
        yield from _token_range(doc, text, *run)


def _token_range(doc: Doc, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    if not piece.strip():
        return
    # white space around a piece ("\r" before "\n", blank lines, indentation) is no part of what the NER reads
    start, end = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is not None and len(span):
        yield span.start, span.end


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
        "gemm": "blis",
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_line_ner(
    nlp, name, model, moves, update_with_oracle_cut_size, incorrect_spans_key, scorer, gemm: str = "blis"
) -> LineNER:
    use_gemm(model, gemm)
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


GEMMS = ("blis", "numpy")


def use_gemm(model: Model, gemm: str) -> None:
    """Where the network's matrix products run: "blis" (thinc's default) or "numpy" (numpy's BLAS).

    For this network's shapes numpy's OpenBLAS is the faster of the two on one core (docs/model.md,
    "Pipeline, speed and where the time goes"); the weights and the output are the same either way.
    """
    if gemm not in GEMMS:
        raise ValueError(f"vnner_ner: gemm must be one of {', '.join(GEMMS)}, not {gemm!r}; set it in [components.ner]")
    if gemm == "numpy":
        ops = NumpyOps(use_blis=False)
        for node in model.walk():
            node.ops = ops
