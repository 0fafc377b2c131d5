"""The ``pathapi`` command: validate content, serve the API."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pathapi.api.config import DEFAULTS, default_repository, from_environment
from pathapi.cli import advice, docs, freshness, options, publishing, scaffold, validate
from pathapi.content.catalogue import render, say
from pathapi.content.reporters import text
from pathapi.content.sources import find_repository, find_root, read_directory
from pathapi.content.validator import validate_files
from pathapi.content.versions import CURRENT
from pathapi.store.git_values import RepositoryError
from pathapi.store.known_valid import default_directory as default_cache_directory
from pathapi.store.release_tags import RELEASE_NAME, release_name


def cmd_serve(args: argparse.Namespace) -> int:
    """Validate HEAD of the repository, then serve it; refuse to start on a broken commit."""
    from pathapi.serving.rundir import prepare_metrics, runtime_directory
    from pathapi.store import head_start

    repo = Path(args.repo) if args.repo else default_repository()
    if not args.dev:
        head_start.start(repo)  # a big repository's helper starts checking while the server's modules load
        prepare_metrics(runtime_directory())  # before prometheus_client is imported: workers share it
    from pathapi.api.loading import SnapshotRejected, load_library, release_events
    from pathapi.serving import server

    lang = options.language(args)
    settings = from_environment()
    cache = str(settings.get("CACHE_DIR") or default_cache_directory())
    try:
        release_events({**DEFAULTS, **settings}, lambda: datetime.now(UTC))  # refuse bad event settings early
    except ValueError as err:
        sys.stderr.write(f"pathapi: {say('serve-bad-setting', lang, error=err)}\n")
        return 2

    def report(result: Any) -> None:
        """Say what is served, or why HEAD is not (a SnapshotRejected)."""
        if isinstance(result, SnapshotRejected):
            sys.stderr.write(f"pathapi: {say('serve-rejected', lang, repo=repo)}\n")
            sys.stderr.write(text(result.report, lang))
            return
        if result.failure is not None:  # started on the newest earlier version that validates
            said = say(
                "serve-fallback", lang, sha=result.failure.commit.short, served=result.edition.snapshot.commit.short
            )
            sys.stderr.write(f"pathapi: {said}\n")
            sys.stderr.write(text(result.failure.report, lang))
        counts = ", ".join(f"{k}: {n}" for k, n in result.edition.snapshot.counts().items())
        where = {
            "repo": repo,
            "sha": result.edition.snapshot.commit.short,
            "counts": counts,
            "url": f"http://{args.host}:{args.port}",
        }
        said = (
            say("serve-release", lang, release=result.release, **where)
            if result.release
            else say("serve-branch", lang, branch=result.branch or "HEAD", **where)
        )
        sys.stderr.write(f"pathapi: {said}\n")

    if not args.dev:  # answers at once ("starting"), builds once for all workers (pathapi.serving.prefork)
        try:
            return server.serve(
                repo, args.host, args.port, args.workers, poll=args.poll, report=report, reuse_port=args.reuse_port
            )
        except server.PortTaken as err:
            sys.stderr.write(f"pathapi: {say('serve-port-taken', lang, address=err.address)}\n")
            return 2
        except ValueError as err:  # PATHAPI_SHUTDOWN_*
            sys.stderr.write(f"pathapi: {say('serve-bad-setting', lang, error=err)}\n")
            return 2
    try:
        report(load_library(repo, cache_dir=None if cache == "off" else Path(cache)).state)
    except SnapshotRejected as err:
        report(err)
        return 1
    server.serve_dev(repo, args.host, args.port)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Upgrade the repository's schemas and the documents that follow an older version, in place."""
    from pathapi.content import migration

    root = find_root(Path(args.dir))
    source = find_root(Path(args.schemas_from) if args.schemas_from else _own_checkout()) / "schemas"
    schemas_were = migration.repository_schema_version(root)
    schema_files = migration.schema_changes(root, source)
    if not args.check:
        migration.copy_schemas(schema_files)
    for change in schema_files:
        kept = f"/v{change.old}/" in change.file.as_posix()
        what = f"version {change.old} kept beside the current one" if kept else f"schema file of version {CURRENT}"
        sys.stdout.write(f"{os.path.relpath(change.file)}: {what}\n")
    documents = list(migration.document_changes(root, schemas_were))
    for change in documents:
        if not args.check:
            migration.write(change)
        sys.stdout.write(f"{os.path.relpath(change.file)}: schema {change.old} -> {change.new}\n")
    verb = "need migrating" if args.check else "migrated"
    count = len(documents)
    sys.stdout.write(f"{count} document{'s' if count != 1 else ''} {verb}\n")
    return 1 if args.check and (documents or schema_files) else 0


