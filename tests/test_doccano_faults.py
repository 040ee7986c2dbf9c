"""Faults on the way to doccano (issue #7): a stopped server, a wrong password, a server that does
not answer, lost answers, a push that fails halfway and a server killed mid-push.

Nothing here mocks doccano: faults are injected in the network path (a transport adapter
that refuses or loses requests on their way to the real server) or caused for real (a port
nobody listens on, a socket that never answers, a second web server that is killed).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from doccano_support import TEXTS, Annotator, expected_predictions, refused, server_settings, unique, write_corpus
from requests.adapters import HTTPAdapter
from typer.testing import CliRunner

from vnner.cli import app
from vnner.io.inputs import iter_inputs
from vnner.labelling.doccano.client import Api, Session, connect
from vnner.labelling.doccano.project import load_config
from vnner.labelling.doccano.push import META_PENDING, PushAborted, push


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def invoke(url: str, password: str, *args: str, username: str = "admin"):
    env = {"DOCCANO_URL": url, "DOCCANO_USERNAME": username, "DOCCANO_PASSWORD": password}
    result = CliRunner().invoke(app, list(args), env=env)
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture
def no_waiting(monkeypatch):
    """Record the back-off instead of sleeping through it."""
    sleeps: list[float] = []
    monkeypatch.setattr("vnner.labelling.doccano.client.time.sleep", sleeps.append)
    return sleeps


def test_server_down_gives_a_clear_error_and_writes_nothing(tmp_path, no_waiting):
    url = f"http://127.0.0.1:{free_port()}"
    corpus = write_corpus(tmp_path / "docs.jsonl")
    result = invoke(url, "whatever", "doccano", "push", str(corpus), "--project", "p", "--no-pre-annotate")
    assert result.exit_code == 2
    assert f"cannot reach doccano at {url}: connection refused (tried 5 times)" in " ".join(result.output.split())
    assert no_waiting == [0.5, 1, 2, 4]

    new = tmp_path / "new.jsonl"
    result = invoke(url, "whatever", "doccano", "pull", "--project", "p", "-o", str(new))
    assert result.exit_code == 2 and "cannot reach doccano" in result.output and not new.exists()

    existing = tmp_path / "existing.jsonl"
    existing.write_text('{"id": "a", "text": "Huyện ủy họp.", "label": [[0, 8, "ORG"]]}\n', encoding="utf-8")
    before = existing.read_bytes()
    result = invoke(url, "whatever", "doccano", "pull", "--project", "p", "-o", str(existing))
    assert result.exit_code == 2 and "was not changed" in " ".join(result.output.split())
    assert existing.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [
        "docs.jsonl",
        "existing.jsonl",
    ]


def test_a_server_that_does_not_answer_times_out_clearly(tmp_path):
    with socket.socket() as silent:  # accepts connections (the kernel does), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        result = invoke(url, "whatever", "doccano", "status", "--project", "p", "--timeout", "1")
    assert result.exit_code == 2 and time.monotonic() - started < 10
    assert "did not answer POST /v1/auth/login/ within 1 s" in " ".join(result.output.split())


@pytest.mark.doccano
def test_wrong_password_is_refused_clearly_and_changes_nothing(tmp_path):
    settings = server_settings()
    project = unique("password")
    wrong = "not-the-password-4711"
    corpus = write_corpus(tmp_path / "d.jsonl")
    result = invoke(
        settings.url,
        wrong,
        "doccano",
        "push",
        str(corpus),
        "--project",
        project,
        "--no-pre-annotate",
        username=settings.username,
    )
    assert result.exit_code == 2
    assert f"refused the login of user {settings.username!r}: wrong username or password" in " ".join(
        result.output.split()
    )
    assert wrong not in result.output
    assert project not in {p["name"] for p in connect(settings).pages("projects")}


class Faults(HTTPAdapter):
    """Sends requests to the real server, except where `rule` says to refuse them, lose the
    answer (the server did the work, the client never hears), or answer 503 without sending."""

    def __init__(self, rule):
        super().__init__()
        self.rule = rule

    def send(self, request, **kwargs):
        action = self.rule(request)
        if action == "refuse":
            raise refused()
        if action == "503":
            response = requests.Response()
            response.status_code, response._content, response.url, response.request = (
                503,
                b"Service Unavailable",
                request.url,
                request,
            )
            return response
        response = super().send(request, **kwargs)
        if action == "lose":
            raise requests.ReadTimeout("the answer was lost (injected)")
        return response


def faulty_api(settings, rule) -> Api:
    session = Session(settings, sleep=lambda _: None)
    session.mount("http://", Faults(rule))
    return Api(settings, session).login()


def predictor(texts):
    by_text = {text: doc_id for doc_id, text in TEXTS.items()}
    for text in texts:
        yield [
            {"start": s, "end": e, "label": label, "text": text[s:e]}
            for s, e, label in sorted(expected_predictions(by_text[text]))
        ]


def assert_exactly_once_with_all_spans(settings, project):
    annotator = Annotator(settings, project)
    examples = list(annotator.api.pages(annotator.base))
    assert sorted(e["meta"]["vnner_id"] for e in examples) == ["t1", "t2", "t3", "t4"]
    for example in examples:
        assert META_PENDING not in example["meta"]
        assert annotator.python_spans(example) == expected_predictions(example["meta"]["vnner_id"])


@pytest.mark.doccano
def test_push_that_fails_halfway_then_is_retried_adds_no_duplicates(tmp_path):
    settings = server_settings()
    project = unique("halfway")
    corpus = write_corpus(tmp_path / "docs.jsonl")
    posted = {"spans": 0}

    def server_dies_during_second_document(request):
        if request.method == "POST" and request.url.endswith("/spans"):
            posted["spans"] += 1
        return "refuse" if posted["spans"] > 4 else None  # t1 has 3 spans; t2 stops after its first

    with pytest.raises(PushAborted) as caught:
        push(
            faulty_api(settings, server_dies_during_second_document),
            iter_inputs([str(corpus)]),
            project,
            load_config(),
            predictor=predictor,
            sleep=lambda _: None,
        )
    assert caught.value.report.added == ["t1"] and "cannot reach doccano" in str(caught.value)
    examples = Annotator(settings, project).examples()
    assert sorted(examples) == ["t1", "t2"] and examples["t2"]["meta"][META_PENDING] is True

    report = push(connect(settings), iter_inputs([str(corpus)]), project, load_config(), predictor=predictor)
    assert (report.present, report.completed, report.added) == (["t1"], ["t2"], ["t3", "t4"])
    assert_exactly_once_with_all_spans(settings, project)


@pytest.mark.doccano
def test_lost_answers_and_server_errors_mid_push_do_not_duplicate(tmp_path):
    settings = server_settings()
    project = unique("lost")
    seen = {"examples": 0, "spans": 0}

    def faults(request):
        if request.method != "POST":
            return None
        kind = "examples" if request.url.endswith("/examples") else "spans" if request.url.endswith("/spans") else None
        if kind is None:
            return None
        seen[kind] += 1
        if kind == "examples":
            return {1: "lose", 3: "503"}.get(seen[kind])  # t1 created but unheard; t2 refused with a 503 once
        return "lose" if seen[kind] == 2 else None  # t1's second span created but unheard

    report = push(
        faulty_api(settings, faults),
        iter_inputs([str(write_corpus(tmp_path / "d.jsonl"))]),
        project,
        load_config(),
        predictor=predictor,
        sleep=lambda _: None,
    )
    assert report.added == ["t1", "t2", "t3", "t4"] and not report.warnings
    assert_exactly_once_with_all_spans(settings, project)


@pytest.mark.doccano
def test_server_killed_mid_push_then_push_again(tmp_path):
    """A second web server on the test server's database is killed (SIGKILL) while a push runs through it."""
    settings = server_settings()
    home, venv = os.environ.get("DOCCANO_HOME"), os.environ.get("DOCCANO_VENV")
    if not (home and venv):
        message = "DOCCANO_HOME and DOCCANO_VENV not set (scripts/ci_doccano.sh exports them)"
        pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)
    backend = next(Path(venv).glob("lib/python3*/site-packages/backend"))
    port = free_port()
    env = {
        **os.environ,
        "STANDALONE": "True",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DEBUG": "False",
        "DATABASE_URL": f"sqlite:///{home}/db.sqlite3",
        "MEDIA_ROOT": f"{home}/media",
        "SECRET_KEY": (Path(home) / "secret-key").read_text().strip(),
    }
    log = (tmp_path / "web2.log").open("wb")
    web = subprocess.Popen(
        [
            f"{venv}/bin/gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--chdir",
            str(backend),
            "config.wsgi:application",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    second = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                requests.get(f"{second}/v1/projects", timeout=5)  # 403 without a login: it answers
                break
            except requests.RequestException:
                time.sleep(0.5)
        project = unique("killed")
        corpus = tmp_path / "many.jsonl"
        corpus.write_text(
            "".join(
                f'{{"id": "doc{i:03d}", "text": "Văn bản số {i}: Huyện ủy Thanh Oai kết nạp {i} đảng viên."}}\n'
                for i in range(300)
            ),
            encoding="utf-8",
        )
        pushing = subprocess.Popen(
            [sys.executable, "-m", "vnner", "doccano", "push", str(corpus), "--project", project, "--no-pre-annotate"],
            env={
                **os.environ,
                "DOCCANO_URL": second,
                "DOCCANO_USERNAME": settings.username,
                "DOCCANO_PASSWORD": settings.password,
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        api = connect(settings)
        deadline = time.monotonic() + 120
        count = 0
        while count < 30 and time.monotonic() < deadline and pushing.poll() is None:
            ids = [p["id"] for p in api.pages("projects") if p["name"] == project]
            count = api.get(f"projects/{ids[0]}/examples", limit=1)["count"] if ids else 0
            time.sleep(0.05)
        assert pushing.poll() is None, "the push ended before the server could be killed"
        os.killpg(web.pid, signal.SIGKILL)
        web.wait(10)
        _, stderr = pushing.communicate(timeout=120)
    finally:
        if web.poll() is None:
            os.killpg(web.pid, signal.SIGKILL)
            web.wait(10)
        log.close()
    said = " ".join(stderr.split())
    assert pushing.returncode == 2 and "Traceback" not in stderr, stderr
    assert "cannot reach doccano" in said and "run the same command again" in said

    result = invoke(
        settings.url,
        settings.password,
        "doccano",
        "push",
        str(corpus),
        "--project",
        project,
        "--no-pre-annotate",
        username=settings.username,
    )
    assert result.exit_code == 0, result.output
    annotator = Annotator(settings, project)
    ids = [e["meta"]["vnner_id"] for e in annotator.api.pages(annotator.base)]
    assert len(ids) == 300 and len(set(ids)) == 300


def test_serve_reports_a_stopped_server_and_rejects_unknown_actions(tmp_path, capfd):
    result = CliRunner().invoke(
        app, ["doccano", "serve", "status", "--home", str(tmp_path), "--port", str(free_port())]
    )
    assert result.exit_code == 1
    said = capfd.readouterr().err
    assert "web: not running" in said and "task: not running" in said
    result = CliRunner().invoke(app, ["doccano", "serve", "launch"])
    assert result.exit_code == 2 and "unknown action 'launch'" in result.output
