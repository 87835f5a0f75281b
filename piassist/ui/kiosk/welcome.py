"""What a kiosk visitor sees around the chat: the welcome screen, and a thin bar above the chat with the
"offline ready" sign, the language, "Start over" and a discreet admin button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from piassist.services.i18n import LANGUAGES
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import make_heading, named

READY_STYLE = "color: #2e7d32;"


class LanguageButtons(QWidget):
    """One button per language, each named in its own language (a visitor may switch: see README)."""

    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for code, name in LANGUAGES.items():
            button = named(QPushButton(name), f"kioskLanguage-{code}")
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.clicked.connect(lambda _checked=False, c=code: self.language_chosen.emit(c))
            layout.addWidget(button)
            self.buttons[code] = button

    def show_language(self, code: str) -> None:
        if code in self.buttons:
            self.buttons[code].setChecked(True)


class OfflineSign(Retranslating, QLabel):
    """A small green sign: the model is in this computer's memory, no network is needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskOfflineReady")
        self.setStyleSheet(READY_STYLE)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.setText(self.tr("● Ready offline"))
        self.setToolTip(self.tr("The model is loaded on this computer: no network is needed."))


class KioskBar(Retranslating, QWidget):
    start_over_requested = Signal()
    admin_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskBar")
        self.title = named(QLabel(), "kioskTitle")
        make_heading(self.title, 1.1)
        self.offline = OfflineSign()
        self.languages = LanguageButtons()
        self.start_over = named(QPushButton(), "kioskStartOver")
        self.start_over.clicked.connect(self.start_over_requested)
        self.admin = named(QToolButton(), "kioskAdmin")
        self.admin.setText("⚙")
        self.admin.setAutoRaise(True)
        self.admin.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # discreet: not on a visitor's Tab path
        self.admin.clicked.connect(self.admin_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.offline)
        layout.addStretch(1)
        layout.addWidget(self.languages)
        layout.addWidget(self.start_over)
        layout.addWidget(self.admin)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("PiAssist"))
        self.start_over.setText(self.tr("Start over"))
        self.start_over.setToolTip(self.tr("Clear this conversation and go back to the welcome screen"))
        self.admin.setToolTip(self.tr("Kiosk settings (admin PIN, Ctrl+Alt+A)"))
        self.admin.setAccessibleName(self.tr("Kiosk settings"))


class KioskWelcome(Retranslating, QWidget):
    """The first screen, and where an idle kiosk returns to: a greeting, a few words (PiAssist's, or the
    admin's own: use()) and a start button."""

    start_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskWelcome")
        self.heading = named(QLabel(), "kioskWelcomeHeading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        make_heading(self.heading, 2.0)
        self.text = named(QLabel(), "kioskWelcomeText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # the admin's words, as typed
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.text.setFont(font)
        self.start = named(QPushButton(), "kioskStart")
        self.start.setDefault(True)
        self.start.setMinimumHeight(48)
        make_heading(self.start, 1.3)
        self.start.clicked.connect(self.start_requested)
        self.languages = LanguageButtons()
        self.offline = OfflineSign()
        self._own_text: Callable[[str], str] = lambda _language: ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(2)
        layout.addWidget(self.heading)
        layout.addSpacing(12)
        layout.addWidget(self.text)
        layout.addSpacing(24)
        layout.addWidget(self.start, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.offline)
        bottom.addStretch(1)
        bottom.addWidget(self.languages)
        layout.addLayout(bottom)
        self.retranslate_ui()

    def use(self, own_text: Callable[[str], str]) -> None:
        """The admin's words for a language ("" for PiAssist's)."""
        self._own_text = own_text
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Hello! Ask me anything."))
        own = self._own_text(QLocale().name().split("_")[0])
        self.text.setText(
            own
            or self.tr(
                "I am an AI assistant that runs on this computer, without the internet. "
                "I can be wrong: check what matters."
            )
        )
        self.start.setText(self.tr("Start a conversation"))
