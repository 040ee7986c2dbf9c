"""vnner's rule components and what they share: settings read at initialise, checked, saved with the model.

A model written by vnner is a plain spaCy pipeline whose parts are registered through entry
points (pyproject.toml), so `spacy.load(path)` works without `import vnner`:

  tokenizer → sentences → boilerplate → bodies → abbreviations → ner → edges → facts (→ words)

Each rule component reads its settings from configs/settings.json (and the registry of bodies,
configs/bodies.json, where it needs it) at `nlp.initialize()` (`[initialize.components.NAME]`),
checks them against the schema (`vnner.settings`, `vnner.registry`) and writes them into its own
folder of the saved model; loading checks them again. A model therefore behaves the same
wherever it is loaded, and two models in one process each keep their own settings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry as spacy_registry

from vnner import registry, settings
from vnner.paths import config_file
from vnner.pipeline.tokenizer import view_of

logger = logging.getLogger(__name__)

MAX_LENGTH = 50_000_000  # characters; see docs/model.md (memory grows linearly, about 0.3 kB a character)

for _name in ("boilerplate", "officials", "warnings", "abbreviations"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Span.has_extension("norm"):
    Span.set_extension("norm", default=None)


@spacy_registry.misc("vnner.settings.v2")
def settings_file(path: str | None = None) -> dict:
    """The rule settings: `path`, or vnner's configs/settings.json (in the checkout or the wheel)."""
    return settings.load(path or config_file("settings.json"))


@spacy_registry.misc("vnner.registry.v1")
def registry_file(path: str | None = None) -> dict:
    """The registry of bodies: `path`, or vnner's configs/bodies.json."""
    return registry.load(path or config_file("bodies.json"))


@spacy_registry.callbacks("vnner.max_length.v1")
def max_length_callback(max_length: int = MAX_LENGTH) -> Callable[[Language], Language]:
    """[nlp.after_creation]: allow documents of several MB (the NER works line by line)."""

    def set_max_length(nlp: Language) -> Language:
        nlp.max_length = max_length
        return nlp

    return set_max_length


class RuleComponent:
    """A component whose behaviour is its settings (and, with `needs_registry`, the registry)."""

    needs_registry = False

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.vocab = nlp.vocab
        self.settings: dict | None = None
        self.registry: dict | None = None

    def initialize(
        self,
        get_examples: Callable | None = None,
        *,
        nlp: Language | None = None,
        settings: dict | None = None,
        registry: dict | None = None,
    ) -> None:
        self.use(
            settings if settings is not None else settings_file(),
            (registry if registry is not None else registry_file()) if self.needs_registry else None,
        )

    def use(self, data: dict, bodies: dict | None, source: str = "the settings given") -> None:
        checked = settings.check(data, source)
        found = registry.check(bodies, source) if self.needs_registry else None
        self.settings, self.registry = data, bodies
        self.configure(checked, found)

    def configure(self, checked: settings.Settings, bodies: registry.Registry | None) -> None:
        """Build what the component needs from checked settings (matchers, tables)."""

    def _ready(self) -> None:
        if self.settings is None:
            logger.info("%s: not initialised, using vnner's configs/settings.json", self.name)
            self.initialize()

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        self._ready()
        return srsly.msgpack_dumps({"settings": self.settings, "registry": self.registry})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> RuleComponent:
        saved = srsly.msgpack_loads(data)
        self.use(saved["settings"], saved.get("registry"), f"the saved {self.name} component")
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self._ready()
        srsly.write_json(path / "settings.json", self.settings)
        if self.needs_registry:
            srsly.write_json(path / "bodies.json", self.registry)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RuleComponent:
        path = Path(path)
        try:
            data = srsly.read_json(path / "settings.json")
            bodies = srsly.read_json(path / "bodies.json") if self.needs_registry else None
        except (OSError, ValueError) as exc:
            raise settings.SettingsError(
                f"cannot read the settings saved in {path}: {exc}; the model folder is incomplete, "
                "save or assemble it again"
            ) from exc
        self.use(data, bodies, str(path))
        return self


def warn(doc: Doc, message: str) -> None:
    """A warning the output carries (`doc._.warnings`) and the log shows."""
    logger.warning(message)
    doc._.warnings = [*(doc._.warnings or []), message]


class Boilerplate(RuleComponent):
    """Marks boilerplate lines (`doc._.boilerplate`: character ranges) so no component tags them."""

    def configure(self, checked: settings.Settings, bodies: registry.Registry | None) -> None:
        from vnner.pipeline.boilerplate import BoilerplateRules

        self.rules = BoilerplateRules.from_settings(checked.boilerplate)

    def __call__(self, doc: Doc) -> Doc:
        from vnner.pipeline.boilerplate import boilerplate_ranges

        self._ready()
        view = view_of(doc)
        doc._.boilerplate = [
            [view.original(start), view.original(end)] for start, end in boilerplate_ranges(view.text, self.rules)
        ]
        return doc


class Facts(RuleComponent):
    """`span._.norm` for every entity, `doc._.officials`, and `doc._.warnings` for what could not be computed."""

    needs_registry = True

    def configure(self, checked: settings.Settings, bodies: registry.Registry | None) -> None:
        from vnner.facts.config import Lexicon

        self.lexicon = Lexicon(self.settings, self.registry)

    def __call__(self, doc: Doc) -> Doc:
        from vnner.facts import enrich
        from vnner.facts.config import using

        self._ready()
        warnings = list(doc._.warnings or [])
        ents = list(doc.ents)
        view = view_of(doc)
        text = view.text  # the analysis form: what the parsers read; entity texts are cut from it
        found = []
        for e in ents:
            start, end = view.view(e.start_char), view.view(e.end_char)
            found.append({"start": start, "end": end, "label": e.label_, "text": text[start:end]})
        abbreviations = {a["short"]: a["long"] for a in doc._.abbreviations or []}
        with using(self.lexicon):
            enriched, officials = enrich(text, found, warnings, abbreviations)
        for span, ent in zip(ents, enriched):
            span._.norm = ent.get("norm")
        if not view.identity:
            for person in officials:
                person["mentions"] = [[view.original(s), view.original(e)] for s, e in person["mentions"]]
        doc._.officials = officials
        doc._.warnings = warnings
        return doc


@Language.factory("vnner_boilerplate", assigns=["doc._.boilerplate"])
def make_boilerplate(nlp: Language, name: str) -> Boilerplate:
    return Boilerplate(nlp, name)


@Language.factory("vnner_facts", assigns=["span._.norm", "doc._.officials", "doc._.warnings"], requires=["doc.ents"])
def make_facts(nlp: Language, name: str) -> Facts:
    return Facts(nlp, name)
