"""CPU seconds a child's process tree spends, by role, read from /proc while it runs.

On a machine shared with other work, wall time says how much of the CPU a run was
left; CPU seconds say how much work it did. ``TreeCpu`` samples every process
under the child (and, for a Ray head started outside the child, every process
under that head) and keeps each process's last reading, so a process that ends
loses at most one interval. Processes that were already running when sampling
began (a head's daemons and idle workers) count from their first reading.

Roles: ``driver`` (the child itself), ``coding`` (the local engine's forked
workers, or the Ray actors whose process title names ``coding_title``) and
``ray`` (everything else: Ray's daemons and agents, idle workers). Linux only;
elsewhere every figure is 0.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def processes() -> dict[int, tuple[int, float, str]]:
    """Every process's parent pid, CPU seconds (user + system) and command line."""
    found: dict[int, tuple[int, float, str]] = {}
    if not os.path.isdir("/proc"):
        return found
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError):
            continue
        cpu = (int(fields[11]) + int(fields[12])) / _TICKS
        found[int(entry)] = (int(fields[1]), cpu, command)
    return found


@dataclass
class TreeCpu:
    """CPU of ``root``'s tree, plus the trees of processes whose command line holds ``marker``."""

    root: int
    coding_title: str
    marker: str | None = None
    first: dict[int, float] = field(default_factory=dict)
    last: dict[int, tuple[float, str]] = field(default_factory=dict)
    sampled: bool = False

    def sample(self) -> None:
        table = processes()
        roots = [self.root]
        if self.marker:
            roots += [pid for pid, (_, _, command) in table.items() if self.marker in command]
        children: dict[int, list[int]] = {}
        for pid, (parent, _, _) in table.items():
            children.setdefault(parent, []).append(pid)
        stack, tree = list(roots), set()
        while stack:
            pid = stack.pop()
            if pid in table and pid not in tree:
                tree.add(pid)
                stack.extend(children.get(pid, []))
        for pid in tree:
            _, cpu, command = table[pid]
            if pid not in self.first:
                # A process seen at the first sample may have run before the child.
                self.first[pid] = cpu if not self.sampled and pid != self.root else 0.0
            # A Ray worker renames itself when it becomes an actor: keep the latest title.
            self.last[pid] = (cpu, command or self.last.get(pid, (0.0, ""))[1])
        self.sampled = True

    def by_role(self) -> dict[str, float]:
        """CPU seconds by role: ``driver``, ``coding``, ``ray`` (GCS, raylet, agents,
        monitors, idle workers)."""
        roles = {"driver": 0.0, "coding": 0.0, "ray": 0.0}
        root_command = self.last.get(self.root, (0.0, ""))[1]
        for pid, (cpu, command) in self.last.items():
            seconds = cpu - self.first[pid]
            if pid == self.root:
                roles["driver"] += seconds
            elif self.coding_title in command or command == root_command:
                roles["coding"] += seconds  # a Ray coding actor, or a local engine's worker
            else:
                roles["ray"] += seconds
        return {role: round(seconds, 2) for role, seconds in roles.items()}
