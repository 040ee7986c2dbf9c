"""The doccano project vnner works in: found by name, created when missing, with the four labels.

Project settings and the labels' colours and shortcut keys come from configs/doccano.json.
vnner creates projects with collaborative annotation on: everyone sees and corrects the same
spans (the pre-annotations belong to the user who pushed them and would otherwise be
invisible to other annotators), and a document counts as confirmed once anyone confirms it.
Team projects (annotators.py) are the exception: each annotator labels in their own view.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from doccano_client.beta.controllers import ProjectController
from doccano_client.beta.models import Project, ProjectTypes, SpanType

from vnner.labelling.doccano.client import Api, DoccanoError, Rejected
from vnner.labels import LABELS
from vnner.paths import CONFIGS


def load_config(path: Path | None = None) -> dict:
    path = Path(path) if path else CONFIGS / "doccano.json"
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DoccanoError(f"cannot read the doccano config {path}: {exc}") from None
    missing = [label for label in LABELS if label not in config.get("labels", {})]
    if missing:
        raise DoccanoError(f'{path}: no colour/shortcut entry for {", ".join(missing)} under "labels"')
    return config


class ProjectNotFound(DoccanoError):
    pass


def _controller(api: Api, raw: dict) -> ProjectController:
    init = {f.name for f in dataclasses.fields(Project) if f.init}
    project = Project(**{k: raw[k] for k in init if k in raw})
    return ProjectController(
        project=project, id=raw["id"], projects_url=api.client.projects.projects_url, client_session=api.session
    )


def find_project(api: Api, name: str) -> ProjectController:
    """The one project called `name` that this user can see; a clear error for none or several."""
    # Listed directly: doccano-client's Project model refuses project types it does not know
    # (image, audio…), which a shared server may well hold.
    found = [raw for raw in api.pages("projects") if raw.get("name") == name]
    if not found:
        raise ProjectNotFound(
            f"no doccano project named {name!r} for user {api.settings.username!r} at {api.settings.url}; "
            "`vnner doccano push` creates it"
        )
    if len(found) > 1:
        ids = ", ".join(str(p["id"]) for p in found)
        raise DoccanoError(
            f"{len(found)} doccano projects are named {name!r} (ids {ids}); rename all but one in doccano"
        )
    raw = found[0]
    if raw.get("project_type") != ProjectTypes.SEQUENCE_LABELING:
        raise DoccanoError(
            f"doccano project {name!r} is a {raw.get('project_type')} project, not sequence labelling; "
            "choose another --project name"
        )
    return _controller(api, raw)


def ensure_project(api: Api, name: str, config: dict) -> tuple[ProjectController, bool]:
    """The project called `name`, created from the config if it does not exist; (project, created)."""
    try:
        return find_project(api, name), False
    except ProjectNotFound:
        pass
    settings = config.get("project", {})
    project = Project(
        name=name,
        description=settings.get("description", "vnner"),
        project_type=ProjectTypes.SEQUENCE_LABELING,
        guideline=settings.get("guideline", "See the vnner annotation guidelines."),
        random_order=settings.get("random_order", False),
        collaborative_annotation=settings.get("collaborative_annotation", True),
        allow_overlapping=settings.get("allow_overlapping", False),
        grapheme_mode=settings.get("grapheme_mode", False),
    )
    try:
        return api.client.projects.create(project), True
    except DoccanoError as exc:
        if not exc.maybe_done:
            raise
        # The answer was lost; the project may exist now. Look before creating a second one.
        return find_project(api, name), True


@dataclass
class LabelReport:
    created: list[str]
    updated: list[str]
    warnings: list[str]


def ensure_labels(
    project: ProjectController, config: dict, log: Callable[[str], None] = lambda _: None
) -> tuple[dict[str, int], LabelReport]:
    """Make the four labels exist with the configured colours and keys; return {label: span type id}."""
    report = LabelReport([], [], [])
    existing = {c.span_type.text: c for c in project.span_types.all()}
    for label in LABELS:
        want = config["labels"][label]
        fields = {k: want.get(k) for k in ("prefix_key", "suffix_key", "background_color", "text_color") if k in want}
        current = existing.get(label)
        if current is None:
            try:
                existing[label] = project.span_types.create(SpanType(text=label, **fields))
                report.created.append(label)
            except Rejected as exc:
                # Most likely the shortcut key is taken by another label: create it without one.
                report.warnings.append(f"label {label}: {exc.detail}; created without a shortcut key")
                fields.pop("prefix_key", None)
                fields.pop("suffix_key", None)
                existing[label] = project.span_types.create(SpanType(text=label, **fields))
                report.created.append(label)
            except DoccanoError as exc:
                if not exc.maybe_done:
                    raise
                existing = {c.span_type.text: c for c in project.span_types.all()}
                if label not in existing:
                    raise
                report.created.append(label)
            continue
        differs = {k: v for k, v in fields.items() if getattr(current.span_type, k) != v}
        if differs:
            for key, value in differs.items():
                setattr(current.span_type, key, value)
            try:
                project.span_types.update([current])
                report.updated.append(label)
            except Rejected as exc:
                report.warnings.append(f"label {label}: cannot set {', '.join(differs)} ({exc.detail}); left as it was")
    extra = sorted(set(existing) - set(LABELS))
    if extra:
        report.warnings.append(f"the project also has labels vnner does not use: {', '.join(extra)}")
    for warning in report.warnings:
        log(f"warning: {warning}")
    return {label: existing[label].id for label in LABELS}, report


def label_names(project: ProjectController) -> dict[int, str]:
    """{span type id: label text} for every span type in the project."""
    return {c.id: c.span_type.text for c in project.span_types.all()}
