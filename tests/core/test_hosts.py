import pytest

from piassist.core.hosts import DEFAULT_HOST, InvalidHostError, default_host_text, parse_host


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("", "http://127.0.0.1:11434"),
        ("127.0.0.1", "http://127.0.0.1:11434"),
        (":5000", "http://127.0.0.1:5000"),
        ("raspberrypi.local:8080", "http://raspberrypi.local:8080"),
        ("http://example.com", "http://example.com:80"),
        ("https://example.com", "https://example.com:443"),
        ("https://example.com:8443/ollama/", "https://example.com:8443/ollama"),
        ("[::1]:11434", "http://[::1]:11434"),
        ("  localhost:11434  ", "http://localhost:11434"),
    ],
)
def test_parses_hosts_like_ollama(text: str, url: str) -> None:
    assert parse_host(text).url == url


@pytest.mark.parametrize(
    "text",
    [
        "not a host",
        "ftp://example.com",
        "http://",
        "example.com:99999",
        "exa_mple.com",
        "http://a:b@host",
        "[::1",
        "-x-",
    ],
)
def test_rejects_text_that_is_no_address(text: str) -> None:
    with pytest.raises(InvalidHostError):
        parse_host(text)


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("0.0.0.0", True),
        ("[::1]", True),
        ("192.168.1.5", False),
        ("pi.local", False),
    ],
)
def test_knows_which_hosts_are_this_machine(text: str, local: bool) -> None:
    assert parse_host(text).is_local is local


def test_display_drops_plain_http() -> None:
    assert parse_host("127.0.0.1:1").display == "127.0.0.1:1"
    assert parse_host("https://h").display == "https://h:443"


def test_default_host_follows_ollama_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OLLAMA_HOST", raising=False)
    assert default_host_text() == DEFAULT_HOST
    monkeypatch.setenv("OLLAMA_HOST", "10.0.0.2:9999")
    assert default_host_text() == "10.0.0.2:9999"
