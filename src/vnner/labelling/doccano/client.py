"""A connection to a doccano 1.8.4 server: settings, time-outs, retries and errors a user can act on.

All requests go through one `requests.Session` subclass, also handed to doccano-client's
`doccano_client.beta.DoccanoClient`, so every call — ours and the client library's — gets
a time-out, the same retry policy and the same error messages.

Retry policy (urllib3's `Retry` on the session's adapters): a request is tried again, after
0.5 s, 1 s, 2 s, 4 s, when trying again can succeed and cannot do anything twice:

* the connection could not be opened (refused, connect time-out): the server never saw the
  request, whatever the method;
* the answer was lost (read time-out, connection dropped) or was 500/502/503/504, for
  methods that are idempotent (GET, PUT, PATCH, DELETE, HEAD, OPTIONS).

A POST whose answer was lost is *not* retried here: the server may have done it. The error
it raises says so (`DoccanoError.maybe_done`), and `push` looks at the server before it
tries again, which is how a retried push avoids duplicates.
"""

from __future__ import annotations

import html
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import takewhile
from typing import Any
from urllib.parse import urlsplit

import requests
from doccano_client.beta import DoccanoClient
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ReadTimeoutError
from urllib3.util.retry import Retry

from vnner.labelling.doccano.server import log_hint

ENV_URL, ENV_USERNAME, ENV_PASSWORD = "DOCCANO_URL", "DOCCANO_USERNAME", "DOCCANO_PASSWORD"
IDEMPOTENT = {"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"}
RETRY_STATUS = {500, 502, 503, 504}
PAGE = 100  # examples per list request (doccano's own default is 5)


class DoccanoError(Exception):
    """Something went wrong talking to doccano; the message says what and what to do next."""

    def __init__(self, message: str, *, retryable: bool = False, maybe_done: bool = False):
        super().__init__(message)
        self.retryable = retryable  # trying again later may succeed
        self.maybe_done = maybe_done  # the server may have carried out the request anyway


class Unreachable(DoccanoError):
    pass


class TimedOut(DoccanoError):
    pass


class ServerError(DoccanoError):
    pass


class LoginFailed(DoccanoError):
    pass


class Rejected(DoccanoError):
    """doccano answered 4xx: the request itself is wrong (or not allowed); retrying cannot help."""

    def __init__(self, message: str, status: int, detail: str):
        super().__init__(message)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Settings:
    url: str
    username: str
    password: str = field(repr=False)
    timeout: float = 30.0
    retries: int = 4
    backoff: float = 0.5

    @classmethod
    def resolve(
        cls, url: str | None = None, username: str | None = None, password: str | None = None, **options: Any
    ) -> Settings:
        """Settings from the given values, else from DOCCANO_URL / DOCCANO_USERNAME / DOCCANO_PASSWORD."""
        url = url or os.environ.get(ENV_URL)
        username = username or os.environ.get(ENV_USERNAME)
        password = password if password is not None else os.environ.get(ENV_PASSWORD)
        if not url:
            raise DoccanoError(f"no doccano address: pass --url or set {ENV_URL} (e.g. http://127.0.0.1:8000)")
        if not username:
            raise DoccanoError(f"no doccano user: pass --username or set {ENV_USERNAME}")
        if not password:
            raise DoccanoError(f"no doccano password: pass --password or set {ENV_PASSWORD}")
        return cls(normalize_url(url), username, password, **options)


def normalize_url(url: str) -> str:
    """http://host:port, without a trailing slash or /v1; refuse anything that is not http(s)."""
    url = url.strip().rstrip("/")
    if url.endswith("/v1"):
        url = url[: -len("/v1")]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DoccanoError(f"doccano address {url!r} is not an http:// or https:// URL (e.g. http://127.0.0.1:8000)")
    return url


