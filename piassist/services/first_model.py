"""The first model to chat with, when none was chosen: a chat model before a base model (core/model_choice).

Asks /api/show once for each installed model (the template and the metadata are only there), which happens
when no model is chosen: at the first start, or when the chosen one was deleted. Cloud models are left
for last: they need the internet and an account.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache

from piassist import paths
from piassist.core.chat_types import ModelDetails
from piassist.core.errors import BackendError
from piassist.core.get_models.catalog import CatalogEntry, CatalogError, load_catalog
from piassist.core.model_choice import Candidate, ModelKind, first_model
from piassist.core.models import ModelInfo
from piassist.core.ollama.backend import Backend

log = logging.getLogger(__name__)


@cache
def _catalog() -> tuple[CatalogEntry, ...]:
    try:
        return tuple(load_catalog(paths.resources_dir() / "catalog.json"))
    except CatalogError as exc:
        log.warning("no catalog to rank the first model by: %s", exc)
        return ()


async def choose_first_model(
    backend: Backend, models: Sequence[ModelInfo], catalog: Sequence[CatalogEntry] | None = None
) -> tuple[str, ModelKind] | None:
    """The model to chat with first and what kind it is; None when none of them can chat."""
    entries = _catalog() if catalog is None else catalog
    places = {entry.name: (i, entry) for i, entry in enumerate(entries)}
    local = [m for m in models if not m.remote]
    candidates = []
    for model in local or list(models):
        details: ModelDetails | None
        try:
            details = await backend.show(model.name)
        except BackendError as exc:
            log.info("could not read %s's details: %s", model.name, exc)
            details = None
        place = places.get(model.name)
        candidates.append(
            Candidate(
                model.name,
                details,
                catalog_uses=place[1].uses if place else (),
                catalog_rank=place[0] if place else None,
            )
        )
    chosen = first_model(candidates)
    log.info("first model: %s", chosen)
    return chosen
