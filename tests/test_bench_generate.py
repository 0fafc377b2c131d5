"""bench/generate.py writes what the benchmarks need: content the current schemas accept, a few
realistic warnings and no errors (a rejected repository would time the wrong work)."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from bench.generate import documents, write_repository

from pathapi.cli import main

PATHS = 80


def validate_json(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    """``pathapi validate ROOT --format json``, parsed."""
    main(["validate", str(root), "--format", "json", "--lang", "en"])
    payload: dict[str, object] = json.loads(capsys.readouterr().out)
    return payload


def test_generated_repository_is_valid_with_only_realistic_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_repository(tmp_path, PATHS)
    payload = validate_json(tmp_path, capsys)
    problems = payload["problems"]
    assert isinstance(problems, list)
    assert payload["ok"] is True and payload["checked"] == PATHS + 30
    kinds = {(p["rule"], p["severity"]) for p in problems}
    assert kinds <= {("review-due", "warning"), ("published-references", "warning")}
    overdue = sorted(p["file"].rsplit("/", 1)[1] for p in problems if p["rule"] == "review-due")
    assert 1 <= len(overdue) <= PATHS // 10  # a few, not most: warnings make the validator locate them


def test_review_dates_follow_the_day_validation_counts_from() -> None:
    today = date.fromisoformat(os.environ["PATHAPI_TODAY"])  # pinned for every test (conftest)
    owners = [doc["owner"] for _, doc in documents(PATHS) if "owner" in doc]
    due = [date.fromisoformat(o["review_due"]) for o in owners]
    reviewed = [date.fromisoformat(o["reviewed_on"]) for o in owners]
    assert all(r <= today and r < d for r, d in zip(reviewed, due, strict=True))
    assert 0 < sum(d < today for d in due) <= len(due) // 10
    later = [doc["owner"]["review_due"] for _, doc in documents(PATHS, today=date(2030, 1, 1)) if "owner" in doc]
    assert min(later) > "2029"  # the dates move with the day, so the repository never goes stale


def test_channels_use_the_shapes_of_their_schemas(tmp_path: Path) -> None:
    current = next(doc for folder, doc in documents(1) if folder == "channels")
    assert current["opening_hours"]["weekly"] and current["response_time"]["text"]["fi"]
    old = Path(__file__).resolve().parents[1] / "schemas" / "v2"
    legacy = next(doc for folder, doc in documents(1, schemas=old) if folder == "channels")
    assert "hours" in legacy and "opening_hours" not in legacy and legacy["response_time"]["fi"]
