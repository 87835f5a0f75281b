"""What a person sees in a window: every visible text with a stable path, and the texts that do not fit.

`visible_texts(window)` walks the visible widgets (and the menu bar's menus, and the actions of context
menus) and returns {path: text} for labels, buttons, group box titles, placeholders, tab texts, combo box
items, table headers and cells, list items, tooltips, accessible names and window titles. A path is made
of object names (or class names with an index), so the same widget has the same path in two apps built
the same way.

`clipped(window)` lists the texts whose widget is too small for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, QRect, Qt
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

from piassist.ui.common.widgets import title_width

MNEMONIC = re.compile(r"&(?!&)")
TOLERANCE = 1  # pixels: rounding in the style's arithmetic


def plain(text: str) -> str:
    """A text as a person reads it: without the & of keyboard mnemonics."""
    return MNEMONIC.sub("", text).replace("&&", "&")


# -- walking ---------------------------------------------------------------------------------------------
def _child_widgets(widget: QWidget) -> list[QWidget]:
    return [c for c in widget.children() if isinstance(c, QWidget) and not c.isWindow()]


def _walk(widget: QWidget, path: str) -> Iterator[tuple[str, QWidget]]:
    yield path, widget
    seen: dict[str, int] = {}
    for child in _child_widgets(widget):
        if not child.isVisible():
            continue
        name = child.objectName() or type(child).__name__
        index = seen.get(name, 0)
        seen[name] = index + 1
        yield from _walk(child, f"{path}/{name}" + (f"[{index}]" if index else ""))


def visible_widgets(window: QWidget) -> Iterator[tuple[str, QWidget]]:
    """(path, widget) for the window and every visible widget in it, parents before children."""
    return _walk(window, window.objectName() or type(window).__name__)


def _actions(actions: list[QAction], path: str) -> Iterator[tuple[str, str]]:
    for i, action in enumerate(actions):
        if action.isSeparator() or not action.isVisible():
            continue
        here = f"{path}/action[{i}]"
        if action.text():
            yield here, plain(action.text())
        menu = action.menu()
        if isinstance(menu, QMenu):
            if menu.title():
                yield f"{here}:title", plain(menu.title())
            yield from _actions(menu.actions(), here)


def _columns(model: QAbstractItemModel) -> int:
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())


def _model_texts(model: QAbstractItemModel, view: QAbstractItemView, path: str) -> Iterator[tuple[str, str]]:
    header = view.horizontalHeader() if hasattr(view, "horizontalHeader") else None
    root = view.rootIndex()  # the rows shown (a file dialog's tree shows one folder's)
    for row in range(model.rowCount(root)):
        for column in range(_columns(model)):
            if header is not None and header.isSectionHidden(column):
                continue
            index = model.index(row, column, root)
            for role, kind in ((Qt.ItemDataRole.DisplayRole, "cell"), (Qt.ItemDataRole.ToolTipRole, "tip")):
                value = index.data(role)
                if isinstance(value, str) and value:
                    yield f"{path}/{kind}[{row},{column}]", value


Texts = Iterator[tuple[str, str]]


def _label_texts(label: QLabel, path: str) -> Texts:
    if label.text():
        yield f"{path}:text", plain(label.text()) if label.buddy() is not None else label.text()


def _button_texts(button: QAbstractButton, path: str) -> Texts:
    if button.text():
        yield f"{path}:text", plain(button.text())


def _group_box_texts(box: QGroupBox, path: str) -> Texts:
    if box.title():
        yield f"{path}:text", plain(box.title())


def _line_edit_texts(edit: QLineEdit, path: str) -> Texts:
    if edit.placeholderText():
        yield f"{path}:placeholder", edit.placeholderText()
    if edit.text() and isinstance(edit.parent(), QAbstractSpinBox):  # the value a spin box shows
        yield f"{path}:text", edit.text()


def _text_edit_texts(edit: QPlainTextEdit | QTextEdit, path: str) -> Texts:
    if edit.placeholderText():
        yield f"{path}:placeholder", edit.placeholderText()
    for i, line in enumerate(edit.toPlainText().splitlines()):
        if line.strip():
            yield f"{path}:line[{i}]", line


def _tab_texts(bar: QTabBar, path: str) -> Texts:
    for i in range(bar.count()):
        yield f"{path}/tab[{i}]", plain(bar.tabText(i))
        if bar.tabToolTip(i):
            yield f"{path}/tab[{i}]:tooltip", bar.tabToolTip(i)


def _combo_texts(combo: QComboBox, path: str) -> Texts:
    for i in range(combo.count()):
        yield f"{path}/item[{i}]", combo.itemText(i)


def _progress_texts(bar: QProgressBar, path: str) -> Texts:
    if bar.isTextVisible() and bar.text():
        yield f"{path}:text", bar.text()


def _menu_texts(menu: QMenuBar | QMenu, path: str) -> Texts:
    yield from _actions(menu.actions(), path)


def _header_texts(header: QHeaderView, path: str) -> Texts:
    model = header.model()
    for section in range(header.count() if model is not None else 0):
        if not header.isSectionHidden(section):
            text = model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str):
                yield f"{path}/section[{section}]", text


def _view_texts(view: QAbstractItemView, path: str) -> Texts:
    if view.model() is not None:
        yield from _model_texts(view.model(), view, path)


# The first kind a widget is decides what it shows (a header is an item view too: it comes first).
TEXTS: list[tuple[type[Any], Callable[[Any, str], Texts]]] = [
    (QLabel, _label_texts),
    (QAbstractButton, _button_texts),
    (QGroupBox, _group_box_texts),
    (QLineEdit, _line_edit_texts),
    (QPlainTextEdit, _text_edit_texts),
    (QTextEdit, _text_edit_texts),
    (QTabBar, _tab_texts),
    (QComboBox, _combo_texts),
    (QProgressBar, _progress_texts),
    (QMenuBar, _menu_texts),
    (QMenu, _menu_texts),
    (QHeaderView, _header_texts),
    (QAbstractItemView, _view_texts),
]


def texts_of(path: str, widget: QWidget) -> Texts:
    """The texts one widget shows itself (not its children's)."""
    if widget.isWindow():
        yield f"{path}:title", widget.windowTitle()
    yield f"{path}:tooltip", widget.toolTip()
    yield f"{path}:accessible", widget.accessibleName()
    yield f"{path}:description", widget.accessibleDescription()
    kind = next((texts for cls, texts in TEXTS if isinstance(widget, cls)), None)
    if kind is not None:
        yield from kind(widget, path)
    if widget.contextMenuPolicy() is Qt.ContextMenuPolicy.ActionsContextMenu:
        yield from _actions(widget.actions(), f"{path}:context")


def visible_texts(window: QWidget) -> dict[str, str]:
    """{path: text} for everything the window shows, its menus included."""
    found: dict[str, str] = {}
    for path, widget in visible_widgets(window):
        for where, text in texts_of(path, widget):
            if text.strip():
                found[where] = text
    return found


# -- clipping --------------------------------------------------------------------------------------------
def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    if label.indent() > 0:
        room.setWidth(room.width() - label.indent())
    if label.wordWrap():
        needed = label.heightForWidth(label.width())  # margins included, as in label.height()
        if needed > label.height() + TOLERANCE:
            return f"needs {needed} px of height, has {label.height()}"
        return None
    metrics = label.fontMetrics()
    shown = plain(text) if label.buddy() is not None else text
    widest = max(metrics.horizontalAdvance(line) for line in shown.split("\n"))
    if widest > room.width() + TOLERANCE:
        return f"needs {widest} px, has {room.width()}"
    return None


def _push_button_problem(button: QPushButton) -> str | None:
    if not button.text():
        return None
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    option.icon = button.icon()
    option.iconSize = button.iconSize()
    if button.isDefault() or button.autoDefault():
        option.features |= QStyleOptionButton.ButtonFeature.AutoDefaultButton
    room = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    needed = button.fontMetrics().horizontalAdvance(plain(button.text()))
    if not button.icon().isNull():
        needed += button.iconSize().width() + 4
    if needed > room.width() + TOLERANCE:
        return f"needs {needed} px, has {room.width()}"
    return None


def _tool_button_problem(button: QToolButton) -> str | None:
    """The label is drawn inside the button's frame, beside its arrow or icon if it has one."""
    if not button.text():
        return None
    frame = button.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, button)
    room = button.width() - 2 * frame
    needed = button.fontMetrics().horizontalAdvance(plain(button.text()))
    beside = button.toolButtonStyle() is not Qt.ToolButtonStyle.ToolButtonTextOnly
    if beside and (not button.icon().isNull() or button.arrowType() is not Qt.ArrowType.NoArrow):
        needed += button.iconSize().width() + 4
    if needed > room + TOLERANCE:
        return f"needs {needed} px, has {room}"
    return None


