"""Training-time augmentation: the surface variants real pages have and composed documents lack.

Composed training documents write "Đồng chí X, Bí thư Huyện ủy Y, …" where headlines and
captions write "Bí thư Huyện ủy Y X …" or "X - Bí thư …"; official documents set whole lines
in capitals; web pages put furniture lines between paragraphs. The augmenter yields each
training example unchanged and, for a share of them, one variant with these rewrites, the
entity spans moved along with the text. Registered as ``vnner.augmenter.v1`` and set in
``[corpora.train.augmenter]`` of ``configs/ner.cfg``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator, Sequence

from spacy.language import Language
from spacy.training import Example
from spacy.util import registry

Ent = tuple[int, int, str]

# A short title between a name's comma and the body it belongs to: "Bí thư", "Phó Chủ tịch", "Giám đốc".
TITLE_GAP = re.compile(r"^, ((?:[A-ZĐÀ-Ỹ][^\s,;:.()]*|[a-zà-ỹđ][^\s,;:.()]*)(?: [^\s,;:.()]+){0,3}) $")
ADDRESS = re.compile(r"(?:^|(?<=\s))(?:[Đđ]ồng chí|Đ/c|[Ôô]ng|[Bb]à) $")


def _reorder(text: str, ents: list[Ent], i: int) -> tuple[str, list[Ent]] | None:
    """ "(đồng chí) X, Title ORG," → "Title ORG X": the name after its title and body, no comma."""
    name, org = ents[i], ents[i + 1]
    if name[2] != "OFFICIAL" or org[2] != "ORG":
        return None
    gap = TITLE_GAP.match(text[name[1] : org[0]])
    if not gap:
        return None
    address = ADDRESS.search(text[max(0, name[0] - 10) : name[0]])
    start = name[0] - (len(address.group(0)) if address else 0)
    title = gap.group(1)
    if start == 0 or text[start - 1] in "\n.!?" or text[max(0, start - 2) : start] in (". ", "\n"):
        title = title[0].upper() + title[1:]
    # "…ORG, phát biểu" loses its comma; "…ORG, Bí thư …" (another post follows) keeps it
    follows = text[org[1] : org[1] + 3]
    after = org[1] + 1 if follows[:1] == "," and not follows[2:3].isupper() else org[1]
    person = text[name[0] : name[1]]
    orgtext = text[org[0] : org[1]]
    piece = f"{title} {orgtext} {person}"
    tail = text[after:]
    new_text = text[:start] + piece + tail
    shift = len(piece) - (after - start)
    o_start = start + len(title) + 1
    p_start = o_start + len(orgtext) + 1
    out = ents[:i] + [(o_start, o_start + len(orgtext), "ORG"), (p_start, p_start + len(person), "OFFICIAL")]
    out += [(s + shift, e + shift, lab) for s, e, lab in ents[i + 2 :]]
    return new_text, out


def _dash(text: str, ents: list[Ent], i: int) -> tuple[str, list[Ent]] | None:
    """ "X, Title …" → "X - Title …"."""
    name = ents[i]
    if name[2] != "OFFICIAL" or text[name[1] : name[1] + 2] != ", ":
        return None
    nxt = text[name[1] + 2 : name[1] + 3]
    if not nxt.isupper():
        return None
    new_text = text[: name[1]] + " - " + text[name[1] + 2 :]
    return new_text, [(s + 1, e + 1, lab) if s >= name[1] else (s, e, lab) for s, e, lab in ents]


def _upper_line(text: str, ents: list[Ent], rng: random.Random) -> tuple[str, list[Ent]] | None:
    """One short line with entities set in capitals, as in official documents' headers."""
    lines, pos, candidates = text.split("\n"), 0, []
    for line in lines:
        if 0 < len(line) <= 160 and any(pos <= s and e <= pos + len(line) for s, e, _ in ents):
            candidates.append((pos, pos + len(line)))
        pos += len(line) + 1
    if not candidates:
        return None
    a, b = rng.choice(candidates)
    upper = text[a:b].upper()
    if len(upper) != b - a:
        return None
    return text[:a] + upper + text[b:], list(ents)


def _furniture(text: str, ents: list[Ent], lines: Sequence[str], rng: random.Random) -> tuple[str, list[Ent]] | None:
    """A furniture or caption line inserted at a paragraph break."""
    breaks = [m.end() for m in re.finditer(r"\n\n", text)]
    if not breaks or not lines:
        return None
    at = rng.choice(breaks)
    piece = rng.choice(lines) + "\n\n"
    return text[:at] + piece + text[at:], [
        (s + len(piece), e + len(piece), lab) if s >= at else (s, e, lab) for s, e, lab in ents
    ]


