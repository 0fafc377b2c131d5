"""`pathapi init`, the kit's pre-commit hook and CI job, tried on temporary repositories."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pathapi.cli import main
from tests.support import GIT_ENV, ROOT

BIN = str(Path(sys.executable).parent)


def _env(**extra: str) -> dict[str, str]:
    """Git identity, this checkout's sources first, and the virtualenv's `pathapi` on PATH."""
    return {
        **GIT_ENV,
        "PATH": f"{BIN}:{GIT_ENV['PATH']}",
        "PYTHONPATH": str(ROOT / "src"),
        "PATHAPI_CACHE_DIR": "off",
        **extra,
    }


def _run(args: list[str], cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=_env(**extra), capture_output=True, text=True, timeout=300)


@pytest.fixture
def new_repo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A content repository made by `pathapi init`, committed."""
    target = tmp_path / "palvelupolut"
    assert main(["init", str(target)]) == 0
    assert "pathapi studio" in capsys.readouterr().out
    _run(["git", "add", "-A"], target)
    assert _run(["git", "commit", "-q", "-m", "Alku"], target).returncode == 0
    return target


def test_init_creates_a_valid_repository_with_the_kit(new_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for place in (
        ".pre-commit-config.yaml",
        ".github/workflows/content.yml",
        ".gitlab-ci.yml",
        "docs/toimittajan-opas.md",
        "README.md",
        "schemas/path.schema.json",
        "content/paths/esimerkkipolku.json",
    ):
        assert (new_repo / place).is_file(), place
    assert main(["validate", str(new_repo), "--lang", "en"]) == 0
    assert "0 problems" in capsys.readouterr().out
    assert (new_repo / ".git").is_dir()


def test_init_refuses_a_directory_with_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    assert main(["init", str(tmp_path), "--lang", "en"]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def _break(repo: Path) -> None:
    file = repo / "content" / "paths" / "esimerkkipolku.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    data["level"] = "valtava"
    file.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.mark.slow
def test_pre_commit_hook_command_passes_good_content_and_stops_bad(new_repo: Path) -> None:
    hook = yaml.safe_load((new_repo / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert hook["pass_filenames"] is False and hook["files"] == "^(content|schemas)/"
    good = _run(hook["entry"].split(), new_repo)
    assert good.returncode == 0, good.stdout + good.stderr
    _break(new_repo)
    bad = _run(hook["entry"].split(), new_repo)
    assert bad.returncode == 1
    assert "content/paths/esimerkkipolku.json:" in bad.stdout and "/level" in bad.stdout


@pytest.mark.slow
def test_pre_commit_runs_the_hook_before_a_commit(new_repo: Path, tmp_path: Path) -> None:
    home = str(tmp_path / "pre-commit-home")
    installed = _run([f"{BIN}/pre-commit", "install"], new_repo, PRE_COMMIT_HOME=home)
    assert installed.returncode == 0, installed.stderr
    _break(new_repo)
    _run(["git", "add", "-A"], new_repo)
    refused = _run(["git", "commit", "-q", "-m", "Rikki"], new_repo, PRE_COMMIT_HOME=home)
    assert refused.returncode != 0
    assert "esimerkkipolku.json" in refused.stdout + refused.stderr
    assert _run(["git", "log", "--format=%s"], new_repo).stdout.split() == ["Alku"]


def test_project_hook_definition_matches_the_kit() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    kit = yaml.safe_load((ROOT / "src" / "pathapi" / "kit" / "pre-commit-config.yaml").read_text())
    local = kit["repos"][0]["hooks"][0]
    assert hooks[0]["id"] == local["id"] and hooks[0]["entry"] == local["entry"]
    assert hooks[0]["files"] == local["files"]


def test_ci_files_validate_with_annotations_and_post_the_review() -> None:
    kit = ROOT / "src" / "pathapi" / "kit"
    workflow = yaml.safe_load((kit / "github-workflow.yml").read_text())
    runs = [step.get("run", "") for step in workflow["jobs"]["content"]["steps"]]
    assert any("pathapi validate --format github ." in r for r in runs)
    assert any("pathapi diff --format markdown" in r for r in runs)
    assert any("gh pr comment" in r for r in runs)
    job = yaml.safe_load((kit / "gitlab-ci.yml").read_text())["content"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"


@pytest.mark.slow
def test_gitlab_job_script_on_a_merge_request(new_repo: Path, tmp_path: Path) -> None:
    origin = tmp_path / "origin.git"
    _run(["git", "clone", "-q", "--bare", str(new_repo), str(origin)], tmp_path)
    _run(["git", "remote", "add", "origin", str(origin)], new_repo)
    _run(["git", "switch", "-q", "-c", "muutos"], new_repo)
    file = new_repo / "content" / "paths" / "esimerkkipolku.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    data["title"]["fi"] = "Esimerkkipolku: aika omalle terveysasemalle"
    file.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    _run(["git", "commit", "-qam", "Otsikko"], new_repo)
    script = "\n".join(yaml.safe_load((new_repo / ".gitlab-ci.yml").read_text())["content"]["script"])
    done = _run(
        ["bash", "-eo", "pipefail", "-c", script],
        new_repo,
        CI_MERGE_REQUEST_IID="7",
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads((new_repo / "gl-code-quality.json").read_text()) == []
    review = (new_repo / "review.md").read_text(encoding="utf-8")
    assert "<ins>omalle " in review and "käännös jäljessä: title: sv, en" in review
    _break(new_repo)
    failed = _run(
        ["bash", "-eo", "pipefail", "-c", script],
        new_repo,
        CI_MERGE_REQUEST_IID="7",
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main",
    )
    assert failed.returncode == 1
    issues = json.loads((new_repo / "gl-code-quality.json").read_text())
    assert issues[0]["location"] == {"path": "content/paths/esimerkkipolku.json", "lines": {"begin": 4}}


def test_package_data_ships_every_template_asset_and_kit_file() -> None:
    import fnmatch
    import tomllib

    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    for package, patterns in globs.items():
        base = ROOT / "src" / package.replace(".", "/")
        for file in base.rglob("*"):
            if file.is_file() and file.suffix != ".py" and "__pycache__" not in file.parts:
                relative = file.relative_to(base).as_posix()
                assert any(fnmatch.fnmatch(relative, p) for p in patterns), f"{package}: {relative} not shipped"


def test_the_review_of_a_new_uncommitted_repository_explains_instead_of_failing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathapi.studio.live import create_live_app

    target = tmp_path / "uusi"
    assert main(["init", str(target)]) == 0
    response = create_live_app(target).test_client().get("/studio/diff")
    assert response.status_code == 404
    assert "nothing is committed yet" in response.get_data(as_text=True)
