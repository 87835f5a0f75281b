"""What start-up pays for: importing the app (everything the first window needs) leaves out the parts
that are built later or rarely (each costs memory a Pi's model could use, and start-up time)."""

from __future__ import annotations

from tests.helpers.fresh_python import in_fresh_interpreter

LATER = [
    "piassist.ui.chat.page",  # built after the first paint
    "piassist.ui.get_models.page",  # the catalog, when its page is first shown
    "piassist.ui.connection.page",  # only once something is wrong with the server
    "piassist.ui.connection.host_dialog",
    "piassist.ui.settings.dialogs",
    "piassist.ui.keyboard.shortcut_sheet",
    "piassist.ui.kiosk.mode",
    "markdown_it",
    "pygments",
    "keyring",
    "sqlite3",
]


def test_importing_the_app_leaves_the_later_parts_unloaded() -> None:
    probe = "import json, sys, piassist.app, piassist.__main__; print(json.dumps(sorted(sys.modules)))"
    loaded = in_fresh_interpreter(probe)
    assert "piassist.ui.window.main_window" in loaded and "piassist.ui.models.page" in loaded
    assert [name for name in LATER if name in loaded] == []
