"""Version resolution: a release name, commit id or branch name to the edition to serve, or a problem."""

from __future__ import annotations

import re
from collections.abc import Callable

from pathapi.delivery.cache import BoundedCache
from pathapi.delivery.edition import Edition
from pathapi.delivery.live_state import LiveState
from pathapi.delivery.problems import ProblemError, bad_parameter
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import HEX_ID, RepositoryError
from pathapi.store.release_tags import RELEASE_NAME
from pathapi.store.snapshot import Rejected

UNREADABLE_RETRY = 60  # seconds a client should wait before asking again for a version that cannot be read
FULL_ID = re.compile(r"^[0-9a-f]{40}$")
PUBLISHED_ENTRIES = 4096  # (commit, first release or live commit) -> whether the commit was ever served


class Versions:
    """Resolves what a request names to an edition; publicly only versions that were ever served."""

    def __init__(
        self,
        repo: ContentRepository,
        build: Callable[[str], Edition | Rejected],
        state: Callable[[], LiveState],
    ) -> None:
        self.repo = repo
        self.build = build
        self.state = state
        self.verdicts: BoundedCache[tuple[str, str], bool] = BoundedCache("Versions.published", PUBLISHED_ENTRIES)

    def published(self, sha: str) -> bool:
        """Whether commit SHA was ever served publicly: the live commit, a release's commit, or a commit of
        the followed branch's history before the first release (live then). Commits between releases never were."""
        state = self.state()
        if sha == state.edition.version or any(r.sha == sha for r in state.releases):
            return True
        until = state.releases[0].sha if state.releases else state.edition.version
        return self.verdicts.get_or_compute((sha, until), lambda: self.repo.is_ancestor(sha, until))

    def version(self, value: str, *, preview: bool, parameter: str = "version") -> Edition:
        """A release name or commit id. Publicly, only commits that were served (see published)."""
        release = self.state().release_named(value)
        if release is not None:
            return self._served(release.sha, parameter, value)
        if not HEX_ID.match(value):
            if RELEASE_NAME.match(value):
                raise ProblemError(404, "Not Found", f"{parameter} '{value}': no such release", parameter=parameter)
            kinds = "a branch name, " if parameter == "ref" else ""
            raise bad_parameter(
                parameter, f"must be {kinds}a release name (YYYY-MM-DD.n, see /v1/releases) or a hex commit id"
            )
        sha = self._commit(value, parameter)
        if not preview and not self.published(sha):
            raise ProblemError(
                404, "Not Found", f"{parameter} '{value}': no such published version", parameter=parameter
            )
        return self._served(sha, parameter, value)

    def immutable(self, value: str) -> bool:
        """Whether answers pinned to VALUE may be cached for good: a release name or a full commit id.

        A short commit id resolves too, but may name another commit once the repository grows
        (git lengthens ambiguous abbreviations), so its answers get the live max-age instead.
        """
        return self.state().release_named(value) is not None or bool(FULL_ID.match(value))

    def ref(self, value: str) -> Edition:
        """Preview of a branch (by exact name), a release, or any commit id."""
        sha = self.repo.branches().get(value)
        if sha is not None:
            return self._served(sha, "ref", value)
        return self.version(value, preview=True, parameter="ref")

    def _served(self, sha: str, parameter: str, value: str) -> Edition:
        try:
            result = self.build(sha)
        except RepositoryError as err:  # the commit was resolved before: its objects are damaged or gone
            raise ProblemError(
                503,
                "Service Unavailable",
                f"{parameter} '{value}' (commit {sha[:12]}) cannot be read now: {err}; the server's "
                "copy of the repository is incomplete and its operators have been told",
                parameter=parameter,
                headers=(("Retry-After", str(UNREADABLE_RETRY)),),
            ) from None
        if isinstance(result, Rejected):
            raise ProblemError(
                409, "Conflict", f"{parameter} '{value}' failed validation and is never served", parameter=parameter
            )
        return result

    def _commit(self, value: str, parameter: str) -> str:
        try:
            return self.repo.commit(value).sha
        except RepositoryError:
            raise ProblemError(
                404, "Not Found", f"{parameter} '{value}': no such commit", parameter=parameter
            ) from None