def _check_box_problem(box: QCheckBox) -> str | None:
    if not box.text():
        return None
    option = QStyleOptionButton()
    option.initFrom(box)
    option.text = box.text()
    room = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, box).width()
    needed = box.fontMetrics().horizontalAdvance(plain(box.text()))
    if needed > room + TOLERANCE:
        return f"needs {needed} px, has {room}"
    return None


def _group_box_problem(box: QGroupBox) -> str | None:
    if not box.title():
        return None
    needed = box.fontMetrics().horizontalAdvance(plain(box.title())) + 2 * 8
    if needed > box.width() + TOLERANCE:
        return f"title needs {needed} px, has {box.width()}"
    return None


def _combo_problem(combo: QComboBox) -> str | None:
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.currentText = combo.currentText()
    option.editable = combo.isEditable()
    option.frame = combo.hasFrame()
    room = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
    if needed > room.width() + TOLERANCE:
        return f"“{combo.currentText()}” needs {needed} px, has {room.width()}"
    return None


def _line_edit_problem(edit: QLineEdit) -> str | None:
    """A placeholder, or the value a spin box shows ("No limit"), cut short."""
    text = edit.text() if isinstance(edit.parent(), QAbstractSpinBox) else ""
    text = text or ("" if edit.text() else edit.placeholderText())
    if not text:
        return None
    margins = edit.textMargins()
    room = edit.contentsRect().width() - margins.left() - margins.right() - 4  # QLineEdit's own margin
    for action in edit.actions():  # the clear button sits inside the line
        if action.isVisible():
            room -= edit.height() // 2 + 4
    needed = edit.fontMetrics().horizontalAdvance(text)
    if needed > room + TOLERANCE:
        return f"“{text}” needs {needed} px, has {room}"
    return None


