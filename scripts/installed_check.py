#!/usr/bin/env python3
"""Start an installed PiAssist offscreen and report what it found, as one JSON line on stdout.

Run with the interpreter of the installation under test, from outside the checkout, so that the
installed package (not the sources) is imported:  python installed_check.py --host HOST --lang uk
It opens the main window, loads the translation, lists the server's models, then quits. The wheel
test and the arm64 install test read its report.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--lang", default="uk")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if "PIASSIST_HOME" not in os.environ:
        os.environ["PIASSIST_HOME"] = tempfile.mkdtemp(prefix="piassist-check-")
    started = time.monotonic()

    import PySide6
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    qapp = QApplication(sys.argv[:1])
    import qasync

    import piassist
    from piassist import paths
    from piassist.app import PiAssist
    from piassist.core.get_models.catalog import load_catalog
    from piassist.ui.common.widgets import app_icon

    app = PiAssist(qapp, settings_path=paths.settings_file(), language=args.lang, host=args.host)
    report: dict[str, Any] = {
        "package": str(Path(piassist.__file__).resolve().parent),
        "qm_files": sorted(p.name for p in paths.translations_dir().glob("*.qm")),
        "language": app.i18n.language,
        # One of the app's own texts, as the loaded translation gives it.
        "quit_text": QCoreApplication.translate("WindowMenus", "&Quit"),
        "catalog_models": len(load_catalog(paths.resources_dir() / "catalog.json")),
        "icon_sizes": sorted(s.width() for s in app_icon().availableSizes()),
        "python": sys.version.split()[0],
        "pyside": PySide6.__version__,
        "machine": platform.machine(),
    }

    async def run() -> None:
        listed: asyncio.Future[list[str]] = asyncio.get_running_loop().create_future()
        app.library.models_changed.connect(
            lambda models: listed.done() or listed.set_result(sorted(m.name for m in models))
        )
        app.window.show()
        await asyncio.sleep(0)
        report["window_title"] = app.window.windowTitle()
        report["window_visible"] = app.window.isVisible()
        app.start()
        try:
            report["models"] = await asyncio.wait_for(listed, args.timeout)
        except TimeoutError:
            report["models"] = None
        report["seconds"] = round(time.monotonic() - started, 2)
        await app.aclose()

    qasync.run(run())
    print(json.dumps(report, ensure_ascii=False), flush=True)
    return 0 if report["models"] is not None else 1


if __name__ == "__main__":
    sys.exit(main())
