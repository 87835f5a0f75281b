"""What each connection state says to a person: a title, an explanation, and a short status-bar line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from piassist.core.connection_state import ConnectionStatus, ConnState

INSTALL_COMMAND = "curl -fsSL https://ollama.com/install.sh | sh"


def title(status: ConnectionStatus) -> str:
    if status.state is ConnState.NEEDS_TOKEN and status.token_sent:
        return QCoreApplication.translate("ConnectionTexts", "The server did not accept the token")
    return {
        ConnState.CONNECTING: QCoreApplication.translate("ConnectionTexts", "Connecting to Ollama…"),
        ConnState.CONNECTED: QCoreApplication.translate("ConnectionTexts", "Connected"),
        ConnState.STARTING: QCoreApplication.translate("ConnectionTexts", "Starting Ollama…"),
        ConnState.NOT_RUNNING: QCoreApplication.translate("ConnectionTexts", "Ollama is not running"),
        ConnState.NOT_INSTALLED: QCoreApplication.translate("ConnectionTexts", "Ollama is not installed"),
        ConnState.STOPPED: QCoreApplication.translate("ConnectionTexts", "Ollama stopped"),
        ConnState.REFUSED: QCoreApplication.translate("ConnectionTexts", "The server refused the connection"),
        ConnState.UNREACHABLE: QCoreApplication.translate("ConnectionTexts", "The server cannot be reached"),
        ConnState.TIMEOUT: QCoreApplication.translate("ConnectionTexts", "The server does not answer"),
        ConnState.NOT_OLLAMA: QCoreApplication.translate("ConnectionTexts", "This is not an Ollama server"),
        ConnState.INVALID_HOST: QCoreApplication.translate(
            "ConnectionTexts", "The server address is not valid"
        ),
        ConnState.NEEDS_TOKEN: QCoreApplication.translate("ConnectionTexts", "The server asks for a token"),
    }[status.state]


def explanation(status: ConnectionStatus) -> str:
    if status.state is ConnState.NEEDS_TOKEN:
        text = (
            QCoreApplication.translate(
                "ConnectionTexts",
                "The token saved for %1 was refused: it may have expired or been mistyped. Ask whoever "
                "runs that server for a new one and enter it with “Change server address…”.",
            )
            if status.token_sent
            else QCoreApplication.translate(
                "ConnectionTexts",
                "%1 only lets in requests that carry an access token. Ask whoever runs that server for "
                "the token and enter it with “Change server address…”.",
            )
        )
        return text.replace("%1", status.host)
    text = {
        ConnState.CONNECTING: QCoreApplication.translate(
            "ConnectionTexts", "Looking for the Ollama server at %1."
        ),
        ConnState.CONNECTED: QCoreApplication.translate("ConnectionTexts", "Ollama %2 is answering at %1."),
        ConnState.STARTING: QCoreApplication.translate(
            "ConnectionTexts", "Ollama is starting on this computer. This can take a few seconds."
        ),
        ConnState.NOT_RUNNING: QCoreApplication.translate(
            "ConnectionTexts",
            "Ollama is installed on this computer but is not running. PiAssist needs it to run the "
            "language models. Start it with the button below.",
        ),
        ConnState.NOT_INSTALLED: QCoreApplication.translate(
            "ConnectionTexts",
            "PiAssist uses Ollama, a free program that runs language models on this computer. It is not "
            "installed yet. Installing it takes one command and a few minutes; “How to install Ollama” "
            "shows step by step where to type it. PiAssist connects by itself when Ollama is ready.",
        ),
        ConnState.STOPPED: QCoreApplication.translate(
            "ConnectionTexts",
            "Ollama was answering at %1 a moment ago and has stopped. PiAssist connects again by itself "
            "as soon as it runs.",
        ),
        ConnState.REFUSED: QCoreApplication.translate(
            "ConnectionTexts",
            "Nothing answers at %1. Check that Ollama runs on that computer and that the address is right.",
        ),
        ConnState.UNREACHABLE: QCoreApplication.translate(
            "ConnectionTexts", "%1 cannot be reached. Check the address and the network connection."
        ),
        ConnState.TIMEOUT: QCoreApplication.translate(
            "ConnectionTexts", "%1 accepted the connection but did not answer in time. It may be overloaded."
        ),
        ConnState.NOT_OLLAMA: QCoreApplication.translate(
            "ConnectionTexts",
            "Something answers at %1, but it does not behave like Ollama. Check the address.",
        ),
        ConnState.INVALID_HOST: QCoreApplication.translate(
            "ConnectionTexts",
            "“%1” is not a server address. Use a form like 127.0.0.1:11434 or http://raspberrypi.local:11434.",
        ),
    }[status.state]
    return text.replace("%1", status.host).replace("%2", status.version)


def short(status: ConnectionStatus) -> str:
    """One line for the status bar."""
    if status.state is ConnState.CONNECTED:
        return (
            QCoreApplication.translate("ConnectionTexts", "Ollama %1 · %2")
            .replace("%1", status.version)
            .replace("%2", status.host)
        )
    return title(status)
