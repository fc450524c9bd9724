"""Where things are in the YAML file: lines for locations, and keys given twice."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from companion_build.content.problems import Location


def duplicate_keys(root: yaml.Node | None) -> Iterator[tuple[Location, int, str]]:
    """Every key that appears twice in one mapping, at its second appearance."""
    seen_nodes: set[int] = set()  # anchors and aliases can make the node graph cyclic
    pending: list[tuple[yaml.Node, Location]] = [(root, ())] if root is not None else []
    while pending:
        node, location = pending.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first_lines: dict[str, int] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    continue
                line = key.start_mark.line + 1
                if key.value in first_lines:
                    yield (
                        (*location, key.value),
                        line,
                        f"appears twice in this entry (also on line {first_lines[key.value]}), "
                        "and YAML keeps only the last one. Delete the one you do not mean.",
                    )
                else:
                    first_lines[key.value] = line
                pending.append((value, (*location, key.value)))
        elif isinstance(node, yaml.SequenceNode):
            pending += [(item, (*location, index)) for index, item in enumerate(node.value)]


class LineFinder:
    """Maps a location inside the parsed YAML back to its node and line in the file."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root

    def line_of(self, location: Location) -> int | None:
        """The line of the deepest part of `location` that exists; keys for scalar values."""
        node = self.root
        if node is None:
            return None
        best = node.start_mark.line + 1
        for part in location:
            entry = self._child(node, part)
            if entry is None:
                break
            key, node = entry
            # Point at the key for scalars and at the first line of blocks.
            shown = key if key is not None and isinstance(node, yaml.ScalarNode) else node
            best = shown.start_mark.line + 1
        return best

    def scalar_text(self, location: Location) -> str | None:
        """The value at `location` exactly as typed, before YAML turned it into a number."""
        node = self.root
        for part in location:
            entry = None if node is None else self._child(node, part)
            if entry is None:
                return None
            node = entry[1]
        return str(node.value) if isinstance(node, yaml.ScalarNode) else None

    @staticmethod
    def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
        """(key node or None, value node) for one step of a location."""
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            # With a key given twice, YAML uses the last one, so that is where to point.
            matches = [(key, value) for key, value in node.value if key.value == part]
            if matches:
                return matches[-1]
        in_sequence = isinstance(node, yaml.SequenceNode) and isinstance(part, int)
        if in_sequence and 0 <= int(part) < len(node.value):
            return None, node.value[int(part)]
        return None
