"""Follow a remote without ever writing into the served repository.

A repository with a remote is served through a bare *mirror* in a writable runtime directory
of the server's own. The mirror borrows the repository's objects (git alternates, nothing is
copied), copies its branches and tags, and fetches from its remotes: ``FETCH_HEAD``, new
objects and remote-tracking refs land in the mirror. The repository itself may be a
read-only mount (the container setup) and is only ever read.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import git

from pathapi.store.git import ContentRepository
from pathapi.store.git_values import RepositoryError

log = logging.getLogger(__name__)
USERINFO = re.compile(r"(?<=://)[^/@]*@")


@dataclass(frozen=True)
class FetchStatus:
    """What is followed and how the last fetch went."""

    remote: str | None = None
    attempted_at: datetime | None = None
    fetched_at: datetime | None = None
    error: str | None = None


def redact(url: str) -> str:
    """URL without user name or password, fit for /health and logs."""
    return USERINFO.sub("", url)


class MirrorRepository(ContentRepository):
    """A bare mirror of SOURCE in DIRECTORY; every write of following happens here."""

    def __init__(self, source: ContentRepository, directory: Path) -> None:
        self.source = source
        self.directory = directory
        self.remotes = {r.name: str(r.url) for r in source.repo.remotes}
        _git(directory.parent, "init", "--quiet", "--bare", str(directory))
        objects = Path(source.repo.common_dir) / "objects"
        (directory / "objects" / "info" / "alternates").write_text(f"{objects.resolve()}\n")
        # Keep fetched packs whole: unpacking loose objects would "freshen" (touch) the source's copies.
        _git(directory, "config", "transfer.unpackLimit", "1")
        for name, url in self.remotes.items():
            _git(directory, "remote", "add", "--end-of-options", name, url)
        super().__init__(directory)
        self._copy_refs("+refs/remotes/*:refs/remotes/*")  # what the repository knew of its remotes
        head = source.repo.head
        if head.is_detached:
            self._git("update-ref", "--no-deref", "HEAD", head.commit.hexsha)
        else:
            self._git("symbolic-ref", "HEAD", head.ref.path)

    @property
    def remote(self) -> str | None:
        """The followed remote's URL (origin first), without credentials."""
        url = self.remotes.get("origin") or next(iter(self.remotes.values()), None)
        return redact(url) if url else None

    def _copy_refs(self, *refspecs: str) -> None:
        """Copy the source's branches and tags (and REFSPECS) into the mirror; reads the source only."""
        self._git(
            "fetch",
            "--quiet",
            "--no-tags",
            "--end-of-options",
            str(Path(self.source.repo.git_dir)),
            "+refs/heads/*:refs/heads/*",
            "+refs/tags/*:refs/tags/*",
            *refspecs,
        )

    def present(self) -> bool:
        """Whether the mirror and the repository it borrows objects from are both still on disk."""
        return super().present() and self.source.present()

    def fetch(self) -> bool:
        """Copy the source's refs, then fetch branches and tags from every remote into the mirror."""
        with self._lock:
            self._copy_refs()
            for name in self.remotes:
                self._git("fetch", "--quiet", "--prune", "--tags", "--end-of-options", name)
        return True

    def close(self) -> None:
        """Remove the mirror (the source is untouched)."""
        self.repo.close()
        shutil.rmtree(self.directory, ignore_errors=True)


def _git(cwd: Path, *args: str) -> None:
    try:
        git.Git(str(cwd)).execute(["git", *args])
    except git.GitCommandError as err:
        raise RepositoryError(f"git {args[0]} failed: {str(err.stderr).strip()}") from err


def open_for_serving(path: Path, runtime_dir: Path) -> ContentRepository:
    """PATH itself when it has no remote; else a mirror of it under RUNTIME_DIR."""
    repo = ContentRepository(path)
    if not repo.repo.remotes:
        return repo
    runtime_dir.mkdir(parents=True, exist_ok=True)
    directory = Path(tempfile.mkdtemp(prefix="mirror-", dir=runtime_dir))
    directory.rmdir()  # git init creates it
    return MirrorRepository(repo, directory)


def fetch(repo: ContentRepository, previous: FetchStatus) -> FetchStatus:
    """Fetch REPO's remotes (when it is a mirror); a failure is logged and recorded, never raised."""
    if not isinstance(repo, MirrorRepository):
        return previous
    now = datetime.now(UTC)
    try:
        repo.fetch()
    except (RepositoryError, git.GitCommandError, OSError) as err:
        error = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
        log.warning("fetch from %s failed, serving the local copy: %s", repo.remote, error)
        return FetchStatus(repo.remote, now, previous.fetched_at, redact(error))
    return FetchStatus(repo.remote, now, now, None)
