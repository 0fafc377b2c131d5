"""`pathapi release` refuses likely mistakes (uncommitted edits, off the followed branch, no change, older)
unless --force; --dry-run creates nothing; tag names work wherever a release is named; notes tell the schedule."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from pathapi.cli import main
from pathapi.store.git import ContentRepository
from pathapi.store.release_tags import list_releases
from tests.support import ContentRepo, topic

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(repo: ContentRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run a pathapi subcommand on the test repository in LANG; (exit status, stdout, stderr)."""
    monkeypatch.delenv("PATHAPI_BRANCH", raising=False)

    def call(*argv: str, lang: str = "en") -> tuple[int, str, str]:
        code = main([*argv, "--repo", str(repo.root), "--lang", lang])
        out = capsys.readouterr()
        return code, out.out, out.err

    return call


def names(repo: ContentRepo) -> list[str]:
    """Release names, oldest first."""
    return [r.name for r in list_releases(ContentRepository(repo.root))]


def retitle(repo: ContentRepo, title: str) -> None:
    """Change the Finnish title of path ehkaisy in the working tree."""
    target = repo.root / "content/paths/ehkaisy.json"
    data = json.loads(target.read_text())
    data["title"]["fi"] = title
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2))


def test_uncommitted_content_is_refused_with_its_files_named(repo: ContentRepo, run: Run) -> None:
    retitle(repo, "Tallentamaton otsikko")
    repo.write(topic("uusi-aihe"))  # untracked counts too
    code, out, err = run("release")
    assert code == 1 and names(repo) == [] and out == ""
    assert (
        "These files have changes that are not committed: content/paths/ehkaisy.json, "
        "content/topics/uusi-aihe.json. They would not be in the release."
    ) in err
    assert "merge them into main, then release" in err
    assert "To release anyway, add --force." in err and "Not released. Nothing was created." in err

    code, _, err = run("release", lang="fi")
    assert code == 1 and "Tiedostoissa on muutoksia, joita ei ole tallennettu gitiin (commit)" in err
    assert "Jos julkaiset silti, lisää --force." in err


def test_uncommitted_changes_outside_content_do_not_matter(repo: ContentRepo, run: Run) -> None:
    (repo.root / "README.md").write_text("muistiinpanoja\n")
    code, out, _ = run("release")
    assert code == 0 and len(names(repo)) == 1
    assert out.startswith(f"Released {names(repo)[0]}") and "A server following this repository makes it live" in out


def test_force_releases_the_commit_despite_uncommitted_edits(repo: ContentRepo, run: Run) -> None:
    retitle(repo, "Tallentamaton otsikko")
    code, _, err = run("release", "--force")
    assert code == 0 and "Overridden with --force: These files have changes that are not committed" in err
    made = list_releases(ContentRepository(repo.root))[-1]
    assert made.sha == repo.git("rev-parse", "HEAD")


