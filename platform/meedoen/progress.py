"""Progress of long work (imports, reindexing), told to whoever watches.

Services take a :class:`Progress` and call ``start`` once per stage and ``advance`` as
records get done; they never know whether anyone looks. The CLI passes
:func:`terminal_progress`: a bar with counts, rate and time left on a terminal, and
nothing at all when the output goes to a file or a pipe (logs stay clean).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import Task, TaskID


class Progress(Protocol):
    def start(self, label: str, total: int) -> None:
        """A new stage of ``total`` records begins (it ends the previous one)."""

    def advance(self, count: int = 1) -> None:
        """``count`` more records of the current stage are done."""


class Silent:
    """Progress nobody watches: tests, the web app, a scheduled job."""

    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass


SILENT: Progress = Silent()


class _Bar:
    """One rich task per stage; the finished ones stay on screen as a record."""

    def __init__(self, bar: RichProgress) -> None:
        self.bar = bar
        self.task: TaskID | None = None

    def start(self, label: str, total: int) -> None:
        self._finish()
        self.task = self.bar.add_task(label, total=max(total, 0))

    def advance(self, count: int = 1) -> None:
        if self.task is not None:
            self.bar.advance(self.task, count)

    def _finish(self) -> None:
        if self.task is not None:
            task = self.bar.tasks[self.task]
            if task.total is not None:
                self.bar.update(self.task, completed=task.total)


@contextlib.contextmanager
def terminal_progress(*, force_terminal: bool | None = None) -> Iterator[Progress]:
    """A progress bar on standard error when it is a terminal; silent otherwise."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        ProgressColumn,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as RichProgress
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Records per second (rich's own speed column counts bytes)."""

        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:,.0f}/s", style="progress.data.speed")

    console = Console(stderr=True, force_terminal=force_terminal)
    if not console.is_terminal:
        yield SILENT
        return
    columns: list[Any] = [
        TextColumn("{task.description:<14}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        RateColumn(),
        TimeRemainingColumn(),
    ]
    with RichProgress(*columns, console=console) as bar:
        progress = _Bar(bar)
        try:
            yield progress
        finally:
            progress._finish()
