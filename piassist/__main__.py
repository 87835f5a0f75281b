"""Start PiAssist: paint the window first, then connect to Ollama.

The client library (httpx, pydantic) is imported only after the first paint, off the GUI thread.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Sequence

from piassist import APP_ID

PAGES = ("chat", "models")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    from piassist import __version__

    parser = argparse.ArgumentParser(prog="piassist", description="A local AI assistant that uses Ollama.")
    parser.add_argument("--host", help="Ollama server address (default: the saved one, else OLLAMA_HOST)")
    parser.add_argument("--lang", choices=("en", "uk"), help="interface language")
    parser.add_argument("--page", choices=PAGES, help="page to open at start")
    parser.add_argument("--size", metavar="WxH", help="window size, for screenshots and small screens")
    parser.add_argument(
        "--kiosk", action="store_true", help="run as a kiosk: full screen, left only with the admin PIN"
    )
    parser.add_argument(
        "--set-admin-pin", action="store_true", help="set the kiosk's admin PIN in this terminal, then exit"
    )
    parser.add_argument("--version", action="version", version=f"PiAssist {__version__}")
    desktop = parser.add_argument_group("desktop integration, for the current user (no window opens)")
    desktop.add_argument("--install-desktop", action="store_true", help="add PiAssist to the desktop menu")
    desktop.add_argument(
        "--install-kiosk", action="store_true", help="also start PiAssist full screen with every session"
    )
    desktop.add_argument(
        "--uninstall-desktop", action="store_true", help="remove the menu entry, icons and kiosk start"
    )
    # For benchmarks: print milestones (painted, connected, models) with their times to stdout.
    parser.add_argument("--bench-events", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--bench-quit-on-paint", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.install_desktop or args.install_kiosk or args.uninstall_desktop:
        from piassist.desktop import install as desktop_install

        return desktop_install.run(args)
    if args.set_admin_pin:
        from piassist.desktop.admin_pin_cli import set_admin_pin

        return set_admin_pin()

    from piassist.core.memory import keep_few_module_sources

    keep_few_module_sources()  # before PySide6's import hook starts reading module sources

    from PySide6.QtWidgets import QApplication

    from piassist.shutdown import Application, Shutdown

    qapp = QApplication.instance() or Application(sys.argv[:1])
    assert isinstance(qapp, Application)
    qapp.setApplicationName("piassist")
    qapp.setApplicationDisplayName("PiAssist")
    qapp.setDesktopFileName(APP_ID)

    import qasync

    from piassist import paths
    from piassist.app import PiAssist
    from piassist.logging_setup import setup_logging
    from piassist.ui.common.widgets import app_icon
    from piassist.ui.window.bench_events import BenchEvents
    from piassist.ui.window.fit import fit_to_screen

    setup_logging(paths.log_file())
    qapp.setWindowIcon(app_icon())

    piassist = PiAssist(
        qapp, settings_path=paths.settings_file(), language=args.lang, host=args.host, kiosk=args.kiosk
    )
    window = piassist.window
    if args.size:
        width, _, height = args.size.partition("x")
        window.resize(int(width), int(height))
    if piassist.kiosk_mode is None:
        fit_to_screen(window)
    if args.page:
        window.show_page(PAGES.index(args.page))
    events = (
        BenchEvents(
            window, piassist.connection, piassist.library, started, quit_on_paint=args.bench_quit_on_paint
        )
        if args.bench_events
        else None
    )

    shutdown = Shutdown(qapp, window, kiosk=piassist.kiosk_mode is not None)
    window.closing.connect(lambda: shutdown.request("the window closed"))

    async def run() -> None:
        shutdown.install_signal_handlers()
        if piassist.kiosk_mode is None:
            window.show()  # a kiosk goes full screen in piassist.start()
        # Let the window paint before the first network call and the client library import.
        await asyncio.sleep(0)
        piassist.start()
        await shutdown.wait()
        await piassist.aclose()
        shutdown.remove_signal_handlers()

    qasync.run(run())
    shutdown.detach()
    del events
    return shutdown.exit_code


if __name__ == "__main__":
    sys.exit(main())
