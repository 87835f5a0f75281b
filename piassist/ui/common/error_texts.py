"""Server errors in plain, translated words; the raw text stays available as a detail."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from piassist.core.errors import BackendError, ErrorKind
from piassist.ui.common.formatting import size


def error_message(error: BackendError) -> str:
    if error.kind is ErrorKind.NOT_ENOUGH_MEMORY:
        return memory_message(error)
    return {
        ErrorKind.INVALID_HOST: QCoreApplication.translate("ErrorTexts", "the server address is not valid."),
        ErrorKind.REFUSED: QCoreApplication.translate("ErrorTexts", "the server is not running."),
        ErrorKind.UNREACHABLE: QCoreApplication.translate("ErrorTexts", "the server cannot be reached."),
        ErrorKind.TIMEOUT: QCoreApplication.translate("ErrorTexts", "the server did not answer in time."),
        ErrorKind.BAD_RESPONSE: QCoreApplication.translate(
            "ErrorTexts", "the server sent an answer PiAssist does not understand."
        ),
        ErrorKind.NOT_FOUND: QCoreApplication.translate(
            "ErrorTexts", "the server does not know this request."
        ),
        ErrorKind.MODEL_NOT_FOUND: QCoreApplication.translate(
            "ErrorTexts", "this model is not installed on the server."
        ),
        ErrorKind.BUSY: QCoreApplication.translate(
            "ErrorTexts", "the server is busy with other requests; try again in a moment."
        ),
        ErrorKind.INTERRUPTED: QCoreApplication.translate(
            "ErrorTexts", "the connection to the server broke off in the middle of an answer."
        ),
        ErrorKind.SERVER_ERROR: QCoreApplication.translate("ErrorTexts", "the server reported an error."),
        ErrorKind.UNAUTHORIZED: QCoreApplication.translate(
            "ErrorTexts", "the server asks for an access token, or refused the one saved for it."
        ),
        ErrorKind.INVALID_NAME: QCoreApplication.translate(
            "ErrorTexts", "this is not a name of a model that can be downloaded."
        ),
        ErrorKind.UNKNOWN_MODEL: QCoreApplication.translate(
            "ErrorTexts", "the model library has no model by that name."
        ),
        ErrorKind.REGISTRY_UNREACHABLE: QCoreApplication.translate(
            "ErrorTexts",
            "the model library cannot be reached (is the internet down?); what was downloaded is kept.",
        ),
        ErrorKind.DISK_FULL: QCoreApplication.translate(
            "ErrorTexts",
            "the disk is full; what was downloaded is kept. Delete a model or other files to make room.",
        ),
        ErrorKind.CONTEXT_OVERFLOW: QCoreApplication.translate(
            "ErrorTexts", "the conversation is longer than the model can read at once."
        ),
    }[error.kind]


def memory_message(error: BackendError) -> str:
    """A model too big to load, the same on every Ollama version: what it needs, what there is, what to do."""
    advice = QCoreApplication.translate(
        "ErrorTexts", "Choose a smaller model, add swap, or run Ollama on a computer with more memory."
    )
    if error.needed and error.available is not None:
        text = QCoreApplication.translate(
            "ErrorTexts", "the model needs about %1 of memory; the computer Ollama runs on has %2 for it."
        )
        return text.replace("%1", size(error.needed)).replace("%2", size(error.available)) + " " + advice
    text = QCoreApplication.translate(
        "ErrorTexts", "the model needs more memory than the computer Ollama runs on has for it."
    )
    return text + " " + advice
