import pytest

from piassist.core.errors import BackendError, ErrorKind
from piassist.ui.error_texts import error_message


@pytest.mark.parametrize("kind", list(ErrorKind))
def test_every_error_kind_has_plain_words(kind: ErrorKind, qapp: object) -> None:
    text = error_message(BackendError(kind, "raw server text"))
    assert text and "raw server text" not in text
