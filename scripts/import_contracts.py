"""An import-linter contract that import-linter does not ship: no import cycles among modules.

``acyclic_siblings`` (shipped) forbids cycles between the packages of one
level; this contract forbids any cycle at all between the modules under the
given packages, across apps and inside them, so a chain of imports never
leads back to where it started. Each cycle is reported with the line of
every import in it.
"""

from __future__ import annotations

import itertools
import sys

import grimp
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def _strongly_connected(nodes: set[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: the groups of modules that reach each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in edges.get(node, ()):
                    groups.append(sorted(group))
    return groups


class AcyclicModulesContract(Contract):
    """No module under ``containers`` imports, directly or through others, a module that imports it."""

    type_name = "acyclic_modules"

    containers = fields.ListField(subfield=fields.StringField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        prefixes = tuple(self.containers)  # type: ignore[arg-type]
        nodes = {m for m in graph.modules if m.startswith(prefixes)}
        edges = {
            m: {i for i in graph.find_modules_directly_imported_by(m) if i in nodes} for m in nodes
        }
        cycles = []
        for group in _strongly_connected(nodes, edges):
            members = set(group)
            start = group[0]
            # One concrete cycle through the group's first module, with line numbers.
            chain = [start]
            for target in sorted(i for i in edges[start] if i in members):
                back = graph.find_shortest_chain(importer=target, imported=start)
                if back:
                    chain = [start, *back]
                    break
            steps = []
            for importer, imported in itertools.pairwise(chain):
                details = graph.get_import_details(importer=importer, imported=imported)
                lines = ", ".join(f"l.{d['line_number']}" for d in details)
                steps.append(f"{importer} -> {imported} ({lines})")
            cycles.append({"modules": group, "steps": steps})
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error(
                f"{len(cycle['modules'])} modules import each other in a cycle:", bold=True
            )
            for step in cycle["steps"]:
                output.print_error(f"    {step}", bold=False)
            output.new_line()


if __name__ == "__main__":  # a quick look without import-linter's configuration
    graph = grimp.build_graph(sys.argv[1] if len(sys.argv) > 1 else "utblick")
    nodes = set(graph.modules)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in nodes}
    for group in _strongly_connected(nodes, edges):
        print(len(group), group[:12])
