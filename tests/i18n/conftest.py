"""The whole app over the fake server, as the UI tests have it."""

from __future__ import annotations

from tests.ui.conftest import make_app, server

__all__ = ["make_app", "server"]
