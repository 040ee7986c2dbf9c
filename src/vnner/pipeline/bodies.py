"""`vnner_bodies`: the bodies the registry knows (configs/bodies.json), marked before the NER reads the text.

Names and their spellings are found with a `PhraseMatcher` over NORM (no case, no tone
placement), short forms with one over the exact text ("UBND", "Bộ LĐ-TB&XH"); a local head takes
the place written after it ("Sở Tài chính tỉnh Hà Giang", "UBND TP. Đà Nẵng"). The registry's
productive shapes ("Sở X tỉnh Y", `patterns`) are matched by the edge rules around the ORGs the
tagger found (a `Matcher` over a whole document costs as much as the NER). The longest matches,
without overlaps, go to
`doc.spans["bodies"]` (label "SHORT" where a short form starts the match, else "BODY"): the edge
rules complete an ORG the tagger cut short inside one and add short forms it missed. With
`feature = true` the tokens also get a `tag_` ("B-BODY", "I-BODY", "SHORT") that the NER can read
as a feature (`attrs` of its embedding).
"""

from __future__ import annotations

import numpy
from spacy.attrs import TAG
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from vnner.pipeline.components import RuleComponent

SPANS_KEY = "bodies"
LOCALITY = ("tỉnh", "thành phố", "tp", "huyện", "quận", "thị xã", "tx", "xã", "phường", "thị trấn")


class Bodies(RuleComponent):
    needs_registry = True

    def __init__(self, nlp: Language, name: str, feature: bool):
        super().__init__(nlp, name)
        self.feature = feature
        self.make_doc = nlp.make_doc

    def configure(self, checked, registry) -> None:
        from vnner.facts.config import fold

        self.surnames = frozenset(fold(s) for s in checked.vocabulary.surnames)
        self.names = PhraseMatcher(self.vocab, attr="NORM")
        self.shorts = PhraseMatcher(self.vocab, attr="ORTH")
        self.local: set[str] = set()  # label keys of bodies that take a place after them
        for number, body in enumerate(registry.bodies):
            key = f"body{number}"
            spellings = [body.name, *body.variants]
            self.names.add(key, [self.make_doc(s) for s in spellings])
            if body.short:
                self.shorts.add(key, [self.make_doc(s) for s in body.short])
            if body.level == "local":
                self.local.add(key)
        self.keys = {self.vocab.strings[k] for k in self.local}

    def __call__(self, doc: Doc) -> Doc:
        self._ready()
        found: list[Span] = []
        shorts: list[tuple[int, int]] = []
        for key, start, end in self.names(doc):
            if doc[start].is_lower:
                continue  # "công an", "thanh tra" in lower case are words, not bodies
            found.append(Span(doc, start, self._place(doc, end) if key in self.keys else end, label="BODY"))
        for key, start, end in self.shorts(doc):
            shorts.append((start, end))
            found.append(Span(doc, start, self._place(doc, end) if key in self.keys else end, label="SHORT"))
        doc.spans[SPANS_KEY] = filter_spans(found)
        if self.feature:
            self._tag(doc, doc.spans[SPANS_KEY], shorts)
        return doc

    def _place(self, doc: Doc, end: int) -> int:
        """The end of a place written right after a local head: "[tỉnh] Hà Giang", "TP. Đà Nẵng", "Hưng Yên"."""
        i = end
        if i < len(doc) and doc[i - 1].whitespace_ == " ":
            words = 0
            unit = False
            for level in LOCALITY:
                parts = level.split()
                if [t.norm_ for t in doc[i : i + len(parts)]] == parts:
                    i += len(parts)
                    if level in ("tp", "tx") and i < len(doc) and doc[i].text == "." and not doc[i - 1].whitespace_:
                        i += 1  # "TP. Đà Nẵng", not the full stop after "huyện."
                    unit = True
                    break
            if not unit and i < len(doc) and doc[i].norm_ in self.surnames:
                return end  # "Sở Tài chính Lê Văn Hòa": a name, not a place
            while (
                i < len(doc)
                and doc[i].is_title
                and doc[i].is_alpha
                and (doc[i - 1].whitespace_ or (doc[i - 1].text == "." and doc[i - 2].norm_ in ("tp", "tx")))
            ):
                if words and doc[i].norm_ in self.surnames and i + 2 < len(doc) and doc[i + 1].is_title:
                    break  # "Huyện ủy Thanh Oai Bùi Hoàng Phan": the place ends where a person's name begins
                i += 1
                words += 1
                if words == 4:
                    break
            if words == 0:
                return end
        return i

    @staticmethod
    def _tag(doc: Doc, spans, shorts: list[tuple[int, int]]) -> None:
        """B-BODY / I-BODY / SHORT / O as each token's tag, set in one array (no Token objects)."""
        strings = doc.vocab.strings
        outside, begin, inside, short = (strings.add(t) for t in ("O", "B-BODY", "I-BODY", "SHORT"))
        tags = [outside] * len(doc)
        for span in spans:
            tags[span.start] = begin
            for i in range(span.start + 1, span.end):
                tags[i] = inside
        for start, end in shorts:
            for i in range(start, end):
                tags[i] = short
        if tags:
            doc.from_array([TAG], numpy.asarray(tags, dtype="uint64").reshape(-1, 1))


@Language.factory("vnner_bodies", assigns=["doc.spans"], default_config={"feature": False})
def make_bodies(nlp: Language, name: str, feature: bool) -> Bodies:
    return Bodies(nlp, name, feature)
