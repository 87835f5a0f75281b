"""Running a probe in a new interpreter, for what a test's own process can no longer show (modules or
classes already loaded by earlier tests, memory the process already holds)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any


def in_fresh_interpreter(script: str, *args: str) -> Any:
    """Run the script in a new Python and return what it printed last, as JSON."""
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(out.stdout.splitlines()[-1])
