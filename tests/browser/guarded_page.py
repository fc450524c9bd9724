"""A page in its own browser context, with every request, console error and page error recorded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    WebError,
    WebSocketRoute,
)

from tests.browser.browser_helpers import PYTHON_TIMEOUT_MS, UI_TIMEOUT_MS, origin_of

P = TypeVar("P", bound="GuardedPage")


class Mark(NamedTuple):
    """Counts of what a GuardedPage had recorded at one moment."""

    requests: int
    foreign_requests: int
    console_errors: int
    page_errors: int
    failed_responses: int


def open_guarded(browser: Browser, origin: str, kind: type[P], **context_options: Any) -> P:
    """A page in a fresh context with the given options, every request and error recorded;
    a request to any origin but `origin` is listed in `foreign_requests` (the browser is
    started so that none can leave loopback: TEST_CHROMIUM_FLAGS).

    The offline service worker is blocked unless the options say `service_workers="allow"`:
    after Python is ready it stores the whole site, about 1.5 s of CPU per context, which
    only the tests of offline use, the snapshot and the walk over every page are about."""
    context_options.setdefault("service_workers", "block")
    context = browser.new_context(**context_options)
    context.set_default_timeout(UI_TIMEOUT_MS)
    # A loaded machine can take seconds to load a page while Python's 5 MB arrive beside it:
    # navigation waits as long as Python does.
    context.set_default_navigation_timeout(PYTHON_TIMEOUT_MS)
    guarded = kind(page=context.new_page(), context=context, origin=origin)
    context.route_web_socket("**/*", guarded._route_web_socket)
    context.on("request", guarded._on_request)
    context.on("response", guarded._on_response)
    context.on("console", guarded._on_console)
    context.on("weberror", guarded._on_web_error)
    return guarded


@contextmanager
def guarded_pages(browser: Browser, origin: str, kind: type[P]) -> Iterator[Callable[..., P]]:
    """A factory of guarded pages (of `kind`) on `origin`; at the end their contexts close, and
    the test fails if any page asked for something outside `origin`."""
    opened: list[P] = []

    def open_page(**context_options: Any) -> P:
        guarded = open_guarded(browser, origin, kind, **context_options)
        opened.append(guarded)
        return guarded

    yield open_page

    for guarded in opened:
        guarded.context.close()
    leaks = [request for guarded in opened for request in guarded.foreign_requests]
    if leaks:
        pytest.fail(
            f"The page asked for something outside {origin} (it could not leave this "
            "machine here, but a reader's browser would have sent it):\n  " + "\n  ".join(leaks),
            pytrace=False,
        )


@dataclass(repr=False)
class GuardedPage:
    """A page in its own context, with everything the reader's browser did recorded."""

    page: Page
    context: BrowserContext
    origin: str
    requests: list[str] = field(default_factory=list)
    # What the page and its workers asked for, without the offline service worker's copies.
    page_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"<GuardedPage at {self.page.url}, {len(self.requests)} requests>"

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def goto(self, path: str = "") -> Response | None:
        return self.page.goto(self.url(path))

    def mark(self) -> Mark:
        """How much has been recorded so far: what happens after it can be told apart."""
        return Mark(
            len(self.requests),
            len(self.foreign_requests),
            len(self.console_errors),
            len(self.page_errors),
            len(self.failed_responses),
        )

    def problems(self, since: Mark | None = None) -> list[str]:
        """Console errors, uncaught errors and failed responses (after `since`), for messages."""
        start = since or Mark(0, 0, 0, 0, 0)
        return (
            [f"console error: {text}" for text in self.console_errors[start.console_errors :]]
            + [f"uncaught error: {text}" for text in self.page_errors[start.page_errors :]]
            + [f"HTTP error: {text}" for text in self.failed_responses[start.failed_responses :]]
        )

    # --- listeners

    def _route_web_socket(self, socket: WebSocketRoute) -> None:
        if origin_of(socket.url) in {None, self.origin.replace("http", "ws", 1)}:
            socket.connect_to_server()
        else:
            self.foreign_requests.append(f"WebSocket {socket.url}")
            socket.close()

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)
        if origin_of(request.url) not in {None, self.origin}:
            self.foreign_requests.append(f"{request.method} {request.url}")
        if request.service_worker is None:
            self.page_requests.append(request.url)

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed_responses.append(f"{response.status} {response.url}")

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location
            self.console_errors.append(
                f"{message.text} (at {where.get('url', '?')}:{where.get('lineNumber', '?')})"
            )

    def _on_web_error(self, error: WebError) -> None:
        thrown = error.error
        self.page_errors.append(thrown.stack or f"{thrown.name}: {thrown.message}")
