import pytest

from piassist.core.errors import BackendError, ErrorKind
from piassist.ui.common.error_texts import error_message


@pytest.mark.parametrize("kind", list(ErrorKind))
def test_every_error_kind_has_plain_words(kind: ErrorKind, qapp: object) -> None:
    text = error_message(BackendError(kind, "raw server text"))
    assert text and "raw server text" not in text


@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_model_too_big_says_what_it_needs_what_there_is_and_what_to_do(language: str, qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    from piassist import paths

    translator = QTranslator()
    assert translator.load(f"piassist_{language}", str(paths.translations_dir()))
    QCoreApplication.installTranslator(translator)
    previous = QLocale()
    QLocale.setDefault(QLocale("uk_UA" if language == "uk" else "en_US"))
    try:
        figures = BackendError(
            ErrorKind.NOT_ENOUGH_MEMORY, "raw", 500, needed=2_400_000_000, available=900_000_000
        )
        with_figures, without = (
            error_message(figures),
            error_message(BackendError(ErrorKind.NOT_ENOUGH_MEMORY)),
        )
    finally:
        QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(previous)
    assert "2,4" in with_figures if language == "uk" else "2.4 GB" in with_figures
    if language == "uk":
        assert not any(word in with_figures + without for word in ("memory", "model", "swap", "computer"))
    assert "900" in with_figures
    sentences = [s for s in with_figures.split(". ") if s]
    assert len(sentences) >= 2  # the figures, then the way on
    assert without and "raw" not in without and without.endswith(with_figures.split(". ", 1)[1])
