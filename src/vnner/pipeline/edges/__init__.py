"""`vnner_edges`: guideline rules on the tagger's spans, on spaCy's own objects.

Each rule is one sentence of the guidelines (or of docs/annotation-decisions.md) that holds by
form, so a rule says it more reliably than a model that learned it from few examples. The rules
run on token indices of a `Context` (the document's tokens as arrays, its lines, and the word
lists found by a `PhraseMatcher` over NORM), in this order, each on the previous one's output:

  span rules, per span:   trim · byline_credit · resolution_edges · quantity_edges · capital_lines ·
                          org_edges · not_a_name
  document rules:         quantity_word_end · name_word_end · ranges_in_words · resolution_lists ·
                          document_short_forms · productive_names · split_org_name · titled_names

Which rules run is a setting of the component (`[components.edges] rules`), so each one's
contribution is measured by leaving it out (`scripts/ablate_rules.py`, docs/model.md): a rule stays
in the default list only when leaving it out lowers the held-out score. `productive_names` (the
registry's productive shapes of names, matched from each ORG) is off by default: measured, it helps
the blind genres and costs the others. The word lists come from the model's settings. Spans never
overlap: a later span that overlaps an earlier one is dropped.
"""

from __future__ import annotations

import difflib

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from vnner.pipeline.components import RuleComponent, warn
from vnner.pipeline.edges import official, org, quantity, resolution, spans
from vnner.pipeline.edges.context import Context, Phrases
from vnner.pipeline.edges.lists import Lists

SPAN_RULES = {
    "trim": spans.trim,
    "byline_credit": spans.byline_credit,
    "resolution_edges": resolution.resolution_edges,
    "quantity_edges": quantity.quantity_edges,
    "capital_lines": org.capital_lines,
    "org_edges": org.org_edges,
    "not_a_name": official.not_a_name,
}
DOCUMENT_RULES = (
    "quantity_word_end",
    "name_word_end",
    "ranges_in_words",
    "resolution_lists",
    "dateline_outlets",
    "credit_outlets",
    "foreign_short_forms",
    "document_short_forms",
    "productive_names",
    "split_org_name",
    "titled_names",
)
RULES = (*SPAN_RULES, *DOCUMENT_RULES)


def check_rules(names: list[str]) -> list[str]:
    """The rule names, or a ValueError naming the nearest known rule for a misspelt one."""
    for name in names:
        if name not in RULES:
            close = difflib.get_close_matches(name, RULES, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known rules: {', '.join(RULES)}"
            raise ValueError(f"[components.edges] rules: unknown rule {name!r}; {hint}")
    return names


class Edges(RuleComponent):
    """The edge rules (see the module docstring) as a pipeline component."""

    needs_registry = True

    def __init__(self, nlp: Language, name: str, rules: list[str]):
        super().__init__(nlp, name)
        self.rules = check_rules(list(rules))
        self.make_doc = nlp.make_doc

    def configure(self, checked, bodies) -> None:
        from vnner.facts.config import Lexicon

        self.lists = Lists.from_settings(checked)
        self.phrases = Phrases(self.vocab, self.make_doc, self.lists.phrases)
        self.patterns = Matcher(self.vocab)  # the registry's productive shapes of names ("Sở X tỉnh Y")
        for pattern in bodies.patterns:
            self.patterns.add(pattern.name, [pattern.pattern], greedy="LONGEST")
        self.lexicon = Lexicon(self.settings, self.registry)  # numbers read the model's own words
        self.forms: dict[int, str] = {}  # analysis forms of the vocabulary's strings, kept across documents

    def __call__(self, doc: Doc) -> Doc:
        from vnner.facts.config import using

        self._ready()
        if not doc.ents and "document_short_forms" not in self.rules and "titled_names" not in self.rules:
            return doc
        if len(self.forms) > 1_000_000:
            self.forms.clear()
        ctx = Context(doc, self.phrases, self.forms)
        with using(self.lexicon):
            found = self.apply(ctx, [(e.start, e.end, e.label_) for e in doc.ents])
        kept: list[Span] = []
        for start, end, label in sorted(found, key=lambda s: (s[0], -s[1])):
            if kept and start < kept[-1].end:
                continue
            kept.append(Span(doc, start, end, label=label))
        try:
            doc.set_ents(kept, default="outside")
        except ValueError as exc:  # never lose the tagger's entities to a rule's mistake
            warn(doc, f"{self.name}: rules gave spans spaCy refused ({exc}); kept the tagger's")
        return doc

    def apply(self, ctx: Context, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        out = []
        for span in sorted(found):
            for name in self.rules:
                rule = SPAN_RULES.get(name)
                if rule is not None and span is not None:
                    span = rule(ctx, span, self.lists)
            if span is not None and span[1] > span[0]:
                out.append(span)
        if "quantity_word_end" in self.rules:
            out = quantity.quantity_word_end(ctx, out, self.lists)
        if "name_word_end" in self.rules:
            out = spans.name_word_end(ctx, out, self.lists)
        if "ranges_in_words" in self.rules:
            out = quantity.ranges_in_words(ctx, out, self.lists)
        if "resolution_lists" in self.rules:
            out = resolution.resolution_lists(ctx, out, self.lists)
        if "dateline_outlets" in self.rules:
            out = org.dateline_outlets(ctx, out)
        if "credit_outlets" in self.rules:
            out = org.credit_outlets(ctx, out, self.lists)
        if "foreign_short_forms" in self.rules:
            defined = list(ctx.doc._.abbreviations or [])
            known = {a["short"] for a in defined}
            defined += [a for a in org.foreign_short_forms(ctx, out) if a["short"] not in known]
            ctx.doc._.abbreviations = defined
        if "document_short_forms" in self.rules:
            short = {a["short"] for a in ctx.doc._.abbreviations or []}
            out = org.document_short_forms(ctx, out, self.lists, short)
        if "productive_names" in self.rules:
            out = org.grow_to_known_names(ctx, out, org.pattern_matches(ctx, out, self.patterns))
        if "split_org_name" in self.rules:
            out = official.split_org_name(ctx, out, self.lists)
        if "titled_names" in self.rules:
            out = official.titled_names(ctx, out, self.lists)
        return out


@Language.factory(
    "vnner_edges",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={"rules": list(RULES)},
)
def make_edges(nlp: Language, name: str, rules: list[str]) -> Edges:
    return Edges(nlp, name, rules)
