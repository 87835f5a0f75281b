"""What the "will it fit" check needs from outside: this machine's figures and a model's download size."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable
from pathlib import Path

from piassist.core.get_models.fit_check import MachineFigures, ollama_models_dir, read_machine_figures
from piassist.core.get_models.model_names import ModelName
from piassist.core.hosts import InvalidHostError, parse_host
from piassist.services.connection import ConnectionService


def is_private_registry(name: ModelName) -> bool:
    """A registry on this computer or the local network: Ollama must be told to use plain http
    ("insecure"). The public registry and other hosts keep https."""
    if name.on_default_registry:
        return False
    host = name.host.rsplit(":", 1)[0] if name.host.count(":") == 1 else name.host
    host = host.strip("[]")
    if host == "localhost" or host.endswith(".local"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


class ModelFit:
    def __init__(
        self,
        connection: ConnectionService,
        *,
        reader: Callable[[Path | None], MachineFigures] = read_machine_figures,
        models_dir: Callable[[], Path] = ollama_models_dir,
    ) -> None:
        self._connection = connection
        self._reader = reader
        self._models_dir = models_dir

    def server_is_local(self) -> bool:
        try:
            return parse_host(self._connection.host_text).is_local
        except InvalidHostError:
            return False

    async def machine(self) -> MachineFigures | None:
        """This computer's memory, swap and free disk where Ollama keeps models, read off the GUI thread;
        None when the server runs on another computer (its figures are not ours to read)."""
        if not self.server_is_local():
            return None
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self._reader, self._models_dir())

    async def download_size(self, name: ModelName, *, insecure: bool) -> int:
        """The exact size a pull fetches, from the registry's manifest (also proves the model exists).
        Raises BackendError (UNKNOWN_MODEL, REGISTRY_UNREACHABLE, BAD_RESPONSE)."""
        # httpx: imported only when a pull is prepared
        from piassist.core.ollama.registry_manifest import fetch_manifest

        manifest = await fetch_manifest(name, insecure=insecure)
        return manifest.download_size
