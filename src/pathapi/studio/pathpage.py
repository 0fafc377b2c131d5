"""The path page as plain values: phases, steps, swimlanes and problems in place (no Flask)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pathapi.content.audience import INTRANET, allows
from pathapi.content.document import Document
from pathapi.content.findings import Problem
from pathapi.content.kinds import Kind
from pathapi.studio.texts import Localizer, Text
from pathapi.studio.workspace import Workspace

LANES = ("customer", "professional", "tips")


@dataclass(frozen=True)
class Badge:
    """A channel used in a step: name, type, response time and link, or a missing id."""

    id: str
    name: Text | None
    type: str
    response_time: Text | None
    url: str | None


@dataclass(frozen=True)
class Step:
    """One step as the chosen audience sees it."""

    anchor: str
    title: Text | None
    body: Text | None
    customer_action: Text | None
    channels: tuple[Badge, ...]
    links: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]
    touchpoints: tuple[str, ...]
    critical_points: tuple[tuple[str, Text | None, Text | None], ...]
    lanes: dict[str, Text]
    notes: Text | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Phase:
    """One phase with its promise and steps."""

    anchor: str
    title: Text | None
    promise: Text | None
    summary: Text | None
    steps: tuple[Step, ...]
    problems: tuple[Problem, ...]


@dataclass
class PathPage:
    """Everything the path template shows."""

    document: Document
    title: Text | None
    summary: Text | None
    phases: list[Phase]
    digital_care_paths: list[dict[str, Any]]
    related: list[tuple[str, Text | None]]
    segments: list[tuple[str, Text | None]]
    topics: list[tuple[str, Text | None]]
    overdue: bool
    problems: tuple[Problem, ...]
    fallbacks: list[str] = field(default_factory=list)

    @property
    def lanes(self) -> list[str]:
        """Swimlanes with any text on this page, in board order."""
        used = {lane for phase in self.phases for step in phase.steps for lane in step.lanes}
        return [lane for lane in LANES if lane in used]


def anchor_of(data: Any, pointer: str) -> str:
    """The page anchor of the phase or step a JSON pointer falls in, else ``top``."""
    parts = pointer.split("/")[1:]
    phases = data.get("phases") if isinstance(data, dict) else None
    if len(parts) < 2 or parts[0] != "phases" or not parts[1].isdigit() or not isinstance(phases, list):
        return "top"
    index = int(parts[1])
    if index >= len(phases) or not isinstance(phases[index], dict):
        return "top"
    phase = phases[index]
    if len(parts) >= 4 and parts[2] == "steps" and parts[3].isdigit():
        steps = phase.get("steps") or []
        if int(parts[3]) < len(steps) and isinstance(steps[int(parts[3])], dict):
            return f"step-{phase.get('id')}-{steps[int(parts[3])].get('id')}"
    return f"phase-{phase.get('id')}"


class PageBuilder:
    """Builds the page of one path from a Workspace, in one language, for one audience."""

    def __init__(self, workspace: Workspace, language: str, audience: str, today: date) -> None:
        self.workspace = workspace
        self.local = Localizer(language)
        self.audience = audience
        self.today = today

    def build(self, document: Document) -> PathPage:
        """The page of DOCUMENT."""
        data = document.data
        problems = self.workspace.problems_in(document.path)
        placed: dict[str, list[Problem]] = defaultdict(list)
        for problem in problems:
            placed[anchor_of(data, problem.pointer)].append(problem)
        phases = [self._phase(p, placed) for p in data.get("phases", []) if allows(p, self.audience)]
        due = (data.get("owner") or {}).get("review_due")
        return PathPage(
            document,
            self.local.text(data.get("title"), "title"),
            self.local.markdown(data.get("summary"), "summary"),
            phases,
            [self._care_path(c) for c in data.get("digital_care_paths", []) if allows(c, self.audience)],
            self._refs(Kind.PATH, data.get("related_paths", [])),
            self._refs(Kind.SEGMENT, data.get("segments", [])),
            self._refs(Kind.TOPIC, data.get("topics", [])),
            due is not None and str(due) < self.today.isoformat(),
            problems,
            self.local.fallbacks,
        )

    def _refs(self, kind: Kind, ids: list[str]) -> list[tuple[str, Text | None]]:
        found = [(i, self.workspace.get(kind, i)) for i in ids]
        return [(i, self.local.text((d.data.get("title") or d.data.get("name")) if d else None)) for i, d in found]

    def _care_path(self, item: dict[str, Any]) -> dict[str, Any]:
        return {
            "title": self.local.text(item.get("title")),
            "description": self.local.markdown(item.get("description")),
            "app_link": item.get("app_link"),
            "joined_by": item.get("joined_by"),
        }

    def _phase(self, phase: dict[str, Any], placed: dict[str, list[Problem]]) -> Phase:
        anchor = f"phase-{phase.get('id')}"
        steps = tuple(self._step(phase, s, placed) for s in phase.get("steps", []) if allows(s, self.audience))
        return Phase(
            anchor,
            self.local.text(phase.get("title"), anchor),
            self.local.text(phase.get("promise"), anchor),
            self.local.markdown(phase.get("summary"), anchor),
            steps,
            tuple(placed.get(anchor, ())),
        )

    def _step(self, phase: dict[str, Any], step: dict[str, Any], placed: dict[str, list[Problem]]) -> Step:
        anchor = f"step-{phase.get('id')}-{step.get('id')}"
        local, intranet = self.local, self.audience == INTRANET
        lanes = {
            lane: text
            for lane, value in (step.get("swimlanes") or {}).items()
            if (intranet or lane != "professional") and (text := local.markdown(value, anchor))
        }
        notes = local.markdown(step.get("professional_notes"), anchor) if intranet else None
        return Step(
            anchor,
            local.text(step.get("title"), anchor),
            local.markdown(step.get("body"), anchor),
            local.text(step.get("customer_action"), anchor),
            tuple(self._badge(c) for c in step.get("channels", [])),
            self._links(step.get("links", [])),
            tuple(step.get("touchpoints", [])),
            tuple(
                (
                    c["kind"],
                    local.markdown(c.get("description"), anchor),
                    local.markdown(c.get("professional_action"), anchor) if intranet else None,
                )
                for c in step.get("critical_points", [])
            ),
            lanes,
            notes,
            tuple(placed.get(anchor, ())),
        )

    def _badge(self, channel_id: str) -> Badge:
        channel = self.workspace.get(Kind.CHANNEL, channel_id)
        if channel is None or not allows(channel.data, self.audience):
            return Badge(channel_id, None, "", None, None)
        data = channel.data
        return Badge(
            channel_id,
            self.local.text(data.get("name")),
            str(data.get("type", "")),
            self.local.text((data.get("response_time") or {}).get("text")),
            data.get("url"),
        )

    def _links(self, links: list[dict[str, Any]]) -> tuple[tuple[str, tuple[dict[str, Any], ...]], ...]:
        groups: dict[str, list[dict[str, Any]]] = {}
        for link in links:
            if allows(link, self.audience):
                groups.setdefault(link.get("kind", "information"), []).append(
                    {
                        "title": self.local.text(link.get("title")),
                        "url": link.get("url"),
                        "provider": link.get("provider"),
                        "description": self.local.markdown(link.get("description")),
                    }
                )
        return tuple((kind, tuple(items)) for kind, items in groups.items())
