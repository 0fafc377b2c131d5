"""Passages: the parts of a document a reader takes in at once (a path's head, each of its steps; a whole
channel or topic). Words of a question that meet in one passage say more than words scattered over a path."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from pathapi.delivery.search.entries import Entry


class Passages:
    """Which passage each field belongs to, and which entry each passage belongs to."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        of_field: list[int] = []
        owner: list[int] = []
        steps: list[bool] = []
        for number, entry in enumerate(entries):
            ids: dict[str | None, int] = {}
            for field in entry.fields:
                if field.step not in ids:
                    ids[field.step] = len(owner)
                    owner.append(number)
                    steps.append(field.step is not None)
                of_field.append(ids[field.step])
        self.of_field = np.array(of_field, dtype=np.int32)
        self.entry = np.array(owner, dtype=np.int32)
        self.is_step = steps  # a path's step (True), or a document's title and summary (False)

    def __len__(self) -> int:
        return len(self.entry)

    def having(self, terms: Iterable[tuple[str, float]], field_postings: Mapping[str, np.ndarray]) -> np.ndarray:
        """For each passage, the weight of the heaviest of the weighted TERMS that stands in it (0: none)."""
        found = np.zeros(len(self), dtype=np.float32)
        for term, weight in terms:
            fields = field_postings.get(term)
            if fields is not None:
                where = self.of_field[fields]
                found[where] = np.maximum(found[where], weight)
        return found

    def best(self, counts: np.ndarray, entries: int) -> np.ndarray:
        """For each of ENTRIES, the highest of its passages' COUNTS."""
        best = np.zeros(entries, dtype=counts.dtype)
        np.maximum.at(best, self.entry, counts)
        return best