def _detail(response: requests.Response) -> str:
    """The server's reason in one short line: DRF's JSON detail, or an HTML page's title."""
    try:
        body = response.json()
    except ValueError:
        text = response.text or ""
        title = re.search(r"<title>(.*?)</title>", text, re.S | re.I)
        line = title.group(1) if title else text.strip().splitlines()[0] if text.strip() else ""
        return html.unescape(" ".join(line.split()))[:200]
    if isinstance(body, dict):
        parts = []
        for key, value in body.items():
            value = value if isinstance(value, list) else [value]
            text = "; ".join(str(v) for v in value)
            parts.append(text if key in ("detail", "non_field_errors") else f"{key}: {text}")
        return " ".join(parts)[:300]
    return json.dumps(body, ensure_ascii=False)[:300]


def _never_sent(exc: requests.RequestException) -> bool:
    """True when the request cannot have reached the server (the connection was never opened)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    return isinstance(_reason(exc), (NewConnectionError, ConnectTimeoutError))


def _why(exc: requests.RequestException) -> str:
    text = str(exc)
    if "Connection refused" in text:
        return "connection refused"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "unknown host"
    if "reset" in text.lower() or "RemoteDisconnected" in text or "aborted" in text.lower() or "IncompleteRead" in text:
        return "connection dropped"
    return type(exc).__name__


class _Retry(Retry):
    """urllib3's Retry with vnner's back-off (backoff, 2·backoff, 4·backoff … from the first retry on),
    an injectable sleep (tests record it instead of waiting), and a callback per retry (to count tries)."""

    def __init__(
        self,
        *args: Any,
        sleeper: Callable[[float], None] | None = None,
        on_retry: Callable[[], None] | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.sleeper = sleeper or time.sleep
        self.on_retry = on_retry or (lambda: None)

    def new(self, **kw: Any) -> _Retry:
        retry = super().new(**kw)
        retry.sleeper, retry.on_retry = self.sleeper, self.on_retry
        return retry

    def increment(self, *args: Any, **kwargs: Any) -> _Retry:
        retry = super().increment(*args, **kwargs)  # raises MaxRetryError (or the error) when out of tries
        self.on_retry()
        return retry

    def get_backoff_time(self) -> float:
        errors = len(list(takewhile(lambda h: h.redirect_location is None, reversed(self.history))))
        return 0.0 if errors == 0 else float(min(self.backoff_max, self.backoff_factor * 2 ** (errors - 1)))

    def sleep(self, response: Any = None) -> None:
        backoff = self.get_backoff_time()
        if backoff > 0:
            self.sleeper(backoff)


def _reason(exc: requests.RequestException) -> Exception | None:
    """urllib3's underlying error: the reason inside a MaxRetryError, or the wrapped error itself."""
    inner = exc.args[0] if exc.args else None
    return getattr(inner, "reason", inner) if isinstance(inner, Exception) else None


def _timed_out(exc: requests.RequestException) -> bool:
    return isinstance(exc, requests.exceptions.Timeout) or (
        isinstance(_reason(exc), (ReadTimeoutError, ConnectTimeoutError))
        and not isinstance(_reason(exc), NewConnectionError)
    )


