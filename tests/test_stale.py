"""Fresh and owned: overdue reviews warn in validate (fail with --strict), `pathapi stale` lists them with
owners, /health counts them; every answer depends on an injected day, never on when the test runs."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from flask import Flask

from pathapi.cli import main
from pathapi.content.freshness import add_months
from pathapi.content.sources import read_directory
from pathapi.content.validator import validate_files
from tests.support import ContentRepo, channel, path, topic

Run = Callable[..., tuple[int, str, str]]
OWNER = {"unit": "Seksuaaliterveys", "email": "seksuaaliterveys@example.fi", "review_due": "2026-11-15"}


@pytest.fixture
def stale_repo(repo: ContentRepo) -> ContentRepo:
    """The standard corpus plus one path and one channel overdue on 2026-12-01, one path due on 2026-12-20."""
    repo.write(path("myohassa", topics=["seksuaaliterveys"], owner=OWNER))
    repo.write(channel("vanha-puhelin", owner={"unit": "Asiakaspalvelu", "review_due": "2026-11-30"}))
    repo.write(path("pian", topics=["seksuaaliterveys"], owner={"unit": "Neuvola", "review_due": "2026-12-20"}))
    repo.write(channel("arkisto", status="archived", owner={"unit": "Vanha", "review_due": "2020-01-01"}))
    repo.commit("Owners")
    return repo


@pytest.fixture
def run(stale_repo: ContentRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run a pathapi subcommand from inside the repository; (exit status, stdout, stderr)."""
    monkeypatch.chdir(stale_repo.root)

    def call(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out = capsys.readouterr()
        return code, out.out, out.err

    return call


def test_an_overdue_review_is_a_warning_naming_the_owner(run: Run) -> None:
    code, out, _ = run("validate", "--lang", "en")
    assert code == 0  # warnings never fail a build unless asked
    assert (
        "content/paths/myohassa.json:24:19: warning: The content was due for review by 2026-11-15; its owner "
        "is Seksuaaliterveys, seksuaaliterveys@example.fi. Ask the owner to review it"
    ) in out
    assert "The content was due for review by 2026-11-30; its owner is Asiakaspalvelu." in out
    assert "pian.json" not in out and "arkisto" not in out  # not yet due; archived
    assert out.splitlines()[-1].endswith("0 problems, 2 warnings")
    code, out, _ = run("validate", "--lang", "fi")
    assert "varoitus: Sisällön tarkistus oli määrä tehdä viimeistään 2026-11-15; omistaja on Seksuaaliterveys" in out


def test_strict_makes_an_overdue_review_fail(run: Run) -> None:
    assert run("validate", "--strict")[0] == 1
    assert run("validate", "--strict", "--today", "2026-11-15")[0] == 0  # due that day: not late yet


def test_today_moves_the_clock(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "warning:" not in run("validate", "--lang", "en", "--today", "2026-11-01")[1]
    assert run("validate", "--lang", "en", "--today", "2026-12-25")[1].count("warning: The content was due") == 3
    monkeypatch.setenv("PATHAPI_TODAY", "2026-11-01")  # the default for --today (reproducible CI)
    assert "warning:" not in run("validate", "--lang", "en")[1]


def test_a_bad_today_is_one_clear_sentence(
    run: Run, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "fi_FI.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    for argv in (
        ["stale", "--today", "1.12.2026"],
        ["validate", "--today", "2026-12-1"],
        ["stale", "--within", "kuukausi"],
    ):
        with pytest.raises(SystemExit) as exit_:
            run(*argv)
        assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Päivä 1.12.2026 ei kelpaa. Kirjoita se muodossa 2026-12-24." in err
    assert "Päivä 2026-12-1 ei kelpaa." in err
    assert "Päivien määrä kuukausi ei kelpaa. Anna kokonaisluku 0 tai enemmän" in err
    monkeypatch.setenv("PATHAPI_TODAY", "20261201")  # a compact date is not the form editors write
    with pytest.raises(SystemExit) as exit_:
        run("validate")
    assert str(exit_.value.code) == "pathapi: PATHAPI_TODAY: Päivä 20261201 ei kelpaa. Kirjoita se muodossa 2026-12-24."


def test_validation_without_a_day_has_no_review_findings(stale_repo: ContentRepo) -> None:
    """A served snapshot is the same whatever the date: only commands that are given a day judge reviews."""
    files = read_directory(stale_repo.root)
    assert not [p for p in validate_files(files).report.problems if p.rule == "review-due"]
    assert (
        len([p for p in validate_files(files, today=date(2026, 12, 1)).report.problems if p.rule == "review-due"]) == 2
    )


def test_stale_lists_overdue_documents_by_date_with_owner_and_email(run: Run) -> None:
    code, out, _ = run("stale", "--lang", "fi")
    assert code == 0
    assert out.splitlines() == [
        'content/paths/myohassa.json:24: 2026-11-15 (16 päivää myöhässä) polku myohassa "Polku myohassa"; '
        "omistaja: Seksuaaliterveys, seksuaaliterveys@example.fi",
        "content/channels/vanha-puhelin.json:18: 2026-11-30 (1 päivä myöhässä) kanava vanha-puhelin "
        '"Puhelin vanha-puhelin"; omistaja: Asiakaspalvelu',
        "Tarkistuksia myöhässä: 2 (tänään 2026-12-01). Pyydä omistajia tarkistamaan sisältö; kirjaa sitten "
        '"reviewed_on" ja uusi "review_due".',
    ]


def test_stale_within_days_adds_what_is_coming_up(run: Run) -> None:
    code, out, _ = run("stale", "--lang", "en", "--within", "30")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4
    assert '2026-12-20 (due in 19 days) path pian "Polku pian"; owner: Neuvola' in lines[2]
    assert lines[3].startswith("Reviews overdue: 2; due within 30 days: 1 (today 2026-12-01).")
    code, out, _ = run("stale", "--lang", "sv", "--within", "30", "--today", "2026-12-20")
    assert "2026-12-20 (i dag) stig pian" in out and "(20 dagar försenad)" in out


def test_stale_says_when_nothing_is_due(run: Run) -> None:
    code, out, _ = run("stale", "--lang", "en", "--today", "2026-11-01", "--within", "7")
    assert code == 0
    assert out == "No reviews overdue and none due within 7 days (today 2026-11-01). All content is up to date.\n"
    assert run("stale", "--lang", "fi", "--today", "2026-11-01")[1].startswith(
        "Ei myöhässä olevia tarkistuksia (tänään 2026-11-01)."
    )


def test_stale_strict_and_json(run: Run) -> None:
    assert run("stale", "--strict")[0] == 1
    assert run("stale", "--strict", "--today", "2026-11-01")[0] == 0
    code, out, _ = run("stale", "--format", "json", "--within", "30")
    data = json.loads(out)
    assert code == 0 and data["today"] == "2026-12-01"
    assert [(i["id"], i["overdue"], i["days_overdue"]) for i in data["items"]] == [
        ("myohassa", True, 16),
        ("vanha-puhelin", True, 1),
        ("pian", False, -19),
    ]
    assert data["items"][0]["owner"] == {"unit": "Seksuaaliterveys", "email": "seksuaaliterveys@example.fi"}
    assert data["items"][0]["file"] == "content/paths/myohassa.json" and data["items"][0]["line"] == 24


def test_stale_outside_a_repository(tmp_path_factory: pytest.TempPathFactory, run: Run) -> None:
    elsewhere = tmp_path_factory.mktemp("empty")
    code, _, err = run("stale", str(elsewhere), "--lang", "en")
    assert code == 1 and "is not inside a content repository" in err


def test_health_counts_overdue_reviews_and_pending_schedule(
    stale_repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    stale_repo.write(topic("joulu", publish_at="2026-12-24T08:00:00+02:00"))
    stale_repo.write(topic("kesa", publish_at="2026-06-01T00:00:00+03:00", unpublish_at="2027-09-01T00:00:00+03:00"))
    stale_repo.commit("Scheduled")
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    app = make_app(CLOCK=lambda: now, PREVIEW_TOKEN="esikatselu", INTRANET_TOKEN="intra")
    client = app.test_client()
    public = client.get("/health").get_json()
    assert public["scheduled"] == {"pending": 2} and public["reviews"] == {"overdue": 2}
    intranet = client.get("/health", headers={"Authorization": "Bearer intra"}).get_json()
    assert intranet["scheduled"] == {"pending": 2}  # an embargo is not for the intranet's eyes either
    editor = client.get("/health", headers={"Authorization": "Bearer esikatselu"}).get_json()
    assert editor["scheduled"]["moments"] == [
        {"type": "topic", "id": "joulu", "action": "publish", "at": "2026-12-24T08:00:00+02:00"},
        {"type": "topic", "id": "kesa", "action": "unpublish", "at": "2027-09-01T00:00:00+03:00"},
    ]
    assert editor["reviews"]["documents"] == [
        {
            "type": "path",
            "id": "myohassa",
            "review_due": "2026-11-15",
            "unit": "Seksuaaliterveys",
            "email": "seksuaaliterveys@example.fi",
        },
        {"type": "channel", "id": "vanha-puhelin", "review_due": "2026-11-30", "unit": "Asiakaspalvelu", "email": None},
    ]
    later = make_app(CLOCK=lambda: datetime(2027, 1, 1, tzinfo=UTC)).test_client().get("/health").get_json()
    assert later["scheduled"] == {"pending": 1} and later["reviews"] == {"overdue": 3}


def test_health_moves_with_the_clock_on_one_version(stale_repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    """What /health counts is sorted once per version, and read at the moment of each request."""
    stale_repo.write(topic("joulu", publish_at="2026-12-24T08:00:00+02:00"))
    stale_repo.commit("Scheduled")
    now = [datetime(2026, 11, 15, 23, tzinfo=UTC)]
    client = make_app(CLOCK=lambda: now[0]).test_client()

    def counts() -> tuple[int, int]:
        body = client.get("/health").get_json()
        return body["scheduled"]["pending"], body["reviews"]["overdue"]

    assert counts() == (1, 0)  # myohassa is due on the 15th: not late on the day itself
    now[0] = datetime(2026, 11, 16, tzinfo=UTC)
    assert counts() == (1, 1)
    now[0] = datetime(2026, 12, 24, 6, tzinfo=UTC)  # the very moment joulu is published: no longer to come
    assert counts() == (0, 3)  # pian (due the 20th) is late by now too
    now[0] = datetime(2026, 12, 24, 5, 59, 59, tzinfo=UTC)
    assert counts() == (1, 3)


def test_health_is_sorted_once_per_version_before_it_goes_live(
    stale_repo: ContentRepo, make_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers forked from the server's parent inherit it: no probe walks the documents."""
    from pathapi.delivery import upkeep

    made: list[Any] = []
    original = upkeep.Upkeep.__init__

    def counted(self: upkeep.Upkeep, snapshot: Any) -> None:
        made.append(snapshot)
        original(self, snapshot)

    monkeypatch.setattr(upkeep.Upkeep, "__init__", counted)
    app = make_app()
    client = app.test_client()
    assert len(made) == 1  # built with the edition, before any request
    for _ in range(3):
        assert client.get("/health").status_code == 200
    assert len(made) == 1
    stale_repo.write(topic("uusi"))
    stale_repo.commit("A new topic")
    assert app.extensions["pathapi"].service.library.refresh()
    assert len(made) == 2  # the new version's, before it went live
    assert client.get("/health").get_json()["version"] == made[1].commit.sha
    assert len(made) == 2


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 1), 12, date(2027, 12, 1)),
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
    ],
)
def test_the_proposed_next_due_date_is_months_on(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected
