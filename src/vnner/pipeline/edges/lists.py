"""The word lists of the edge rules, built once from a model's checked settings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vnner.facts.config import fold
from vnner.settings import Settings


def _fold_all(words) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


@dataclass(frozen=True)
class Lists:
    """Sets of NORM strings (single words) and phrase lists (for the PhraseMatcher) the rules read."""

    surnames: frozenset[str]
    quantity_stop_words: frozenset[str]
    units_standing_alone: frozenset[str]
    org_trailing_stop_words: frozenset[str]
    party_heads: frozenset[str]
    money_scales: frozenset[str]
    duration_units: frozenset[str]
    approximator_words: frozenset[str]
    number_words: frozenset[str]
    locality_words: frozenset[str]
    eponyms: frozenset[str]
    scheme_short_forms: frozenset[str]
    plural_org: re.Pattern
    credit_prefix: re.Pattern
    byline_max_words: int
    phrases: dict[str, list[str]]

    @classmethod
    def from_settings(cls, s: Settings) -> Lists:
        v, e = s.vocabulary, s.edges
        numbers = v.number_words
        number_words = {*numbers.digits, *numbers.after_tens, *numbers.ten, *numbers.tens, *numbers.hundred}
        number_words |= {*numbers.scales, "rưỡi", "nửa"}
        approximators = {w for phrase in v.approximators for w in phrase.split()}
        return cls(
            surnames=_fold_all(v.surnames),
            quantity_stop_words=_fold_all(e.quantity_stop_words),
            units_standing_alone=_fold_all(e.units_standing_alone),
            org_trailing_stop_words=_fold_all(e.org_trailing_stop_words),
            party_heads=_fold_all(e.party_heads),
            money_scales=_fold_all(numbers.scales),
            duration_units=_fold_all(v.duration_units),
            approximator_words=_fold_all(approximators),
            number_words=_fold_all(number_words),
            locality_words=_fold_all(w for phrase in v.locality_words for w in phrase.split()),
            eponyms=_fold_all(v.eponyms),
            scheme_short_forms=frozenset(e.scheme_short_forms),
            plural_org=re.compile(e.plural_org_pattern, re.I),
            credit_prefix=re.compile(s.boilerplate.credit_prefix, re.I),
            byline_max_words=s.boilerplate.byline_max_words,
            phrases={
                "title": [*v.titles, *v.honorifics, *e.address_words],
                "address": list(e.address_words),
                "resolution_type": list(v.resolution_types),
                "lead_verb": list(e.resolution_lead_verbs),
                "org_head_upper": list(e.org_heads_upper),
                "eponymous_head": list(e.eponymous_heads),
                "eponym": list(v.eponyms),
                "central_level_before": list(e.central_level_before),
                "ordinal_before": list(e.ordinal_before),
                "identifier_before": list(e.identifier_before),
                "not_official_before": list(e.not_official_before),
                "byline_prefix": list(e.byline_prefixes),
                "duration_exception": list(v.duration_exceptions),
            },
        )
