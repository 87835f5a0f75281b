"""PiAssist: a local-AI assistant for the Raspberry Pi desktop."""

__version__ = "0.1.0"
