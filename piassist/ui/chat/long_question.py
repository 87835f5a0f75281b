"""A question too long for the model: the warning before it is sent (or before a long paste lands in the
question box), with the choices, and a long text attached to the question instead of typed into it.

Attached, the whole text is kept in the conversation and the model reads the part that fits (chat_request
cuts it); sent anyway, it goes whole and the server cuts it (or says it is too long). The box never holds
a text too long for the model: laying out a megabyte there would stall the window for a good part of a
second, so such a paste goes straight to the warning.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QToolButton, QWidget

from piassist.core.context_budget import Fitted
from piassist.core.history.types import StoredMessage
from piassist.services.chat_request import ATTACHED_AT, QuestionFit
from piassist.services.chat_session import ChatService
from piassist.ui.chat.composer import Composer
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named


def share(fit: QuestionFit) -> str:
    """The part of the text the model reads, in whole percent ("<1" for less than one)."""
    percent = 100 * fit.readable_chars / max(1, fit.chars)
    return "<1" if percent < 1 else str(min(99, round(percent)))


class AttachmentChip(Retranslating, QFrame):
    """Above the question box while a long text is attached: its size, the part the model reads, and ✕."""

    removed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._fit: QuestionFit | None = None
        self.label = named(QLabel(wordWrap=True), "attachmentLabel")
        self.remove_button = named(QToolButton(), "removeAttachment")
        self.remove_button.setText("✕")
        self.remove_button.clicked.connect(self.removed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 2, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.remove_button)
        self.retranslate_ui()
        self.hide()

    def show_fit(self, fit: QuestionFit) -> None:
        self._fit = fit
        self.retranslate_ui()
        self.show()

    def retranslate_ui(self) -> None:
        self.remove_button.setToolTip(self.tr("Remove the attached text"))
        self.remove_button.setAccessibleName(self.tr("Remove the attached text"))
        if self._fit is not None:
            self.label.setText(
                self.tr("Attached text: %1 characters. The model reads about the first %2% of it.")
                .replace("%1", QLocale().toString(self._fit.chars))
                .replace("%2", share(self._fit))
            )


class LongQuestions(QObject):
    """The chat page's check before sending, the warning and its choices, and the attached text."""

    def __init__(
        self,
        chat: ChatService,
        composer: Composer,
        model: Callable[[], str],
        send: Callable[[str, str], None],  # (question, attached text): sends without asking again
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._chat, self._composer, self._model, self._send = chat, composer, model, send
        self._parent = parent
        self.chip = AttachmentChip()
        self.chip.removed.connect(self.drop)
        self.attachment = ""
        self.box: QMessageBox | None = None
        composer.accepts_paste = self._paste_fits
        composer.long_paste.connect(self._pasted)

    def check(self, question: str) -> bool:
        """True when `question` may go now; else the warning opens, and what is chosen there follows."""
        if self.attachment:  # the person chose already: the text goes attached
            return True
        fit = self._chat.question_fit(question, self._model())
        if fit.fits:
            return True
        self._warn(question, fit, pasted=False)
        return False

    def attach(self, text: str) -> None:
        self.attachment = text
        self.chip.show_fit(self._chat.question_fit(text, self._model()))

    def take_back(self, question: StoredMessage) -> str:
        """A question back for editing: an attached text goes above the box again (not into it, where a
        long text would stall the window); returns what goes into the box."""
        attached = (question.stats or {}).get(ATTACHED_AT)
        if not isinstance(attached, int):
            return question.content
        self.attach(question.content[attached:])
        return question.content[:attached].strip()

    def drop(self) -> None:
        self.attachment = ""
        self.chip.hide()

    def trimmed_words(self, fitted: Fitted) -> Callable[[], str]:
        """What the band says when a request left older turns out or cut an attached text."""

        def words() -> str:
            said = []
            if fitted.left_out:
                said.append(
                    self.tr(
                        "%n older message(s) of this conversation were left out of this question: the model "
                        "cannot read more at once.",
                        "",
                        fitted.left_out,
                    )
                )
            if fitted.cut is not None:
                sent, whole = fitted.cut
                fit = QuestionFit(0, 0, sent, whole)
                said.append(
                    self.tr("The model reads only the first %1% of the attached text.").replace(
                        "%1", share(fit)
                    )
                )
            return " ".join(said)

        return words

    # -- the warning -------------------------------------------------------------------------------
    def _paste_fits(self, pasted: str) -> bool:
        return self._chat.question_fit(self._composer.toPlainText() + pasted, self._model()).fits

    def _pasted(self, text: str) -> None:
        self._warn(text, self._chat.question_fit(text, self._model()), pasted=True)

    def _warn(self, text: str, fit: QuestionFit, *, pasted: bool) -> None:
        if self.box is not None:
            self.box.close()
        box = QMessageBox(self._parent)
        box.setObjectName("longQuestionBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Too long for the model"))
        box.setText(
            self.tr("This text is too long for the model to read at once.")
            if pasted
            else self.tr("This question is too long for the model to read at once.")
        )
        box.setInformativeText(
            self.tr(
                "The model reads about %1 characters at once here; this text has %2, so it would see only "
                "about the first %3%. Attached as a file, the whole text stays in the conversation and the "
                "model reads its beginning."
            )
            .replace("%1", QLocale().toString(fit.readable_chars))
            .replace("%2", QLocale().toString(fit.chars))
            .replace("%3", share(fit))
        )
        attach = box.addButton(self.tr("Attach as a file"), QMessageBox.ButtonRole.AcceptRole)
        anyway = box.addButton(self.tr("Send anyway"), QMessageBox.ButtonRole.ApplyRole)
        back = self.tr("Don't paste") if pasted else self.tr("Shorten it")
        box.addButton(back, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(attach)
        for button, name in ((attach, "attachText"), (anyway, "sendAnyway")):
            button.setObjectName(name)

        def chosen(_result: int) -> None:
            clicked = box.clickedButton()
            self.box = None
            box.deleteLater()
            if clicked is attach and pasted:
                self.attach(text)
                self._composer.setFocus()
            elif clicked is attach:  # the question typed becomes the attached text
                self._send("", text.strip())
            elif clicked is anyway:
                self._send(self._with_paste(text) if pasted else text, "")
            else:
                self._composer.setFocus()  # the question is still there, to shorten

        box.finished.connect(chosen)
        self.box = box
        box.open()

    def _with_paste(self, pasted: str) -> str:
        """The question as it would read with the paste put where the cursor is."""
        typed, at = self._composer.toPlainText(), self._composer.textCursor().position()
        return typed[:at] + pasted + typed[at:]
