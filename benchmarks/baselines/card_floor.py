"""Baseline for the memory benchmark: a bare window that has imported every package PiAssist depends on."""

import sys

import keyring  # noqa: F401
import markdown_it  # noqa: F401
import ollama  # noqa: F401
import psutil  # noqa: F401
import pygments  # noqa: F401
import qasync  # noqa: F401
from bare_window import main

if __name__ == "__main__":
    sys.exit(main())
