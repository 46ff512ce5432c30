"""The HTTP responses an audit grades, however they were obtained."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Response:
    """One HTTP response: its URL, status, headers (names lower-cased) and body."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""

    @property
    def scheme(self) -> str:
        return urlsplit(self.url).scheme

    def header_values(self, name: str) -> list[str]:
        """Return every value of the header ``name``, in the order they were sent."""
        lowered = name.lower()
        return [value for key, value in self.headers if key == lowered]

    def first_header(self, name: str) -> str | None:
        values = self.header_values(name)
        return values[0] if values else None


@dataclass(frozen=True)
class Scan:
    """The responses an audit observed.

    ``final`` is the response whose headers are graded. ``responses`` contains every
    response received, for the cookies they set. ``http_route`` lists the URLs
    visited from the http URL, starting with it, when the redirect from http was
    observed; otherwise ``redirection_not_graded`` gives the reason.
    """

    final: Response
    responses: tuple[Response, ...]
    http_route: tuple[str, ...] | None = None
    redirection_not_graded: str | None = None

    @property
    def https_response(self) -> Response | None:
        """Return the graded response when it came over https, else None."""
        return self.final if self.final.scheme == "https" else None
