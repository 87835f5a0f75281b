"""PiAssist: a local-AI assistant for the Raspberry Pi desktop."""

__version__ = "0.1.0"

# The reverse-DNS name of the menu entry, the icons and the AppStream metainfo (packaging/), and Wayland's
# app id of the window.
APP_ID = "io.github.piassist.piassist"
