"""Disk space: what a fresh env needs, and the refusal before the big downloads when that much is not free."""
from __future__ import annotations

import shutil
from pathlib import Path

from .errors import InstallError
from .messages import tr
from .torch_choice import TorchChoice

GB = 1024 ** 3


def disk_needed(choice: TorchChoice) -> int:
    """Bytes a fresh env needs (measured: CUDA build ~5.6 GB venv; CPU build ~1.5 GB), with room for downloads."""
    return 8 * GB if choice.device == "cuda" else 3 * GB


def check_free_space(folder: Path, need: int) -> None:
    """An InstallError (step "disk") unless ``folder``'s disk has ``need`` bytes free."""
    free = shutil.disk_usage(folder).free
    if free < need:
        raise InstallError(tr("Not enough disk space in {}: {:.1f} GB free, the backend needs about {:.0f} GB. "
                              "Free some space or choose another folder.").format(folder, free / GB, need / GB), "disk")
