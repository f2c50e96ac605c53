"""Helpers shared by the benchmark scripts: where the data is, what machine this is."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    path = Path(os.environ.get("CLAIMLEDGER_SHARED", REPO.parent / "shared")).resolve()
    if not path.is_dir():
        sys.exit(f"shared data not found at {path}; set CLAIMLEDGER_SHARED")
    return path


def machine() -> str:
    """One line naming the machine, for RESULTS.md."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()},"
        f" {platform.system()} {platform.release()}"
    )
