"""Finding article files under the paths a user gives: symlinked folders are not followed, and a symlinked file is
read only when it resolves inside the folder being indexed."""

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
            base = root.resolve()
            for folder, dirs, files in os.walk(root, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in dirs:
                    if (Path(folder) / name).is_symlink():
                        yield Path(folder) / name, "symlinked folder (not followed)"
                for name in sorted(files):
                    path = Path(folder) / name
                    if name.startswith(".") or path.suffix.lower() not in SUPPORTED:
                        continue
                    yield path, _link_problem(path, base) if path.is_symlink() else None
        else:
            yield root, "not a regular file or directory"


def _link_problem(link: Path, base: Path) -> str | None:
    """Why a symlinked file may not be read: a loop, a dangling link, or a target outside ``base``."""
    try:
        target = link.resolve(strict=True)
    except RuntimeError:
        return "symlink loop"
    except OSError as exc:
        return f"broken symlink ({exc.strerror or exc})"
    if not target.is_relative_to(base):
        return "symlink to a file outside the folder being indexed (not followed)"
    return None