def _tab_problems(bar: QTabBar) -> Iterator[str]:
    metrics = bar.fontMetrics()
    space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    for i in range(bar.count()):
        rect = bar.tabRect(i)
        needed = metrics.horizontalAdvance(plain(bar.tabText(i))) + space
        if needed > rect.width() + TOLERANCE or not bar.rect().contains(rect):
            yield f"tab “{bar.tabText(i)}” needs {needed} px, has {rect.width()}"


def _header_problems(header: QHeaderView) -> Iterator[str]:
    model = header.model()
    if model is None:
        return
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    metrics = QFontMetrics(header.font())
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue  # folded away on a small screen, by design (the name's tooltip has the values)
        text = model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str):
            continue
        needed = metrics.horizontalAdvance(text) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            needed += header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
        if needed > header.sectionSize(section) + TOLERANCE:
            yield f"header “{text}” needs {needed} px, has {header.sectionSize(section)}"


WRAP = int(Qt.TextFlag.TextWordWrap)


def _cell_problems(view: QAbstractItemView) -> Iterator[str]:
    """Only a row's name may be cut short, with its whole text in its tooltip (elided by design); a
    wrapped cell must fit its row's height."""
    model = view.model()
    if model is None or isinstance(view, QHeaderView):
        return
    viewport = view.viewport().rect()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    root = view.rootIndex()
    for row in range(model.rowCount(root)):
        for column in range(_columns(model)):
            index = model.index(row, column, root)
            rect = view.visualRect(index)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if not isinstance(text, str) or not text or rect.isEmpty() or not viewport.intersects(rect):
                continue
            font = index.data(Qt.ItemDataRole.FontRole)
            metrics = QFontMetrics(font) if font is not None else view.fontMetrics()
            room = rect.intersected(viewport).width()
            if getattr(
                view, "wordWrap", lambda: False
            )():  # wrapped onto more lines: it must fit the row's height
                lines = metrics.boundingRect(0, 0, room - 2 * margin, 10_000, WRAP, text)
                if lines.height() > rect.height() + TOLERANCE:
                    yield f"cell “{text}” needs {lines.height()} px of height, has {rect.height()}"
                continue
            needed = metrics.horizontalAdvance(text) + 2 * margin
            if needed <= room + TOLERANCE:
                continue
            # Only a row's name may end in "…" (its tooltip holding the whole text and the row's facts);
            # another column cut short hides what the row is chosen by.
            tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
            if column != 0:
                yield f"cell “{text}” in column {column} needs {needed} px, has {room}"
            elif not (isinstance(tooltip, str) and text in tooltip):
                yield f"cell “{text}” needs {needed} px, has {room} and no tooltip with it"


