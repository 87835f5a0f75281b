"""How the transcript draws what it writes itself (names, questions, reasoning, footers with their
action icons), in formats taken from the widget's palette and font as they are when a message is drawn:
the same code draws light and dark."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextImageFormat,
    QTextLength,
    QTextTableFormat,
)

from piassist.core.markdown.block_html import CodeLook
from piassist.ui.chat.transcript_document import Fill, Spans, block_fill, chain
from piassist.ui.chat.transcript_icons import Icon, icon_name

ACTION_SIZE = 16  # an action's icon, in logical pixels (transcript_icons.ICON_SIZE)
QUESTION_INSET = 48  # pixels a question keeps free on its left, however long it is


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` of the way towards `b`: tints that work on light and dark palettes alike."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def _no_line() -> QTextBlockFormat:
    """An empty block that takes no height."""
    block = QTextBlockFormat()
    block.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    return block


@dataclass(frozen=True, slots=True)
class Action:
    """An icon link under a message: the icon's image name, what it does in words (its tooltip and
    accessible name), and the link it follows."""

    image: str
    name: str
    href: str


@dataclass(frozen=True, slots=True)
class TranscriptStyle:
    """Formats for what the view draws itself, from the widget's palette and font (as they are when a
    message is drawn)."""

    palette: QPalette
    font: QFont

    def _color(self, role: QPalette.ColorRole) -> QColor:
        return self.palette.color(QPalette.ColorGroup.Active, role)

    def header_block(self, user: bool) -> QTextBlockFormat:
        if user:  # the question's name is inside its bubble: this block is only where the message starts
            return _no_line()
        block = QTextBlockFormat()
        block.setTopMargin(14)
        block.setBottomMargin(2)
        return block

    def question_tint(self) -> QColor:
        """The question's bubble: the page's base tinted towards the highlight, light or dark alike."""
        return blend(self._color(QPalette.ColorRole.Base), self._color(QPalette.ColorRole.Highlight), 0.16)

    def code_look(self) -> CodeLook:
        """Code blocks a shade off the page, highlighted for a light or a dark page."""
        base, text = self._color(QPalette.ColorRole.Base), self._color(QPalette.ColorRole.Text)
        return CodeLook(background=blend(base, text, 0.05).name(), dark=base.lightness() < text.lightness())

    def icon_colour(self) -> QColor:
        return blend(self._color(QPalette.ColorRole.Text), self._color(QPalette.ColorRole.Base), 0.3)

    def header_char(self) -> QTextCharFormat:
        char = QTextCharFormat()
        char.setFontWeight(QFont.Weight.Bold)
        return char

    def small_block(self, indent: int = 0) -> QTextBlockFormat:
        block = QTextBlockFormat()
        block.setTopMargin(2)
        block.setBottomMargin(4)
        block.setLeftMargin(indent)
        return block

    def small_char(self, *, italic: bool = False, bold: bool = False) -> QTextCharFormat:
        char = QTextCharFormat()
        if self.font.pointSizeF() > 0:
            char.setFontPointSize(self.font.pointSizeF() * 0.85)
        text, base = self._color(QPalette.ColorRole.Text), self._color(QPalette.ColorRole.Base)
        char.setForeground(blend(text, base, 0.45))
        char.setFontItalic(italic)
        if bold:
            char.setFontWeight(QFont.Weight.Bold)
        return char

    def link_char(self, href: str) -> QTextCharFormat:
        char = self.small_char()
        char.setAnchor(True)
        char.setAnchorHref(href)
        char.setForeground(self._color(QPalette.ColorRole.Link))
        char.setFontUnderline(True)
        return char

    def question_fill(self, header: str, text: str) -> Fill:
        """The question in a bubble on the right: a one-cell table (QTextDocument has no rounded
        corners, but a table shrinks to its text and aligns right), its name small above the text. The
        text goes in with insertText: no markup is read from it. The cursor ends after the table."""

        def fill(cursor: QTextCursor) -> None:
            table_format = QTextTableFormat()
            table_format.setAlignment(Qt.AlignmentFlag.AlignRight)
            table_format.setBorder(0)
            table_format.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_None)
            table_format.setCellSpacing(0)
            table_format.setCellPadding(8)
            table_format.setLeftMargin(QUESTION_INSET)
            table_format.setTopMargin(10)
            table_format.setBackground(self.question_tint())
            table_format.setColumnWidthConstraints([QTextLength()])
            table = cursor.insertTable(1, 1, table_format)
            cell = table.cellAt(0, 0)
            cell_format = cell.format().toTableCellFormat()
            cell_format.setBackground(self.question_tint())  # Qt paints a cell's, not a table's
            cell.setFormat(cell_format)
            inside = cell.firstCursorPosition()
            inside.setBlockFormat(QTextBlockFormat())
            name = self.small_char(bold=True)
            name.setForeground(self._color(QPalette.ColorRole.Text))  # on the tint, grey would be faint
            inside.insertText(header, name)
            inside.insertBlock(QTextBlockFormat(), QTextCharFormat())
            inside.insertText(text, QTextCharFormat())
            cursor.setPosition(table.lastPosition() + 1)
            cursor.setBlockFormat(_no_line())  # the block Qt keeps after a table: no empty line there

        return fill

    def action_char(self, action: Action) -> QTextImageFormat:
        image = QTextImageFormat()
        image.setName(action.image)
        image.setWidth(ACTION_SIZE)
        image.setHeight(ACTION_SIZE)
        image.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
        image.setAnchor(True)
        image.setAnchorHref(action.href)
        image.setToolTip(action.name)
        return image

    def footer_fill(
        self, notes: list[tuple[str, bool]], copy: tuple[str, str], *, right: bool = False
    ) -> Fill:
        """A small grey line: the copy action as an icon (its name, its link), then notes (text,
        emphasised) separated by dots. On the right (under a question) the icon comes last."""
        actions = [Action(icon_name(Icon.COPY), *copy)]
        spans: Spans = []
        for note, emphasised in notes:
            if note:
                spans += [
                    (note, self.small_char(italic=emphasised, bold=emphasised)),
                    ("  ·  ", self.small_char()),
                ]
        spans = spans[:-1]
        block = self.small_block()
        if right:
            block.setAlignment(Qt.AlignmentFlag.AlignRight)

        def fill(cursor: QTextCursor) -> None:
            cursor.insertBlock(block, self.small_char())
            if not right:
                _insert_actions(cursor, actions, self)
                if spans:
                    cursor.insertText("   ", self.small_char())
            for text, char in spans:
                cursor.insertText(text, char)
            if right:
                _insert_actions(cursor, actions, self)

        return fill

    def thinking_fill(self, label: str, href: str, text: str | None) -> Fill:
        """The reasoning's toggle line, and its text under it when `text` is not None (open)."""
        toggle = block_fill(self.small_block(), [(label, self.link_char(href))])
        if text is None:
            return toggle
        return chain(toggle, block_fill(self.small_block(indent=12), [(text, self.small_char(italic=True))]))


def _insert_actions(cursor: QTextCursor, actions: list[Action], style: TranscriptStyle) -> None:
    """The icons, a space between two (a space outside every link, so that each is a link of its own)."""
    for index, action in enumerate(actions):
        if index:
            cursor.insertText("  ", style.small_char())
        cursor.insertImage(style.action_char(action))
