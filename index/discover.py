"""Finding article files under the paths a user gives, without following symlinked folders."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from index.readers import SUPPORTED


def find_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Yield (file, None) for candidate articles and (path, reason) for paths that cannot be used."""
    for root in paths:
        if not root.exists():
            yield root, "no such file or directory"
        elif root.is_file():
            yield root, None
        elif root.is_dir():
            for folder, dirs, files in os.walk(root, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    path = Path(folder) / name
                    if name.startswith(".") or path.suffix.lower() not in SUPPORTED:
                        continue
                    yield path, None
        else:
            yield root, "not a regular file or directory"
