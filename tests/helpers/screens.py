"""The screens offscreen tests run on: PIASSIST_TEST_SCREEN=pi or full-hd (tests/conftest.py gives the
offscreen platform one screen of that size; tests/i18n/test_no_clipping.py runs itself once per size)."""

from __future__ import annotations

SCREENS = {"pi": (800, 480), "full-hd": (1920, 1080)}
