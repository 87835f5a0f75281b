"""A model's manifest read straight from its registry, before pulling: the layers and their sizes.

The fit check needs the download size before anything is downloaded; Ollama has no call for that, so this
asks the registry as Ollama's own pull does first (server/images.go pullModelManifest):

    GET {scheme}://{host}/v2/{namespace}/{model}/manifests/{tag}
    Accept: application/vnd.docker.distribution.manifest.v2+json

https, or http with insecure=True (a registry on a LAN or on loopback, as in the tests). This talks to the
registry from this computer, not through the Ollama server: for a server on another machine its network
may differ. Like the adapter, this module imports httpx: import it lazily, after the window has painted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx

from piassist.core.errors import BackendError, ErrorKind
from piassist.core.get_models.model_names import ModelName

MANIFEST_ACCEPT = "application/vnd.docker.distribution.manifest.v2+json"
MANIFEST_TIMEOUT = httpx.Timeout(connect=5.0, read=15.0, write=5.0, pool=5.0)
MAX_MANIFEST_BYTES = 1 << 20  # real manifests are a few kB
HTTP_NOT_FOUND = 404
HTTP_UNAUTHORIZED = 401
HTTP_FORBIDDEN = 403


@dataclass(frozen=True)
class RemoteLayer:
    digest: str
    size: int
    media_type: str


@dataclass(frozen=True)
class RemoteManifest:
    """What a pull of `name` would download: the layers and the config blob."""

    name: ModelName
    layers: tuple[RemoteLayer, ...]  # the config blob last, as Ollama pulls it

    @property
    def download_size(self) -> int:
        """Bytes a pull fetches when none of the layers is on the server yet (what /api/tags shows as the
        installed model's size)."""
        return sum(layer.size for layer in self.layers)


def manifest_url(name: ModelName, *, insecure: bool = False) -> str:
    scheme = "http" if insecure else "https"
    return f"{scheme}://{name.host}/v2/{name.repository}/manifests/{name.tag}"


async def fetch_manifest(
    name: ModelName,
    *,
    insecure: bool = False,
    timeout: httpx.Timeout = MANIFEST_TIMEOUT,
    transport: httpx.AsyncBaseTransport | None = None,
) -> RemoteManifest:
    """The manifest of `name` from its registry. Errors are BackendErrors: UNKNOWN_MODEL (404, or the
    registry wants credentials we do not have), REGISTRY_UNREACHABLE (network, TLS, the registry failing or
    timing out), BAD_RESPONSE (not a manifest)."""
    url = manifest_url(name, insecure=insecure)
    try:
        async with httpx.AsyncClient(timeout=timeout, transport=transport, follow_redirects=True) as client:
            response = await client.get(url, headers={"Accept": MANIFEST_ACCEPT})
            if response.status_code in (HTTP_NOT_FOUND, HTTP_UNAUTHORIZED, HTTP_FORBIDDEN):
                raise BackendError(
                    ErrorKind.UNKNOWN_MODEL, f"{url}: HTTP {response.status_code}", response.status_code
                )
            if response.is_error:
                status = response.status_code
                raise BackendError(ErrorKind.REGISTRY_UNREACHABLE, f"{url}: HTTP {status}", status)
            if len(response.content) > MAX_MANIFEST_BYTES:
                raise BackendError(ErrorKind.BAD_RESPONSE, f"{url}: {len(response.content)} bytes")
            data = response.json()
    except httpx.HTTPError as exc:  # transport errors, timeouts, invalid URLs, too many redirects
        raise BackendError(ErrorKind.REGISTRY_UNREACHABLE, f"{url}: {exc or type(exc).__name__}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BackendError(ErrorKind.BAD_RESPONSE, f"{url}: not JSON") from exc
    return RemoteManifest(name=name, layers=_layers(data, url))


def _layers(data: Any, url: str) -> tuple[RemoteLayer, ...]:
    if not isinstance(data, dict) or not isinstance(data.get("layers"), list):
        raise BackendError(ErrorKind.BAD_RESPONSE, f"{url}: no layers in the manifest")
    blobs = list(data["layers"])
    if isinstance(data.get("config"), dict):
        blobs.append(data["config"])
    layers = []
    for blob in blobs:
        size = blob.get("size") if isinstance(blob, dict) else None
        digest = blob.get("digest") if isinstance(blob, dict) else None
        if not isinstance(digest, str) or not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise BackendError(ErrorKind.BAD_RESPONSE, f"{url}: a layer without digest or size")
        media_type = blob.get("mediaType")
        layers.append(RemoteLayer(digest, size, media_type if isinstance(media_type, str) else ""))
    return tuple(layers)
