"""The bundled catalog: valid names, sizes, and the spread of models the issue asks for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from piassist import paths
from piassist.core.get_models.catalog import CatalogError, Ukrainian, load_catalog


def test_the_bundled_catalog_covers_tiny_to_8b_with_thinking_vision_and_ukrainian() -> None:
    entries = load_catalog(paths.resources_dir() / "catalog.json")
    names = [e.name for e in entries]
    assert len(names) == len(set(names)) >= 12
    sizes = [e.download_size for e in entries]
    assert sizes == sorted(sizes)  # smallest first, as the page lists them
    assert min(sizes) < 500_000_000 and max(sizes) < 6_000_000_000
    assert any("thinking" in e.capabilities for e in entries)
    assert any("vision" in e.capabilities for e in entries)
    assert any(e.ukrainian is Ukrainian.GOOD for e in entries)
    assert all(e.memory > e.download_size for e in entries)  # loaded, a model needs more than its file
    assert all(str(e.model_name) == e.name for e in entries)  # names already in Ollama's short form


@pytest.mark.parametrize(
    "change",
    [
        {"name": "not a name"},
        {"download_size": 0},
        {"uses": ["flying"]},
        {"ukrainian": "fluent"},
        {"memory": "lots"},
    ],
)
def test_a_broken_entry_is_refused(tmp_path: Path, change: dict[str, object]) -> None:
    entry = {
        "name": "qwen2.5:0.5b",
        "title": "Qwen 2.5",
        "parameters": "0.5B",
        "download_size": 398_000_000,
        "memory": 750_000_000,
        "capabilities": [],
        "uses": ["chat"],
        "ukrainian": "basic",
    }
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps({"models": [entry]}))
    assert load_catalog(path)[0].title == "Qwen 2.5"
    path.write_text(json.dumps({"models": [{**entry, **change}]}))
    with pytest.raises(CatalogError):
        load_catalog(path)
    path.write_text("{")
    with pytest.raises(CatalogError):
        load_catalog(path)
