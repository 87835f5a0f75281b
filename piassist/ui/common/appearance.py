"""Light or dark: the person's choice in Preferences, or the desktop's when they leave it to the desktop.

What the desktop wants is read, in this order, from:
1. Qt's own colour scheme (QStyleHints.colorScheme), when a platform theme tells Qt (GNOME, KDE, the
   xdg portal's setting under Qt 6.8+).
2. GNOME's settings, which Raspberry Pi OS's Appearance Settings also write: ``gsettings get
   org.gnome.desktop.interface color-scheme`` ('prefer-dark'), else its gtk-theme (a name with "dark",
   or Pi OS's dark theme PiXnoir). gsettings runs in a QProcess: the window never waits for it.
3. GTK's settings.ini (gtk-application-prefer-dark-theme, gtk-theme-name), and GTK_THEME.
On a Pi under labwc or X11 Qt usually has no platform theme, so 1. says nothing and 2. or 3. decide.

Dark is Qt's Fusion style with a dark palette built here; light is the palette the app started with
when that is light, else Fusion's own. Widgets take their colours from the palette, so setting the
application's palette is all it takes: the transcript draws its text again on the palette change.
"""

from __future__ import annotations

import configparser
import logging
import os
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

log = logging.getLogger(__name__)

DARK_NAMES = ("dark", "noir")  # theme names that mean dark: Adwaita-dark, PiXnoir (Pi OS)


class Scheme(StrEnum):
    SYSTEM = "system"  # follow the desktop
    LIGHT = "light"
    DARK = "dark"


def is_dark(palette: QPalette) -> bool:
    return (
        palette.color(QPalette.ColorRole.Window).lightness()
        < palette.color(QPalette.ColorRole.WindowText).lightness()
    )


def dark_palette() -> QPalette:
    """Fusion in dark colours: dark grey windows, a darker base for text, light text, a clear blue."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#2b2b2b",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#383838",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.BrightText: "#ff6e6e",
        QPalette.ColorRole.Light: "#505050",
        QPalette.ColorRole.Midlight: "#434343",
        QPalette.ColorRole.Mid: "#2f2f2f",
        QPalette.ColorRole.Dark: "#1c1c1c",
        QPalette.ColorRole.Shadow: "#111111",
        QPalette.ColorRole.Highlight: "#3584e4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#78b4ff",
        QPalette.ColorRole.LinkVisited: "#c09cff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(disabled, role, QColor("#7c7c7c"))
    palette.setColor(disabled, QPalette.ColorRole.Highlight, QColor("#4a4a4a"))
    palette.setColor(disabled, QPalette.ColorRole.Button, QColor("#303030"))
    return palette


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style is not None else QPalette()


def warning_colour(palette: QPalette) -> str:
    """Red that reads on the palette's window colour: deep on light, soft on dark."""
    return "#ff8a80" if is_dark(palette) else "#b3261e"


def dark_from_names(*names: str) -> bool | None:
    """Whether these theme or scheme names say dark; None when there are none."""
    given = [name.strip().strip("'\"").lower() for name in names if name and name.strip().strip("'\"")]
    if not given:
        return None
    return any(part in name for name in given for part in DARK_NAMES)


