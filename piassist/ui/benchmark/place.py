"""Where the main window keeps the Benchmark page: a slot that builds the page when first shown (the
benchmark's service and its store are not made before), the catalog's measured figures, the chat's notice
while a benchmark runs, and the page in a dialog for a kiosk's admin. The window only adds the slot and
forwards to this."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from piassist.services.model_library import ModelLibraryService
from piassist.ui.common.widgets import LazyPage, named

if TYPE_CHECKING:
    from piassist.services.benchmark import BenchmarkService
    from piassist.services.chat_session import ChatService
    from piassist.ui.benchmark.dialog import BenchmarkDialog
    from piassist.ui.benchmark.page import BenchmarkPage
    from piassist.ui.chat.page import ChatPage
    from piassist.ui.get_models.catalog_table import CatalogTableModel


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
        from piassist.ui.benchmark.page import BenchmarkPage  # its parts load when it is first shown

        page = BenchmarkPage(self._benchmark(), self._library, self._language)
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

    def dialog(self, parent: QWidget) -> BenchmarkDialog:
        """The page in a dialog over `parent` (a kiosk's admin settings); its advice chooses a model for
        the caller (model_chosen) instead of the chat."""
        from piassist.ui.benchmark.dialog import BenchmarkDialog

        return BenchmarkDialog(self._benchmark(), self._library, self._language, parent)