def test_a_feature_branch_commit_is_refused_until_merged(repo: ContentRepo, run: Run) -> None:
    repo.git("switch", "-q", "-c", "paivitys/ehkaisy")
    retitle(repo, "Uusi otsikko")
    commit = repo.commit("Feature work")
    code, _, err = run("release")
    assert code == 1 and names(repo) == []
    assert (
        f"Commit {commit[:12]} is not on main, the branch the server follows (you are on paivitys/ehkaisy). "
        "Merge the changes into main (a pull request), switch to it (git switch main, git pull)"
    ) in err
    code, _, err = run("release", lang="fi")
    assert "ei ole haarassa main, jota palvelin seuraa (olet haarassa paivitys/ehkaisy)" in err

    repo.git("switch", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge", "paivitys/ehkaisy")
    repo.git("switch", "-q", "paivitys/ehkaisy")
    code, _, _ = run("release")  # the same commit, now contained in main: fine from any branch
    assert code == 0 and list_releases(ContentRepository(repo.root))[-1].sha == commit


def test_force_releases_a_feature_branch(repo: ContentRepo, run: Run) -> None:
    repo.git("switch", "-q", "-c", "kokeilu")
    retitle(repo, "Kokeilu")
    commit = repo.commit("Experiment")
    code, _, err = run("release", "--force")
    assert code == 0 and "Overridden with --force: Commit" in err
    assert list_releases(ContentRepository(repo.root))[-1].sha == commit


def test_the_followed_branch_is_configurable(repo: ContentRepo, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.git("branch", "-m", "main", "tuotanto")
    code, _, err = run("release")
    assert (
        code == 1
        and (
            "The followed branch main does not exist in this repository. Name it with --branch or "
            "the PATHAPI_BRANCH environment variable."
        )
        in err
    )
    assert run("release", "--branch", "tuotanto")[0] == 0
    retitle(repo, "Toinen")
    repo.commit("Second")
    monkeypatch.setenv("PATHAPI_BRANCH", "tuotanto")
    assert run("release")[0] == 0 and len(names(repo)) == 2


def test_the_remote_copy_of_the_branch_decides(repo: ContentRepo, tmp_path: Path, run: Run) -> None:
    """A merge on the local main that was never pushed is not on origin/main: the server would never see it."""
    remote = tmp_path / "remote.git"
    repo.git("clone", "-q", "--bare", str(repo.root), str(remote))
    repo.git("remote", "add", "origin", str(remote))
    repo.git("fetch", "-q", "origin")
    retitle(repo, "Pushaamaton")
    commit = repo.commit("Local only")
    code, _, err = run("release")
    assert code == 1 and f"Commit {commit[:12]} is not on origin/main" in err
    repo.git("push", "-q", "origin", "main")
    repo.git("fetch", "-q", "origin")
    code, out, _ = run("release", "--push")
    name = names(repo)[0]
    assert code == 0 and out.startswith(f"Released {name} (commit {commit[:12]}), and tag release/{name} was pushed")
    assert subprocess.run(["git", "tag"], cwd=remote, capture_output=True, text=True).stdout == f"release/{name}\n"


def test_releasing_twice_without_a_change_is_refused(repo: ContentRepo, run: Run) -> None:
    assert run("release")[0] == 0
    first = names(repo)[0]
    repo.commit("Nothing changed")  # an empty commit: new id, same content
    code, _, err = run("release")
    assert code == 1 and names(repo) == [first]
    assert (
        f"The content is exactly that of the live release {first}: a new release would change nothing. "
        "Commit and merge your changes first"
    ) in err
    code, _, err = run("release", lang="sv")
    assert f"Innehållet är exakt detsamma som i den gällande publiceringen {first}" in err
    code, out, _ = run("release", "--force")
    assert code == 0 and len(names(repo)) == 2 and "- no content changes" in out


def test_a_schema_change_alone_is_a_change(repo: ContentRepo, run: Run) -> None:
    assert run("release")[0] == 0
    schema = repo.root / "schemas/topic.schema.json"
    data = json.loads(schema.read_text())
    data["description"] = "Aiheet, joiden alle polut listataan."
    schema.write_text(json.dumps(data, indent=2))
    repo.commit("Describe topics")
    assert run("release")[0] == 0 and len(names(repo)) == 2


def test_an_older_commit_than_the_live_release_is_refused(repo: ContentRepo, run: Run) -> None:
    retitle(repo, "Uudempi")
    repo.commit("Newer")
    assert run("release")[0] == 0
    code, _, err = run("release", "HEAD~1")
    assert code == 1 and "is older than the live release" in err and "pathapi rollback RELEASE" in err


def test_dry_run_prints_the_notes_and_creates_nothing(repo: ContentRepo, run: Run) -> None:
    code, out, err = run("release", "--dry-run", "-m", "Syksyn päivitys", lang="fi")
    assert code == 0 and err == "" and names(repo) == []
    assert out.startswith("Kokeilu: julkaisu ") and "Mitään ei luotu" in out
    assert "Syksyn päivitys\n\nEnsimmäinen julkaisu:" in out and "- polku ehkaisy: Polku ehkaisy" in out
    assert repo.git("tag") == ""

    assert run("release")[0] == 0
    code, out, err = run("release", "--dry-run")  # would be refused: says so, still creates nothing
    assert code == 1 and "a new release would change nothing" in err
    assert out.startswith("Dry run: release ") and "but it would be refused (reasons above)" in out
    assert len(names(repo)) == 1
    code, _, _ = run("release", "--dry-run", "--force")
    assert code == 0 and len(names(repo)) == 1


def test_notes_list_scheduled_moments(repo: ContentRepo, run: Run) -> None:
    repo.write(topic("joulu", publish_at="2099-12-24T08:00:00+02:00"))
    repo.write(topic("kesa", publish_at="2020-06-01T00:00:00+03:00", unpublish_at="2099-09-01T00:00:00+03:00"))
    repo.write(topic("luonnos", status="draft", publish_at="2099-01-01T00:00:00+02:00"))
    repo.commit("Scheduled topics")
    code, out, _ = run("release")
    assert code == 0
    assert (
        "Scheduled:\n"
        "- topic kesa: publish at 2020-06-01T00:00:00+03:00 (passed)\n"
        "- topic kesa: unpublish at 2099-09-01T00:00:00+03:00 (pending)\n"
        "- topic joulu: publish at 2099-12-24T08:00:00+02:00 (pending)\n"
    ) in out
    assert "luonnos: publish" not in out  # a draft's schedule changes nothing

    retitle(repo, "Muutettu")
    repo.commit("Unrelated")
    code, out, _ = run("release", lang="fi")  # past moments of unchanged documents are not repeated
    assert "kesa: tulee näkyviin" not in out
    assert "- aihe kesa: poistuu näkyvistä 2099-09-01T00:00:00+03:00 (tulossa)" in out

    code, out, _ = run("releases", lang="fi")
    assert "Ajastetut muutokset, jotka ovat vielä tulossa (julkaisu " in out
    assert "- 2099-12-24T08:00:00+02:00  aihe joulu: tulee näkyviin (Aihe joulu)" in out


def test_releases_without_a_schedule_say_so(repo: ContentRepo, run: Run) -> None:
    code, out, _ = run("releases")
    assert code == 0
    assert "No scheduled changes to come (branch main)." in out


def test_rollback_by_tag_name_and_notes_say_it_is_a_rollback(
    repo: ContentRepo, run: Run, make_app: Callable[..., Flask]
) -> None:
    assert run("release")[0] == 0
    good = names(repo)[0]
    retitle(repo, "Virhe")
    repo.commit("Bad")
    assert run("release")[0] == 0
    code, out, _ = run("rollback", f"release/{good}", lang="fi")
    assert code == 0
    assert f"Paluu julkaisuun {good}\n\nPaluu julkaisuun {good}: sen sisältö on taas voimassa." in out
    assert "Muutettu:\n- polku ehkaisy: Polku ehkaisy" in out
    made = list_releases(ContentRepository(repo.root))[-1]
    assert made.sha == list_releases(ContentRepository(repo.root))[0].sha and "Rollback-Of: " + good in made.tag.message

    code, _, err = run("rollback", good)  # already live
    assert code == 1 and f"The content of release {good} is already live" in err
    client = make_app().test_client()
    assert client.get(f"/v1/paths/ehkaisy?version=release/{names(repo)[1]}").get_json()["title"] == "Virhe"


def test_rollback_dry_run_creates_nothing(repo: ContentRepo, run: Run) -> None:
    assert run("release")[0] == 0
    retitle(repo, "Virhe")
    repo.commit("Bad")
    assert run("release")[0] == 0
    first = names(repo)[0]
    code, out, _ = run("rollback", first, "--dry-run")
    assert code == 0 and "Rollback to " + first in out and len(names(repo)) == 2


def test_export_accepts_a_tag_name(repo: ContentRepo, run: Run, tmp_path: Path) -> None:
    assert run("release")[0] == 0
    name = names(repo)[0]
    code = main(["export", str(tmp_path / "out"), "--version", f"release/{name}", "--repo", str(repo.root)])
    assert code == 0
    manifest = json.loads(next((tmp_path / "out").rglob("manifest.json")).read_text())
    assert manifest["release"] == name


def test_a_pin_may_be_a_tag_name(repo: ContentRepo, run: Run, make_app: Callable[..., Flask]) -> None:
    assert run("release")[0] == 0
    retitle(repo, "Uudempi")
    repo.commit("Newer")
    assert run("release")[0] == 0
    first = names(repo)[0]
    health = make_app(PIN=f"release/{first}").test_client().get("/health").get_json()
    assert (health["source"], health["release"]) == ("pinned", first)
