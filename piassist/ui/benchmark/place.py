"""Where the main window keeps the Benchmark page: a slot that builds the page when first shown (the
benchmark's service, its store and its figures are not made before), the catalog's measured figures, and
the chat's notice while a benchmark runs. The window only adds the slot and forwards to this."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from piassist import paths
from piassist.core.benchmark.published import FILE_NAME, PublishedFigures, PublishedFileError, load_published
from piassist.services.model_library import ModelLibraryService
from piassist.ui.widgets import LazyPage, named

if TYPE_CHECKING:
    from piassist.services.benchmark import BenchmarkService
    from piassist.services.chat_session import ChatService
    from piassist.ui.benchmark.page import BenchmarkPage
    from piassist.ui.catalog_table import CatalogTableModel
    from piassist.ui.chat_page import ChatPage

log = logging.getLogger(__name__)


def published_figures() -> PublishedFigures:
    try:
        return load_published(paths.resources_dir() / FILE_NAME)
    except PublishedFileError as exc:  # a broken install: the chart shows this computer's bars only
        log.warning("no published figures: %s", exc)
        return PublishedFigures([])


def make_page(
    benchmark: BenchmarkService, library: ModelLibraryService, language: Callable[[], str]
) -> BenchmarkPage:
    from piassist.ui.benchmark.page import BenchmarkPage

    return BenchmarkPage(benchmark, library, published_figures(), language)


class BenchmarkPlace(QObject):
    use_model_requested = Signal(str)  # the advice's "Use in chat": it is the chat's model now

    def __init__(
        self,
        benchmark: Callable[[], BenchmarkService],
        library: ModelLibraryService,
        language: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._benchmark, self._library, self._language = benchmark, library, language
        self.page: BenchmarkPage | None = None
        self.slot = named(LazyPage(self._build), "benchmarkSlot")

    def built_page(self) -> BenchmarkPage:
        if self.page is None:
            self.slot.build()
        assert self.page is not None
        return self.page

    def _build(self) -> QWidget:
        page = make_page(self._benchmark(), self._library, self._language)
        page.use_model_requested.connect(self._use)
        self.page = page
        return page

    def _use(self, model: str) -> None:
        self._library.set_current_model(model)
        self.use_model_requested.emit(model)

    def bind_catalog(self, table: CatalogTableModel) -> None:
        """The catalog's fit column says what was measured here, where a model was measured."""
        benchmark = self._benchmark()
        table.set_measured(benchmark.measured)
        benchmark.measured_changed.connect(table.set_measured)
        benchmark.refresh()

    def bind_chat(self, page: ChatPage, chat: ChatService) -> None:
        from piassist.ui.benchmark.chat_pause import ChatPauseNotice

        ChatPauseNotice(page, chat)

    async def aclose(self) -> None:
        if self.page is not None:
            await self.page.aclose()
