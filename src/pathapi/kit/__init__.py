"""The content repository's kit: CI files, a pre-commit hook, an editors' guide and an example path.

``pathapi init DIR`` copies these files, with the schemas, into a new repository.
"""

from __future__ import annotations

import shutil
import subprocess
from importlib import resources
from pathlib import Path

from pathapi.content.kinds import CONTENT_DIR, SCHEMA_DIR, Kind

# kit file -> where it goes in a content repository
PLACES = {
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "github-workflow.yml": ".github/workflows/content.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "gitignore": ".gitignore",
    "docs/toimittajan-opas.md": "docs/toimittajan-opas.md",
}
README = """# Palvelupolut

Asiakkaan palvelupolut JSON-tiedostoina (`content/`), tarkistettuina skeemoja (`schemas/`) vasten.

- Katso polut selaimessa muokatessasi: `pathapi studio`
- Tarkista ennen committia: `pathapi validate .`
- Ohje haarasta julkaisuun: [docs/toimittajan-opas.md](docs/toimittajan-opas.md)
"""


class InitError(Exception):
    """The target is not empty, or the schemas to copy were not found: a catalogue code and its values."""

    def __init__(self, code: str, **values: str) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def _kit() -> Path:
    return Path(str(resources.files("pathapi.kit")))


def create_repository(target: Path, schemas: Path) -> list[Path]:
    """Create a content repository in TARGET (new or empty) with SCHEMAS, the kit and an example path."""
    if target.exists() and any(target.iterdir()):
        raise InitError("init-not-empty", dir=str(target))
    if not (schemas / Kind.PATH.schema_file).is_file():
        raise InitError("init-no-schemas", dir=str(schemas))
    kit = _kit()
    shutil.copytree(schemas, target / SCHEMA_DIR, ignore=shutil.ignore_patterns(".*"), dirs_exist_ok=True)
    shutil.copytree(kit / "example" / CONTENT_DIR, target / CONTENT_DIR, dirs_exist_ok=True)
    for kind in Kind:
        (target / CONTENT_DIR / kind.folder).mkdir(parents=True, exist_ok=True)
    for source, place in PLACES.items():
        destination = target / place
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(kit / source, destination)
    (target / "README.md").write_text(README, encoding="utf-8")
    if not (target / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True)
    return sorted(p for p in target.rglob("*") if p.is_file() and ".git" not in p.relative_to(target).parts)