def _own_checkout() -> Path:
    """The pathapi checkout this command runs from (its schemas are the current ones), else the default."""
    checkout = Path(__file__).resolve().parents[2]
    return checkout if (checkout / "schemas" / "path.schema.json").is_file() else default_repository()


def cmd_export(args: argparse.Namespace) -> int:
    """Write the public API of a version (default: the live one) as static files."""
    from pathapi.api.app import create_app
    from pathapi.api.loading import SnapshotRejected
    from pathapi.export import ConsoleProgress, Exporter, write_index

    repo, lang = publishing.repository(args), options.language(args)
    version = release_name(args.version) if args.version else None  # release/2026-11-30.2 names 2026-11-30.2
    pin = repo.resolve(version).sha if version and not RELEASE_NAME.match(version) else version
    target = Path(args.dir)
    if target.exists() and any(target.iterdir()):
        return options.fail(say("export-not-empty", lang, dir=target))
    try:
        app = create_app({"REPO": str(repo.path), "PIN": pin, "POLL": 0, "ACCESS_LOG": False, "METRICS": False})
    except SnapshotRejected as err:
        sys.stderr.write(f"pathapi: {say('export-rejected', lang)}\n" + text(err.report, lang))
        return 1
    state = app.extensions["pathapi"].service.library.state
    pending = state.edition.schedule.next_change(datetime.now(UTC))
    if pending:
        sys.stderr.write(f"pathapi: {say('export-pending', lang, moment=pending.isoformat())}\n")
    target.mkdir(parents=True, exist_ok=True)
    written = Exporter(app, target, ConsoleProgress(lang)).run()
    write_index(target, written, state.edition.version, state.release)
    size = sum(e.size for e in written)
    what = state.release or state.edition.version[:12]
    sys.stdout.write(
        say("export-done", lang, count=len(written), size=f"{size / 1e6:.1f}", what=what, dir=target) + "\n"
    )
    return 0


