"""A manifest read from the registry before pulling (scripted answers; a refused loopback port)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable

import httpx
import pytest

from piassist.core.errors import BackendError, ErrorKind
from piassist.core.get_models.model_names import ModelName, check_pull_name
from piassist.core.ollama.registry_manifest import (
    MANIFEST_ACCEPT,
    RemoteManifest,
    fetch_manifest,
    manifest_url,
)

MANIFEST = {
    "schemaVersion": 2,
    "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
    "config": {
        "mediaType": "application/vnd.docker.container.image.v1+json",
        "digest": "sha256:c",
        "size": 414,
    },
    "layers": [
        {"mediaType": "application/vnd.ollama.image.model", "digest": "sha256:m", "size": 397807936},
        {"mediaType": "application/vnd.ollama.image.template", "digest": "sha256:t", "size": 1482},
        {"mediaType": "application/vnd.ollama.image.license", "digest": "sha256:l", "size": 11343},
    ],
}


def name(text: str) -> ModelName:
    result = check_pull_name(text)
    assert isinstance(result, ModelName)
    return result


def fetch(
    handler: Callable[[httpx.Request], httpx.Response], text: str = "qwen2.5:0.5b", **kw: bool
) -> RemoteManifest:
    return asyncio.run(fetch_manifest(name(text), transport=httpx.MockTransport(handler), **kw))


def test_layers_and_download_size() -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json=MANIFEST)

    manifest = fetch(handler)
    assert str(requests[0].url) == "https://registry.ollama.ai/v2/library/qwen2.5/manifests/0.5b"
    assert requests[0].headers["accept"] == MANIFEST_ACCEPT
    assert [layer.digest for layer in manifest.layers] == ["sha256:m", "sha256:t", "sha256:l", "sha256:c"]
    assert manifest.download_size == 397807936 + 1482 + 11343 + 414


def test_urls_for_other_registries() -> None:
    assert manifest_url(name("127.0.0.1:5000/library/demo"), insecure=True) == (
        "http://127.0.0.1:5000/v2/library/demo/manifests/latest"
    )
    assert manifest_url(name("hf.co/bartowski/Llama-GGUF:Q4_K_M")) == (
        "https://hf.co/v2/bartowski/Llama-GGUF/manifests/Q4_K_M"
    )


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        (httpx.Response(404, json={"errors": [{"code": "MANIFEST_UNKNOWN"}]}), ErrorKind.UNKNOWN_MODEL),
        (httpx.Response(401), ErrorKind.UNKNOWN_MODEL),
        (httpx.Response(503, text="down"), ErrorKind.REGISTRY_UNREACHABLE),
        (httpx.Response(200, text="<html>captive portal</html>"), ErrorKind.BAD_RESPONSE),
        (httpx.Response(200, json={"layers": [{"digest": "sha256:m"}]}), ErrorKind.BAD_RESPONSE),
        (httpx.Response(200, json=["not", "a", "manifest"]), ErrorKind.BAD_RESPONSE),
    ],
)
def test_registry_answers_that_are_not_a_manifest(response: httpx.Response, kind: ErrorKind) -> None:
    with pytest.raises(BackendError) as info:
        fetch(lambda r: response)
    assert info.value.kind is kind


def test_a_registry_that_does_not_answer_is_unreachable() -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(BackendError) as info:
        asyncio.run(fetch_manifest(name(f"127.0.0.1:{port}/library/demo"), insecure=True))
    assert info.value.kind is ErrorKind.REGISTRY_UNREACHABLE
    assert f"127.0.0.1:{port}" in info.value.detail
