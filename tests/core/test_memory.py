"""core/memory.py: linecache keeps a few files' text, so PySide6's import hook leaves no holes behind.

Each case runs in a fresh interpreter: the hook is installed by importing PySide6, and the point is
what the interpreter holds afterwards.
"""

from __future__ import annotations

import textwrap
import zipfile
from pathlib import Path

from piassist.core.memory import RECENT_FILES
from tests.helpers.fresh_python import in_fresh_interpreter

# Imports what the app imports after PySide6 (the client library), then reports the cache and the
# Python allocator's memory: its 1 MiB arenas, which it returns to the system only when empty.
PROBE = textwrap.dedent(
    """
    import json, linecache, sys
    from piassist.core import memory
    if sys.argv[1] == "bounded":
        memory.keep_few_module_sources()
    import PySide6.QtCore
    import ollama, httpx, pydantic  # read by PySide6's hook after it is installed
    read = len(linecache.cache) > 50  # the hook read the modules' sources (unbounded only)
    linecache.clearcache()  # what the app did before: free the text afterwards
    import os, tempfile
    with tempfile.TemporaryFile() as f:  # _debugmallocstats writes to the C stderr
        saved = os.dup(2); os.dup2(f.fileno(), 2); sys._debugmallocstats(); os.dup2(saved, 2)
        f.seek(0); stats = f.read().decode()
    arenas = next(int(line.split("=")[1].replace(",", "")) for line in stats.splitlines()
                  if "arenas allocated current" in line)
    print(json.dumps({"read": read, "arenas": arenas}))
    """
)


def test_module_sources_read_at_import_no_longer_leave_the_allocator_holding_megabytes() -> None:
    unbounded, bounded = in_fresh_interpreter(PROBE, "unbounded"), in_fresh_interpreter(PROBE, "bounded")
    assert unbounded["read"], "PySide6's hook no longer reads module sources: core/memory.py can go"
    # Measured 27 → 21 arenas of 1 MiB in the idle app; here, the client library alone.
    assert bounded["arenas"] <= unbounded["arenas"] - 2, (unbounded, bounded)


def test_linecache_keeps_only_the_newest_files_and_tracebacks_still_show_their_lines(
    tmp_path: Path,
) -> None:
    for i in range(RECENT_FILES + 5):
        (tmp_path / f"mod{i}.py").write_text(f"def fail():\n    raise ValueError('mod{i} line two')\n")
    with zipfile.ZipFile(tmp_path / "zipped.zip", "w") as archive:
        archive.writestr("zipped.py", "def fail():\n    raise KeyError('from a zip')\n")
    script = textwrap.dedent(
        f"""
        import json, linecache, sys, traceback, importlib
        from piassist.core import memory
        memory.keep_few_module_sources()
        sys.path[:0] = [{str(tmp_path)!r}, {str(tmp_path / "zipped.zip")!r}]
        texts = []
        for name in [f"mod{{i}}" for i in range({RECENT_FILES + 5})] + ["zipped"]:
            try:
                importlib.import_module(name).fail()
            except Exception:
                texts.append(traceback.format_exc())
        print(json.dumps({{"cached": len(linecache.cache), "texts": texts}}))
        """
    )
    result = in_fresh_interpreter(script)
    assert 0 < result["cached"] <= RECENT_FILES
    for i, text in enumerate(result["texts"][:-1]):
        assert f"raise ValueError('mod{i} line two')" in text
    assert "raise KeyError('from a zip')" in result["texts"][-1]