def dark_from_gtk(config_dir: Path, environ: dict[str, str] | None = None) -> bool | None:
    """GTK's own settings: GTK_THEME (Adwaita:dark), then gtk-4.0's and gtk-3.0's settings.ini."""
    environ = dict(os.environ) if environ is None else environ
    if environ.get("GTK_THEME"):
        return dark_from_names(environ["GTK_THEME"])
    for version in ("gtk-4.0", "gtk-3.0"):
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(config_dir / version / "settings.ini", encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            continue
        if not parser.has_section("Settings"):
            continue
        section = parser["Settings"]
        prefer = section.get("gtk-application-prefer-dark-theme", "").strip().lower()
        if prefer in ("1", "true"):
            return True
        found = dark_from_names(section.get("gtk-theme-name", ""))
        if found is not None:
            return found
    return None


class Appearance(QObject):
    """Applies the chosen scheme to the application, and follows the desktop while the choice is
    SYSTEM."""

    changed = Signal(bool)  # dark now

    def __init__(self, qapp: QApplication, scheme: str, config_dir: Path | None = None) -> None:
        super().__init__(qapp)
        self._qapp = qapp
        self._scheme = _scheme(scheme)
        self._started_palette = QPalette(qapp.palette())
        self._started_style = qapp.style().name()
        self._config_dir = config_dir or Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
        )
        self._gnome: bool | None = None  # what gsettings said, once it answered
        self._process: QProcess | None = None
        self.dark = False
        self._closed = False
        qapp.styleHints().colorSchemeChanged.connect(self._desktop_changed)

    @property
    def scheme(self) -> Scheme:
        return self._scheme

    def set_scheme(self, scheme: str) -> None:
        self._scheme = _scheme(scheme)
        self.apply()

    def start(self) -> None:
        """Apply the choice now, and ask GNOME's settings in the background (they may change it)."""
        self.apply()
        self._ask_gsettings(["color-scheme", "gtk-theme"])

    def close(self) -> None:
        """The application's palette and style as they were (the app is shutting down; once)."""
        if self._closed:
            return
        self._closed = True
        self._qapp.styleHints().colorSchemeChanged.disconnect(self._desktop_changed)
        if self._process is not None:  # gsettings hung (no D-Bus): not left behind
            self._process.kill()
            self._process.waitForFinished(500)
        if self._qapp.style().name() != self._started_style:
            self._qapp.setStyle(self._started_style)
        self._qapp.setPalette(self._started_palette)

    def _desktop_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._scheme is Scheme.SYSTEM:
            self.apply()

    def desktop_dark(self) -> bool:
        scheme = QGuiApplication.styleHints().colorScheme()
        if scheme != Qt.ColorScheme.Unknown:
            return scheme == Qt.ColorScheme.Dark
        if self._gnome is not None:
            return self._gnome
        from_gtk = dark_from_gtk(self._config_dir)
        return from_gtk if from_gtk is not None else is_dark(self._started_palette)

    def apply(self) -> None:
        dark = self.desktop_dark() if self._scheme is Scheme.SYSTEM else self._scheme is Scheme.DARK
        if dark == is_dark(self._started_palette):
            palette = self._started_palette
        else:
            palette = dark_palette() if dark else light_palette()
            if self._qapp.style().name().lower() != "fusion":
                self._qapp.setStyle("Fusion")  # a style that draws with the palette it is given
        if palette != self._qapp.palette() or dark != self.dark:
            self._qapp.setPalette(palette)
            self.dark = dark
            log.info("appearance: %s (%s)", "dark" if dark else "light", self._scheme.value)
            self.changed.emit(dark)

    # -- GNOME's settings, without waiting -------------------------------------------------------------
    def _ask_gsettings(self, keys: list[str]) -> None:
        if not keys or self._process is not None:
            return
        process = QProcess(self)
        self._process = process
        key, rest = keys[0], keys[1:]

        def done(exit_code: int = 0, _status: object = None) -> None:
            out = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace").strip()
            process.deleteLater()
            self._process = None
            answer: bool | None = None
            if exit_code == 0 and out:
                # color-scheme 'default' says nothing: the theme's name decides then.
                answer = (True if "dark" in out else None) if key == "color-scheme" else dark_from_names(out)
            if answer is not None or not rest:
                if answer is not None and answer != self._gnome:
                    self._gnome = answer
                    self.apply()
                return
            self._ask_gsettings(rest)

        def failed(_error: QProcess.ProcessError) -> None:
            if process.state() == QProcess.ProcessState.NotRunning:
                process.deleteLater()
                self._process = None  # no gsettings here: the other sources decide

        process.finished.connect(done)
        process.errorOccurred.connect(failed)
        process.start("gsettings", ["get", "org.gnome.desktop.interface", key])


def _scheme(value: str) -> Scheme:
    try:
        return Scheme(value)
    except ValueError:
        return Scheme.SYSTEM