def variant(
    text: str,
    ents: Sequence[Ent],
    rng: random.Random,
    reorder: float,
    dash: float,
    upper: float,
    furniture: float,
    furniture_lines: Sequence[str],
) -> tuple[str, list[Ent]]:
    """Text and spans with each rewrite applied at its rate; the spans always cover the same words."""
    ents = sorted(ents)
    i = 0
    while i < len(ents):
        rewrite = None
        if i + 1 < len(ents) and rng.random() < reorder:
            rewrite = _reorder(text, ents, i)
        if rewrite is None and rng.random() < dash:
            rewrite = _dash(text, ents, i)
        if rewrite is not None:
            text, ents = rewrite
        i += 1
    if rng.random() < upper:
        text, ents = _upper_line(text, ents, rng) or (text, ents)
    if rng.random() < furniture:
        text, ents = _furniture(text, ents, furniture_lines, rng) or (text, ents)
    return text, ents


def _example(nlp: Language, text: str, ents: list[Ent]) -> Example | None:
    ref = nlp.make_doc(text)
    spans = [ref.char_span(s, e, label=lab) for s, e, lab in ents]
    if any(span is None for span in spans):
        return None
    ref.ents = spans
    return Example(nlp.make_doc(text), ref)


@registry.augmenters("vnner.augmenter.v1")
def create_augmenter(
    level: float = 0.5,
    reorder: float = 0.3,
    dash: float = 0.1,
    upper: float = 0.2,
    furniture: float = 0.3,
    furniture_lines: Sequence[str] = (),
    seed: int = 0,
) -> Callable[[Language, Example], Iterator[Example]]:
    """Yield every example, and for a `level` share of them one rewritten variant as well."""
    rng = random.Random(seed)

    def rewrite(text: str, ents: list[Ent]) -> tuple[str, list[Ent]]:
        return variant(text, ents, rng, reorder, dash, upper, furniture, furniture_lines)

    return _augmenter(level, rng, rewrite)


def _augmenter(
    level: float, rng: random.Random, rewrite: Callable[[str, list[Ent]], tuple[str, list[Ent]]]
) -> Callable[[Language, Example], Iterator[Example]]:
    """Every example, and for a `level` share of them the variant `rewrite` makes (when it aligns)."""

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        yield example
        if rng.random() >= level:
            return
        ref = example.reference
        ents = [(e.start_char, e.end_char, e.label_) for e in ref.ents]
        text, new = rewrite(ref.text, ents)
        if text != ref.text:
            made = _example(nlp, text, new)
            if made is not None:
                yield made

    return augment


SURFACE = ("abbreviate", "lower_type", "odd_identifier", "ti", "glue_title", "credit", "flatten_header")


def surface_variant(
    text: str,
    ents: Sequence[Ent],
    rng: random.Random,
    rates: dict[str, float],
    bodies: dict[str, str],
    outlets: Sequence[str],
) -> tuple[str, list[Ent]]:
    """The surface rewrites of `vnner.training.surface`, each at its rate."""
    from vnner.training import surface

    out_text, out = text, sorted(ents)
    for name in SURFACE:
        if rng.random() >= rates.get(name, 0.0):
            continue
        if name == "abbreviate":
            rewrite = surface.abbreviate(out_text, out, bodies, rng)
        elif name == "credit":
            rewrite = surface.credit(out_text, out, outlets, rng)
        else:
            rewrite = getattr(surface, name)(out_text, out, rng)
        if rewrite is not None:
            out_text, out = rewrite
    return out_text, out


def registry_forms(registry: dict | None) -> tuple[dict[str, str], list[str]]:
    """(name → short form, outlets' short forms) from a registry of bodies."""
    bodies, outlets = {}, []
    for body in (registry or {}).get("bodies", []):
        shorts = [s for s in body.get("short", []) if " " not in s and sum(c.isupper() for c in s) >= 2]
        if shorts:
            bodies[body["name"]] = shorts[0]
            if body.get("kind") == "outlet":
                outlets.append(shorts[0])
    return bodies, outlets


@registry.augmenters("vnner.augmenter.v2")
def create_surface_augmenter(
    level: float = 0.25,
    reorder: float = 0.3,
    dash: float = 0.15,
    upper: float = 0.1,
    furniture: float = 0.3,
    furniture_lines: Sequence[str] = (),
    abbreviate: float = 0.3,
    lower_type: float = 0.2,
    odd_identifier: float = 0.15,
    ti: float = 0.2,
    glue_title: float = 0.05,
    credit: float = 0.15,
    flatten_header: float = 0.3,
    bodies: dict | None = None,
    seed: int = 0,
) -> Callable[[Language, Example], Iterator[Example]]:
    """v1's rewrites and the surface rewrites of `vnner.training.surface` (issue 16): every example,
    and for a `level` share of them one variant. `bodies` is the registry (short forms, outlets)."""
    rng = random.Random(seed)
    rates = {
        "abbreviate": abbreviate,
        "lower_type": lower_type,
        "odd_identifier": odd_identifier,
        "ti": ti,
        "glue_title": glue_title,
        "credit": credit,
        "flatten_header": flatten_header,
    }
    names, outlets = registry_forms(bodies)

    def rewrite(text: str, ents: list[Ent]) -> tuple[str, list[Ent]]:
        text, ents = variant(text, ents, rng, reorder, dash, upper, furniture, furniture_lines)
        return surface_variant(text, ents, rng, rates, names, outlets)

    return _augmenter(level, rng, rewrite)
