"""The doccano connection's retry policy and error messages, against small scripted local servers (no doccano).

The real-server behaviour (refused connections, a wrong password, a server killed mid-push)
is in test_doccano_faults.py; here every case is forced, including the rare ones.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time

import pytest
import requests

from vnner.labelling.doccano.client import (
    Api,
    DoccanoError,
    LoginFailed,
    Rejected,
    ServerError,
    Session,
    Settings,
    TimedOut,
    Unreachable,
    normalize_url,
)

URL = "http://127.0.0.1:9"
SECRET = "s3cret-Pa55"


class Scripted(requests.adapters.BaseAdapter):
    """Answers requests from a script: an exception to raise or (status, body, content type)."""

    def __init__(self, *steps):
        super().__init__()
        self.steps = list(steps)
        self.calls: list[str] = []

    def send(self, request, **kwargs):
        self.calls.append(request.method)
        step = self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]
        if isinstance(step, Exception):
            raise step
        status, body, kind = step if len(step) == 3 else (*step, "application/json")
        response = requests.Response()
        response.status_code, response._content, response.url, response.request = (
            status,
            body.encode(),
            request.url,
            request,
        )
        response.headers["content-type"] = kind
        return response

    def close(self):
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ScriptedServer:
    """A real HTTP server on 127.0.0.1 answering from a script, one step per request:
    (status, body[, content type]), "slow" (answers after 2 s), "drop" (closes without answering) or
    "short" (closes in the middle of the answer)."""

    def __init__(self, steps, port: int = 0):
        self.steps, self.calls = list(steps), []
        script = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                line = self.rfile.readline().decode()
                length = 0
                while (header := self.rfile.readline().decode()).strip():
                    if header.lower().startswith("content-length:"):
                        length = int(header.split(":")[1])
                self.rfile.read(length)
                script.calls.append(line.split()[0])
                step = script.steps.pop(0)
                if step == "drop":
                    return
                if step == "short":  # promises 100 bytes, sends 2, hangs up: the answer breaks off mid-way
                    self.wfile.write(
                        b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{}"
                    )
                    return
                if step == "slow":
                    time.sleep(2)
                    step = (200, "{}")
                status, body, kind = step if len(step) == 3 else (*step, "application/json")
                data = body.encode()
                self.wfile.write(
                    f"HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\n"
                    f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode()
                    + data
                )

        self.handler, self.port, self.server = Handler, port, None

    def start(self):
        if self.server is None:
            socketserver.ThreadingTCPServer.allow_reuse_address = True
            self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), self.handler)
            self.server.daemon_threads = True
            self.port = self.server.server_address[1]
            threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def real_session(url, retries=4, timeout=5.0, sleep=None):
    """A Session with its own urllib3 retry adapter (nothing mounted over it); back-off recorded, not slept."""
    sleeps: list[float] = []
    s = Session(Settings(url, "admin", SECRET, timeout=timeout, retries=retries), sleep=sleep or sleeps.append)
    return s, sleeps


def session(*steps, retries=4):
    sleeps: list[float] = []
    s = Session(Settings(URL, "admin", SECRET, timeout=5, retries=retries), sleep=sleeps.append)
    adapter = Scripted(*steps)
    s.mount("http://", adapter)
    return s, adapter, sleeps


def test_settings_come_from_flags_then_environment_and_hide_the_password(monkeypatch):
    monkeypatch.setenv("DOCCANO_URL", "http://127.0.0.1:8000/v1/")
    monkeypatch.setenv("DOCCANO_USERNAME", "env-user")
    monkeypatch.setenv("DOCCANO_PASSWORD", SECRET)
    settings = Settings.resolve(username="flag-user")
    assert (settings.url, settings.username, settings.password) == ("http://127.0.0.1:8000", "flag-user", SECRET)
    assert SECRET not in repr(settings) and SECRET not in repr(Api(settings))


@pytest.mark.parametrize(
    "missing, hint", [("DOCCANO_URL", "--url"), ("DOCCANO_USERNAME", "--username"), ("DOCCANO_PASSWORD", "--password")]
)
def test_missing_settings_say_which_flag_or_variable(monkeypatch, missing, hint):
    for name, value in (("DOCCANO_URL", URL), ("DOCCANO_USERNAME", "admin"), ("DOCCANO_PASSWORD", SECRET)):
        monkeypatch.setenv(name, value)
    monkeypatch.delenv(missing)
    with pytest.raises(DoccanoError, match=f"{hint} or set {missing}"):
        Settings.resolve()


def test_urls_are_checked_and_tidied():
    assert normalize_url(" http://127.0.0.1:8000/ ") == "http://127.0.0.1:8000"
    with pytest.raises(DoccanoError, match="not an http"):
        normalize_url("127.0.0.1:8000")


def test_refused_connection_is_retried_with_back_off_then_explained():
    url = f"http://127.0.0.1:{free_port()}"
    s, sleeps = real_session(url)
    with pytest.raises(Unreachable) as caught:
        s.get(f"{url}/v1/projects")
    assert s.tries == 5 and sleeps == [0.5, 1, 2, 4]
    message = str(caught.value)
    assert f"cannot reach doccano at {url}: connection refused (tried 5 times)" in message
    assert "vnner doccano serve" in message and caught.value.retryable and not caught.value.maybe_done


def test_refused_post_is_retried_because_the_server_never_saw_it():
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = ScriptedServer([(201, '{"id": 7}')], port=port)
    s, _sleeps = real_session(url, sleep=lambda seconds: server.start())  # the server comes up during the back-off
    try:
        assert s.post(f"{url}/v1/projects/1/examples", json={}).json() == {"id": 7}
    finally:
        server.stop()
    assert server.calls == ["POST"] and s.tries == 2


def test_post_whose_answer_is_lost_is_not_repeated_and_says_it_may_have_happened():
    with ScriptedServer(["slow"]) as server:
        s, sleeps = real_session(server.url, timeout=0.5)
        with pytest.raises(TimedOut) as caught:
            s.post(f"{server.url}/v1/projects/1/examples", json={})
    assert server.calls == ["POST"] and sleeps == []
    assert caught.value.maybe_done
    assert "did not answer POST /v1/projects/1/examples within 0.5 s" in str(caught.value)


def test_dropped_connection_on_post_is_not_repeated():
    with ScriptedServer(["drop"]) as server:
        s, _ = real_session(server.url)
        with pytest.raises(Unreachable, match="connection dropped") as caught:
            s.post(f"{server.url}/v1/projects/1/examples", json={})
    assert server.calls == ["POST"] and caught.value.maybe_done


def test_an_answer_broken_off_mid_way_says_the_post_may_have_happened():
    with ScriptedServer(["short"]) as server:
        s, _ = real_session(server.url)
        with pytest.raises(Unreachable, match="connection dropped") as caught:
            s.post(f"{server.url}/v1/projects/1/examples", json={}).json()
    assert server.calls == ["POST"] and caught.value.maybe_done


def test_get_time_out_dropped_connection_and_gateway_errors_are_retried():
    steps = ["slow", "drop", (503, "<html><title>Service Unavailable</title></html>", "text/html"), (200, "[]")]
    with ScriptedServer(steps) as server:
        s, sleeps = real_session(server.url, timeout=0.5)
        assert s.get(f"{server.url}/v1/projects").json() == []
    assert server.calls == ["GET"] * 4 and sleeps == [0.5, 1, 2]


def test_server_error_names_the_request_and_reads_an_html_error_page():
    with ScriptedServer(
        [(500, "<!doctype html><html><head><title>Server Error (500)</title></head></html>", "text/html")]
    ) as server:
        s, _ = real_session(server.url)
        with pytest.raises(ServerError) as caught:
            s.post(f"{server.url}/v1/projects/1/span-types", json={})
    assert server.calls == ["POST"]
    assert "failed on POST /v1/projects/1/span-types with HTTP 500 (Server Error (500))" in str(caught.value)


def test_server_error_on_get_is_retried_until_it_gives_up():
    with ScriptedServer([(502, "bad gateway", "text/plain")] * 3) as server:
        s, _ = real_session(server.url, retries=2)
        with pytest.raises(ServerError, match=r"HTTP 502 \(bad gateway\) \(tried 3 times\)"):
            s.get(f"{server.url}/v1/projects")
    assert len(server.calls) == 3


def test_client_errors_are_not_retried_and_carry_the_servers_reason():
    s, adapter, _ = session((400, '{"detail": ["This overlapping is not allowed in this project."]}'))
    with pytest.raises(Rejected) as caught:
        s.post(f"{URL}/v1/projects/1/examples/2/spans", json={})
    assert adapter.calls == ["POST"] and caught.value.status == 400
    assert "This overlapping is not allowed" in str(caught.value)


def test_wrong_password_is_a_clear_login_error_without_the_password():
    settings = Settings(URL, "admin", SECRET, retries=0)
    api = Api(settings, Session(settings, sleep=lambda _: None))
    api.session.mount(
        "http://", Scripted((400, '{"non_field_errors": ["Unable to log in with provided credentials."]}'))
    )
    with pytest.raises(LoginFailed) as caught:
        api.login()
    message = str(caught.value)
    assert "refused the login of user 'admin': wrong username or password" in message
    assert "DOCCANO_PASSWORD" in message and SECRET not in message


def test_pages_follow_doccanos_pagination():
    settings = Settings(URL, "admin", SECRET)
    api = Api(settings, Session(settings))
    adapter = Scripted(
        (200, '{"count": 3, "next": "x", "results": [{"id": 1}, {"id": 2}]}'),
        (200, '{"count": 3, "next": null, "results": [{"id": 3}]}'),
    )
    api.session.mount("http://", adapter)
    assert [e["id"] for e in api.pages("projects/1/examples")] == [1, 2, 3]
