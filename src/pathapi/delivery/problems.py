"""The one error value of the delivery layer; the web layer renders it as problem+json."""

from __future__ import annotations

from typing import Any


class ProblemError(Exception):
    """An RFC 9457 problem: HTTP status, short title, a detail naming what went wrong."""

    def __init__(
        self, status: int, title: str, detail: str, *, headers: tuple[tuple[str, str], ...] = (), **extensions: Any
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = headers
        self.extensions = extensions


def not_found(what: str, ident: str) -> ProblemError:
    """A 404 naming the kind and id that do not exist."""
    return ProblemError(404, "Not Found", f'{what} "{ident}" does not exist')


def bad_parameter(name: str, detail: str) -> ProblemError:
    """A 400 naming the query parameter and what it allows."""
    return ProblemError(400, "Bad Request", f"query parameter '{name}': {detail}", parameter=name)