class Session(requests.Session):
    """A requests session with doccano's retry policy, time-outs and errors (module docstring).

    Retrying is urllib3's `Retry` on the session's adapters: connection errors for any method
    (the server never saw the request), read errors and 500/502/503/504 for idempotent methods only.
    """

    def __init__(self, settings: Settings, sleep: Callable[[float], None] | None = None):
        super().__init__()
        self.settings = settings
        self.sleep = sleep or (lambda seconds: time.sleep(seconds))
        self.tries = 0  # how many HTTP attempts this session made (tests and logs)
        self._attempts = 0  # attempts of the request in flight
        retry = _Retry(
            total=settings.retries,
            connect=settings.retries,
            read=settings.retries,
            status=settings.retries,
            other=0,
            redirect=0,
            allowed_methods=frozenset(IDEMPOTENT),
            status_forcelist=RETRY_STATUS,
            backoff_factor=settings.backoff,
            raise_on_status=False,
            raise_on_redirect=False,
            respect_retry_after_header=False,
            sleeper=lambda seconds: self.sleep(seconds),
            on_retry=self._retried,
        )
        for prefix in ("http://", "https://"):
            self.mount(prefix, HTTPAdapter(max_retries=retry))

    def _retried(self) -> None:
        self._attempts += 1
        self.tries += 1

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        s = self.settings
        method = method.upper()
        kwargs.setdefault("timeout", (min(10.0, s.timeout), s.timeout))
        where = f"{method} {urlsplit(url).path}"
        self._attempts = 1
        self.tries += 1
        try:
            response = super().request(method, url, *args, **kwargs)
        except requests.exceptions.RequestException as exc:
            # ChunkedEncodingError: the connection dropped while the answer was being read.
            if not isinstance(
                exc,
                (
                    requests.exceptions.ConnectionError,
                    requests.exceptions.Timeout,
                    requests.exceptions.ChunkedEncodingError,
                ),
            ):
                raise DoccanoError(f"request {where} to doccano at {s.url} failed: {exc}") from None
            never_sent = _never_sent(exc)
            maybe_done = not never_sent and method not in IDEMPOTENT
            after = f" (tried {self._attempts} times)" if self._attempts > 1 else ""
            if _timed_out(exc):
                after = f" after {self._attempts} tries" if self._attempts > 1 else ""
                raise TimedOut(
                    f"doccano at {s.url} did not answer {where} within {s.timeout:g} s{after}; "
                    f"is the server overloaded or stuck? ({log_hint(s.url)})",
                    retryable=True,
                    maybe_done=maybe_done,
                ) from None
            raise Unreachable(
                f"cannot reach doccano at {s.url}: {_why(exc)}{after}. Is it running? "
                "Start it with `vnner doccano serve` or check --url / DOCCANO_URL",
                retryable=True,
                maybe_done=maybe_done,
            ) from None
        if response.status_code >= 500:
            after = f" (tried {self._attempts} times)" if self._attempts > 1 else ""
            raise ServerError(
                f"doccano at {s.url} failed on {where} with HTTP {response.status_code}"
                f" ({_detail(response) or 'no detail'}){after}; {log_hint(s.url)}",
                retryable=True,
                maybe_done=method not in IDEMPOTENT,
            )
        if response.status_code >= 400:
            detail = _detail(response)
            raise Rejected(
                f"doccano refused {where} (HTTP {response.status_code}: {detail or 'no detail'})",
                response.status_code,
                detail,
            )
        return response


class Api:
    """A logged-in connection: doccano-client's beta client plus the few calls it lacks."""

    def __init__(self, settings: Settings, session: Session | None = None):
        self.settings = settings
        self.session = session or Session(settings)
        self.client = DoccanoClient(settings.url)
        self.client.client_session = self.session
        self.session.headers.update(
            {"content-type": "application/json", "accept": "application/json", "referer": settings.url}
        )

    def __repr__(self) -> str:
        return f"Api(url={self.settings.url!r}, username={self.settings.username!r})"

    def login(self) -> Api:
        try:
            self.client.login(self.settings.username, self.settings.password)
        except Rejected as exc:
            if exc.status in (400, 401, 403):
                raise LoginFailed(
                    f"doccano at {self.settings.url} refused the login of user {self.settings.username!r}: "
                    f"wrong username or password ({exc.detail or 'no detail'}); "
                    "check --username/--password or DOCCANO_USERNAME/DOCCANO_PASSWORD"
                ) from None
            raise
        return self

    def url(self, path: str) -> str:
        return f"{self.settings.url}/v1/{path.lstrip('/')}"

    def get(self, path: str, **params: Any) -> Any:
        return self.session.get(self.url(path), params=params or None).json()

    def post(self, path: str, payload: Any) -> Any:
        response = self.session.post(self.url(path), json=payload)
        return response.json() if response.content else None

    def patch(self, path: str, payload: Any) -> Any:
        return self.session.patch(self.url(path), json=payload).json()

    def delete(self, path: str) -> None:
        self.session.delete(self.url(path))

    def pages(self, path: str, **params: Any) -> Iterator[dict]:
        """Every result of a paginated list, PAGE at a time."""
        offset = 0
        while True:
            body = self.get(path, limit=PAGE, offset=offset, **params)
            results = body.get("results", [])
            yield from results
            offset += len(results)
            if not body.get("next") or not results:
                return


def connect(settings: Settings) -> Api:
    """Log in and return the connection; raises DoccanoError with a clear message when it cannot."""
    return Api(settings).login()
