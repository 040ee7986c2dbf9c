"""Annotators of a doccano project: doccano users with generated passwords, members with the annotator role.

doccano 1.8.4 creates users through `POST /v1/users/create` (dj-rest-auth's registration
serializer), open to staff users only — the admin `vnner doccano serve` creates is one. The
generated password is written to `<secrets>/<name>.password`, readable by its owner only
(mode 600, folder 700), and never printed; vnner reads it again to pre-annotate and to pull
in that annotator's name, since in a non-collaborative project doccano shows each user only
their own spans and confirmations.

Team projects are non-collaborative ("Share annotations across all users" off): each
annotator labels in their own view, so two people's versions of a document can be compared.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from vnner.labelling.doccano.client import Api, DoccanoError, Settings, connect
from vnner.labelling.doccano.project import ensure_project, find_project

ANNOTATOR_ROLE = "annotator"
NAME = re.compile(r"^[\w.@+-]{1,150}$")  # what Django accepts as a username
SECRETS_ENV = "VNNER_DOCCANO_SECRETS"


def secrets_dir(path: Path | None = None) -> Path:
    """Where annotators' passwords live: the given folder, $VNNER_DOCCANO_SECRETS, else `annotators` in the
    local doccano's folder ($DOCCANO_HOME, else the per-user data folder: `vnner.paths.doccano_home`) — never
    the source checkout or a virtualenv.
    """
    if path is not None:
        return Path(path)
    if os.environ.get(SECRETS_ENV):
        return Path(os.environ[SECRETS_ENV])
    from vnner.paths import doccano_home

    return doccano_home() / "annotators"


class Credentials:
    """Annotators' passwords, one owner-only file each."""

    def __init__(self, folder: Path | None = None):
        self.folder = secrets_dir(folder)

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.password"

    def read(self, name: str) -> str | None:
        path = self.path(name)
        return path.read_text(encoding="utf-8").strip() if path.exists() else None

    def create(self, name: str) -> str:
        """A new random password for `name`, written to its file (which must not exist yet)."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.folder, 0o700)
        password = secrets.token_urlsafe(18)
        fd = os.open(self.path(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(password + "\n")
        return password

    def login(self, admin: Api, name: str) -> Api:
        """A connection as annotator `name`, with the password on file."""
        password = self.read(name)
        if password is None:
            raise DoccanoError(
                f"no password on file for annotator {name!r} ({self.path(name)} is missing): "
                f"create the annotator with `vnner doccano annotator add {name} --project P`, or pass --secrets DIR"
            )
        settings = Settings(admin.settings.url, name, password, timeout=admin.settings.timeout)
        return connect(settings)


@dataclass
class AddReport:
    name: str
    user_id: int = 0
    user_created: bool = False
    password_file: Path | None = None
    member_added: bool = False
    project_created: bool = False
    warnings: list[str] = field(default_factory=list)


def find_user(api: Api, name: str) -> dict | None:
    return next((u for u in api.get("users", q=name) if u.get("username") == name), None)


def role_id(api: Api, name: str = ANNOTATOR_ROLE) -> int:
    for role in api.get("roles"):
        if role["name"] == name:
            return role["id"]
    raise DoccanoError(f"doccano has no {name!r} role; is this doccano 1.8.4 with its roles created (`doccano init`)?")


def make_individual(api: Api, project) -> bool:
    """Turn collaborative annotation off (each annotator in their own view); True when it was on."""
    if not project.project.collaborative_annotation:
        return False
    api.patch(f"projects/{project.id}", {"collaborative_annotation": False, "resourcetype": "SequenceLabelingProject"})
    project.project.collaborative_annotation = False
    return True


def add_annotator(api: Api, project_name: str, name: str, config: dict, credentials: Credentials) -> AddReport:
    """Create user `name` (password to its file) if missing, and make it an annotator of the project."""
    if not NAME.match(name):
        raise DoccanoError(f"{name!r} cannot be a doccano user name: use letters, digits and . @ + - _ only")
    report = AddReport(name=name)
    team_config = {**config, "project": {**config.get("project", {}), "collaborative_annotation": False}}
    project, report.project_created = ensure_project(api, project_name, team_config)
    if make_individual(api, project):
        report.warnings.append(
            f"project {project_name!r} was collaborative; turned that off so each annotator labels in their own view "
            "(spans made before stay with the user who made them)"
        )
    user = find_user(api, name)
    if user is None:
        if credentials.path(name).exists():
            raise DoccanoError(
                f"{credentials.path(name)} exists but doccano has no user {name!r}: is this another server? "
                "Remove the file or pass --secrets DIR"
            )
        password = credentials.create(name)
        try:
            user = api.post("users/create", {"username": name, "password1": password, "password2": password})
        except DoccanoError:
            credentials.path(name).unlink(missing_ok=True)
            raise
        report.user_created, report.password_file = True, credentials.path(name)
    elif credentials.read(name) is None:
        report.warnings.append(
            f"user {name!r} already exists and its password is not on file ({credentials.path(name)}): "
            "vnner cannot pre-annotate or pull in its name until you write its password there (mode 600)"
        )
    else:
        report.password_file = credentials.path(name)
    report.user_id = user["id"]
    members = api.get(f"projects/{project.id}/members")
    mine = next((m for m in members if m["user"] == user["id"]), None)
    if mine is None:
        api.post(f"projects/{project.id}/members", {"user": user["id"], "role": role_id(api)})
        report.member_added = True
    elif mine.get("rolename") != ANNOTATOR_ROLE:
        report.warnings.append(f"{name!r} is already a member as {mine.get('rolename')}; role left as it is")
    return report


def list_annotators(api: Api, project_name: str) -> list[dict]:
    """[{"name", "role", "confirmed", "assigned"}] for each member, confirmations from doccano's member progress."""
    from vnner.labelling.doccano.assign import META_ASSIGNED

    project = find_project(api, project_name)
    members = api.get(f"projects/{project.id}/members")
    progress = {p["user"]: p["done"] for p in api.get(f"projects/{project.id}/metrics/member-progress")["progress"]}
    assigned: dict[str, int] = {}
    for example in api.pages(f"projects/{project.id}/examples"):
        for name in (example.get("meta") or {}).get(META_ASSIGNED) or []:
            assigned[name] = assigned.get(name, 0) + 1
    return [
        {
            "name": m["username"],
            "role": m["rolename"],
            "confirmed": progress.get(m["username"], 0),
            "assigned": assigned.get(m["username"], 0),
        }
        for m in sorted(members, key=lambda m: m["username"])
    ]
