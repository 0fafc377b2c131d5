"""The order xdist's workers get the tests in (tests/schedule.py): long modules whole, longest first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import pytest

from tests.schedule import block_sizes, blocks, module_of


@dataclass
class Item:
    """What the schedule reads of a pytest item."""

    nodeid: str
    slow: bool = False

    def get_closest_marker(self, name: str) -> Any:
        return (name == "slow" and self.slow) or None


def items(spec: dict[str, int]) -> list[pytest.Item]:
    """SPEC's modules (name: number of tests), in order, as items."""
    found = [Item(f"tests/{module}.py::test_{n}") for module, count in spec.items() for n in range(count)]
    return cast(list[pytest.Item], found)


def test_long_modules_stay_whole_longest_first_and_every_block_keeps_its_size() -> None:
    collected = items({"quick": 40, "browser": 5, "front": 8, "cases": 30, "stack": 3})
    long = ("tests/browser.py", "tests/front.py", "tests/stack.py")
    known = {i.nodeid: 3.0 if module_of(i) in long else 0.01 for i in collected}
    ordered = blocks(collected, 3, known)
    assert sorted(i.nodeid for i in ordered) == sorted(i.nodeid for i in collected)
    sizes = block_sizes(len(collected), 3)
    cuts = [sum(sizes[:n]) for n in range(4)]
    split = [ordered[cuts[n] : cuts[n + 1]] for n in range(3)]
    for module in long:
        holding = [n for n, block in enumerate(split) if any(module_of(i) == module for i in block)]
        assert len(holding) == 1, module  # one block has all of the module's tests ...
        positions = [k for k, i in enumerate(split[holding[0]]) if module_of(i) == module]
        assert positions == list(range(positions[0], positions[0] + len(positions)))  # ... one after another
    assert module_of(split[0][0]) == "tests/front.py"  # the longest module leads a block
    assert {module_of(block[0]) for block in split} == {"tests/front.py", "tests/browser.py", "tests/stack.py"}


def test_without_history_the_slow_marker_makes_a_module_long() -> None:
    collected = items({"quick": 10, "served": 2})
    cast(Any, collected[-1]).slow = True
    ordered = blocks(collected, 2, {})
    assert [module_of(i) for i in ordered[:2]] == ["tests/served.py"] * 2