def cmd_studio(args: argparse.Namespace) -> int:
    """Serve the live studio for a working tree: pages re-validate and reload on every save."""
    from pathapi.studio.live import serve_live

    lang = options.language(args)
    root = find_repository(Path(args.dir)) if Path(args.dir).exists() else None
    if root is None:
        return options.fail(say("not-in-repository", lang, path=args.dir))
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        sys.stderr.write(f"pathapi: {say('studio-open-host', lang, host=args.host)}\n")
    url = f"http://{args.host}:{args.port}/studio/"
    sys.stderr.write(f"pathapi: {say('studio-serving', lang, root=root, url=url)}\n")
    serve_live(root, args.host, args.port)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """Tell what changed between two versions (default: the followed branch and the working tree)."""
    from pathapi.review import compare, render, states

    repo = publishing.repository(args)
    base = args.base or states.followed_branch(repo, from_environment().get("BRANCH"))
    base_sha = repo.resolve(base).sha
    if args.head:
        head_sha = repo.resolve(args.head).sha
        head_files, head_label = states.files_at(repo, head_sha), f"{args.head} ({head_sha[:12]})"
    else:
        head_files, head_label = states.working_files(repo.path), "working tree"
    review = compare.review(states.files_at(repo, base_sha), head_files, f"{base} ({base_sha[:12]})", head_label)
    out = render.as_json(review) if args.format == "json" else render.FORMATS[args.format](review, args.lang)
    sys.stdout.write(out)
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Create a new content repository with schemas, the CI and pre-commit kit and an example path."""
    from pathapi.kit import InitError, create_repository

    target, lang = Path(args.dir), options.language(args)
    schemas = find_root(Path(args.schemas_from) if args.schemas_from else default_repository()) / "schemas"
    try:
        created = create_repository(target, schemas)
    except InitError as err:
        return options.fail(say(err.code, lang, **err.values))
    report = validate_files(read_directory(target)).report
    summary = text(report, lang).splitlines()[-1]
    done = render("init-done", {"dir": str(target), "count": str(len(created)), "summary": summary}, lang)
    message, steps = done or ("", "")
    sys.stdout.write(f"{message}\n\n{steps}\n")
    return 0 if report.ok else 1


def parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    top = argparse.ArgumentParser(prog="pathapi", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    validate.add_validate(sub)
    docs.add_docs(sub)
    scaffold.add_new(sub)
    advice.add_advise(sub)

    serve = sub.add_parser("serve", help="serve the read API for HEAD of a content repository")
    serve.add_argument("--repo", help="content repository (default: ., else the bundled content)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    serve.add_argument("--dev", action="store_true", help="Flask's reloading development server")
    serve.add_argument(
        "--poll",
        type=float,
        default=None,
        metavar="SECONDS",
        help="check the repository for new commits and releases every SECONDS",
    )
    options.add_language(serve)
    serve.add_argument(
        "--reuse-port",
        action="store_true",
        help="share the port with other servers already on it (SO_REUSEPORT); refused otherwise",
    )
    serve.set_defaults(run=cmd_serve)

    studio = sub.add_parser("studio", help="see the working tree's paths in a browser, live as you save")
    studio.add_argument("dir", nargs="?", default=".", help="content repository (default: .)")
    studio.add_argument("--host", default="127.0.0.1")
    studio.add_argument("--port", type=int, default=8001)
    options.add_language(studio)
    studio.set_defaults(run=cmd_studio)

    diff = sub.add_parser("diff", help="what changed, in words: per document, step and language")
    diff.add_argument("base", nargs="?", help="branch, release tag or commit (default: the followed branch)")
    diff.add_argument("head", nargs="?", help="branch, release tag or commit (default: the working tree)")
    diff.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    diff.add_argument("--lang", choices=["fi", "sv", "en"], default="fi", help="language of the wording")
    diff.add_argument("--repo")
    diff.set_defaults(run=cmd_diff)

    init = sub.add_parser("init", help="create a new content repository: schemas, CI files, hooks, an example")
    init.add_argument("dir", help="a new or empty directory")
    init.add_argument("--schemas-from", help="content repository to copy schemas/ from (default: this one)")
    options.add_language(init)
    init.set_defaults(run=cmd_init)

    migrate = sub.add_parser("migrate", help="upgrade documents to the current schema version, in place")
    migrate.add_argument("dir", nargs="?", default=".", help="repository root or its content/ (default: .)")
    migrate.add_argument("--check", action="store_true", help="only list documents to migrate; exit 1 if any")
    migrate.add_argument("--schemas-from", help="repository whose schemas/ are current (default: pathapi's own)")
    migrate.set_defaults(run=cmd_migrate)

    export = sub.add_parser("export", help="write the public API of a version as static files")
    export.add_argument("dir", help="a new or empty directory")
    export.add_argument("--version", help="release name, its tag name or a commit (default: the live version)")
    export.add_argument("--repo")
    options.add_language(export)
    export.set_defaults(run=cmd_export)

    publishing.add_commands(sub)
    freshness.add_stale(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pathapi`` console script."""
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except RepositoryError as err:
        said = say(err.code, options.language(args), **err.args_for_message) if err.code else str(err)
        sys.stderr.write(f"pathapi: {said}\n")
        return 1
    return code
