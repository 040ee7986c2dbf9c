"""How far the labelling of a doccano project has come: examples, confirmed examples, spans per label."""

from __future__ import annotations

from collections import Counter

from vnner.labelling.doccano.client import Api
from vnner.labelling.doccano.project import find_project
from vnner.labels import LABELS


def status(api: Api, project_name: str) -> dict:
    """{"project", "id", "url", "examples", "confirmed", "spans": {label: n}} from doccano's metrics.

    In a collaborative project (what push creates) an example is confirmed when anyone
    confirmed it; otherwise doccano counts the logged-in user's confirmations only.
    """
    project = find_project(api, project_name)
    progress = api.get(f"projects/{project.id}/metrics/progress")
    per_member = api.get(f"projects/{project.id}/metrics/span-distribution")
    spans: Counter = Counter({label: 0 for label in LABELS})
    for counts in per_member.values():
        spans.update(counts)
    return {
        "project": project_name,
        "id": project.id,
        "url": f"{api.settings.url}/projects/{project.id}",
        "collaborative": bool(project.project.collaborative_annotation),
        "examples": progress["total"],
        "confirmed": progress["complete"],
        "spans": dict(spans),
    }