def _outside(widget: QWidget, window: QWidget) -> str | None:
    """A widget that reaches beyond the visible part of its window (a layout squeezed too far)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return None  # scrolled content: reachable by scrolling
        parent = parent.parentWidget()
    rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    if not window.rect().adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE).contains(rect):
        return f"lies outside its window ({rect.getRect()} in {window.rect().getRect()})"
    return None


def _menu_bar_problems(bar: QMenuBar) -> Iterator[str]:
    screen = bar.screen().availableGeometry()
    for action in bar.actions():
        geometry = bar.actionGeometry(action)
        if geometry.isEmpty() or not bar.rect().contains(geometry):
            yield f"menu “{plain(action.text())}” does not fit in the menu bar"
        menu = action.menu()
        if isinstance(menu, QMenu) and menu.sizeHint().width() > screen.width():
            yield f"menu “{plain(action.text())}” is wider than the screen"


def _one(check: Callable[[Any], str | None]) -> Callable[[Any], Iterator[str]]:
    def problems(widget: Any) -> Iterator[str]:
        found = check(widget)
        if found:
            yield found

    return problems


# What can be cut short in each kind of widget (the first kind that matches; a header before a view).
CHECKS: list[tuple[type[Any], Callable[[Any], Iterator[str]]]] = [
    (QLabel, _one(_label_problem)),
    (QPushButton, _one(_push_button_problem)),
    (QToolButton, _one(_tool_button_problem)),
    (QCheckBox, _one(_check_box_problem)),
    (QGroupBox, _one(_group_box_problem)),
    (QComboBox, _one(_combo_problem)),
    (QLineEdit, _one(_line_edit_problem)),
    (QTabBar, _tab_problems),
    (QHeaderView, _header_problems),
    (QAbstractItemView, _cell_problems),
    (QMenuBar, _menu_bar_problems),
]


def clipped(window: QWidget) -> list[str]:
    """'path: what' for every text in the window that its widget is too small for."""
    problems: list[str] = []
    screen = window.screen().availableGeometry()
    if window.width() > screen.width() or window.height() > screen.height():
        problems.append(
            f"{window.objectName()}: {window.width()}×{window.height()} is larger than its screen"
        )
    if isinstance(window, QDialog) and window.width() < title_width(window):
        # The window manager writes the title in the bar above, beside its buttons: cut short there too.
        problems.append(
            f"{window.objectName()}: the title “{window.windowTitle()}” needs {title_width(window)} px, "
            f"the window is {window.width()} wide"
        )
    for path, widget in visible_widgets(window):
        found = [] if widget is window else [p for p in [_outside(widget, window)] if p]
        check = next((check for cls, check in CHECKS if isinstance(widget, cls)), None)
        if check is not None:
            found += check(widget)
        problems += [f"{path}: {p}" for p in found]
    return problems
