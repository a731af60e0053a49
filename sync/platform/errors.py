"""The platform's one refusal type, shared by the terminal and the administration routes."""

from __future__ import annotations


class ApiError(Exception):
    """Answered as ``ErrorBody`` with its status: a code for programs, a sentence for people."""

    def __init__(self, status: int, code: str, detail: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers
