"""Typed clients: types generated from /openapi.json and the delivered schema compile with tsc --strict.

Runs where node and npm are installed (.ci/run installs them). The npm packages go to a cache
directory outside the repository, ``PATHAPI_NODE_CACHE`` or ``~/.cache/pathapi-node``,
installed once and reused.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tests.downloads import installing

PACKAGES = ("openapi-typescript@7", "json-schema-to-typescript@15", "typescript@5")
TOOLS = ("openapi-typescript", "json2ts", "tsc")
HEADER_INDEX = "[name: string]: unknown;"  # openapi-typescript leaves response headers open
# The clients use only the language, not the DOM: without the DOM's declarations (and without re-checking
# TypeScript's own), tsc takes a quarter of the time; every generated and written file is still checked.
LIBRARY = ("--lib", "es2020", "--skipDefaultLibCheck")

CLIENT = """
import type { components, operations } from "./api";
import type { CustomerServicePathAsDeliveredByTheAPI as DeliveredPath } from "./path";

type Path = operations["getPath"]["responses"][200]["content"]["application/json"];
type PathPage = operations["listPaths"]["responses"][200]["content"]["application/json"];
type Topic = components["schemas"]["Topic"];
type Channel = components["schemas"]["Channel"];
type SyncPage = operations["sync"]["responses"][200]["content"]["application/json"];
type Bundle = components["schemas"]["Bundle"];

const channelName = (ref: string | Channel): string => (typeof ref === "string" ? ref : ref.name);

export function stepChannels(path: Path): string[] {
  return path.phases.flatMap((phase) => phase.steps.flatMap((step) => (step.channels ?? []).map(channelName)));
}

export function topicTitles(page: PathPage): string[] {
  return page.items.flatMap((item) => item.topics.map((topic) => (typeof topic === "string" ? topic : topic.title)));
}

export function parentTitle(topic: Topic): string | undefined {
  const parent = topic.parent;
  return parent === undefined ? undefined : typeof parent === "string" ? parent : parent.title;
}

export function relatedHrefs(path: Path): string[] {
  return (path.related_paths ?? []).map((related) => (typeof related === "string" ? related : related.href));
}

export function titles(page: SyncPage | Bundle): string[] {
  return page.items.map((entry) => {
    switch (entry.type) {
      case "path": return entry.document.title;
      case "channel": return entry.document.name;
      case "segment": return entry.document.code;
      case "topic": return entry.document.title;
    }
  });
}

export const nextPage = (page: PathPage): string | null => page.links.next;
export const level = (path: Path): "strategic" | "service" | "touchpoint" => path.level;
export const sameShape = (path: DeliveredPath): Path["id"] => path.id;
export const deliveredTopics = (path: DeliveredPath): string[] =>
  path.topics.map((topic) => (typeof topic === "string" ? topic : topic.title));

// @ts-expect-error an expandable reference may be the document: it must be narrowed first
export const unnarrowed = (path: Path): string => path.topics[0];
// @ts-expect-error the delivered schema types expand the same way
export const unnarrowedDelivered = (path: DeliveredPath): string => path.topics[0];
// @ts-expect-error enums are kept: a level the schema does not have is rejected
export const badLevel: Path["level"] = "national";
// @ts-expect-error a page link may be null
export const alwaysThere = (page: PathPage): string => page.links.next;
"""


def _tools() -> Path:
    """The directory holding the three command-line tools, installed on first use."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed here (.ci/run installs them)")
    cache = Path(os.environ.get("PATHAPI_NODE_CACHE") or Path.home() / ".cache" / "pathapi-node")
    bin_dir = cache / "node_modules" / ".bin"
    if all((bin_dir / tool).exists() for tool in TOOLS):
        return bin_dir
    with installing(cache):  # another test process may be installing them right now
        if not all((bin_dir / tool).exists() for tool in TOOLS):
            subprocess.run(
                ["npm", "install", "--prefix", str(cache), "--no-audit", "--no-fund", *PACKAGES],
                check=True,
                capture_output=True,
                timeout=600,
            )
    return bin_dir


def _run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _section(text: str, start: str = "", end: str | None = None) -> str:
    """The code (comments removed) from START to END, or to the end."""
    head = text.index(start)
    tail = text.index(end, head) if end else len(text)
    return re.sub(r"/\*.*?\*/", "", text[head:tail], flags=re.DOTALL)


@pytest.mark.slow
def test_generated_types_compile_strictly_without_unknown(bundled_client: FlaskClient, tmp_path: Path) -> None:
    tools = _tools()
    (tmp_path / "openapi.json").write_bytes(bundled_client.get("/openapi.json").data)
    (tmp_path / "path.schema.json").write_bytes(bundled_client.get("/v1/schemas/path?form=delivered").data)
    _run(tools / "openapi-typescript", "openapi.json", "-o", "api.d.ts", cwd=tmp_path)
    _run(tools / "json2ts", "-i", "path.schema.json", "-o", "path.d.ts", cwd=tmp_path)
    api = (tmp_path / "api.d.ts").read_text()
    schemas = _section(api, "export interface components {", "\n    responses: {")
    assert not re.findall(r"\b(unknown|never|any)\b", schemas), "a documented shape is untyped"
    operations = _section(api, "export interface operations {")
    loose = [line.strip() for line in operations.splitlines() if "unknown" in line and HEADER_INDEX not in line]
    assert loose == ["[key: string]: unknown;"], loose  # only getSchema: a JSON Schema is open by nature
    assert '"application/gzip": string;' in operations
    assert not re.findall(r"\b(unknown|any)\b", _section((tmp_path / "path.d.ts").read_text()))
    (tmp_path / "client.ts").write_text(CLIENT)
    _run(
        tools / "tsc",
        "--strict",
        "--noEmit",
        "--target",
        "es2020",
        *LIBRARY,
        "--moduleResolution",
        "node",
        "client.ts",
        cwd=tmp_path,
    )


INTRANET_CLIENT = """
import type { CustomerServicePathAsDeliveredToIntranets as Path } from "./intranet-path";

type Audience = "public" | "app" | "intranet";

// What the professional sees of a step: its notes, the IMS process descriptions, what to do at each critical point.
export function briefing(path: Path): string[] {
  return path.phases.flatMap((phase) => phase.steps.flatMap((step) => [
    step.professional_notes ?? "",
    ...(step.links ?? []).filter((link) => link.kind === "process").map((link) => `${link.ims_id ?? ""} ${link.url}`),
    ...(step.critical_points ?? []).map((point) => point.professional_action ?? point.description),
    ...(step.segments ?? []).map((segment) => (typeof segment === "string" ? segment : segment.code)),
  ]));
}

// What the customer sees too: blocks marked for the public website.
export const publicSteps = (path: Path): string[] =>
  path.phases.flatMap((phase) => phase.steps.filter((step) => step.audience.includes("public")).map((s) => s.id));
export const marks = (path: Path): Audience[] => path.audience;
export const waits = (path: Path): (number | undefined)[] =>
  path.phases.flatMap((phase) => phase.steps.map((step) => step.response_time?.at_most?.value));

// @ts-expect-error every block of the intranet view carries its audience marks
export const unmarked: Path["phases"][number]["audience"] = undefined;
// @ts-expect-error audiences are an enum
export const badAudience: Audience = "partners";
"""


@pytest.mark.slow
def test_intranet_types_compile_strictly(bundled_client: FlaskClient, tmp_path: Path) -> None:
    tools = _tools()
    schema = bundled_client.get("/v1/schemas/path?form=intranet")
    assert schema.status_code == 200
    (tmp_path / "intranet-path.schema.json").write_bytes(schema.data)
    _run(tools / "json2ts", "-i", "intranet-path.schema.json", "-o", "intranet-path.d.ts", cwd=tmp_path)
    types = (tmp_path / "intranet-path.d.ts").read_text()
    assert not re.findall(r"\b(unknown|any)\b", _section(types))
    assert "professional_action?: string;" in types and "ims_id?: string;" in types
    (tmp_path / "client.ts").write_text(INTRANET_CLIENT)
    _run(
        tools / "tsc",
        "--strict",
        "--noEmit",
        "--target",
        "es2020",
        *LIBRARY,
        "--moduleResolution",
        "node",
        "client.ts",
        cwd=tmp_path,
    )
