"""One block of untrusted markdown to HTML that QTextBrowser shows. No Qt here.

The parser is markdown-it-py in its CommonMark preset with GFM tables and strikethrough, so lists nest at
2 or 3 spaces, fences work inside list items and block quotes, and a wrapped "14. " line stays text
(docs/decisions.md). A single newline inside a paragraph is a line break (markdown-it's ``breaks``), as
in chat apps: poems, addresses and line-by-line answers keep their lines; lists, tables and code are
unchanged by it. Model output is untrusted, so the dialect is cut down until its output is plain,
local HTML:
- raw HTML is never markup (markdown-it's ``html`` option is off): ``<script>``, ``<b>`` and ``<!-- -->``
  come out as the text the model wrote. Entities are HTML as well: ``&lt;`` stays the four characters.
- no images: ``![alt](url)`` is shown as the link ``[alt](url)``, so nothing is fetched.
- links only to http, https and mailto targets; any other link stays the text that was written.
- no link reference definitions (``[1]: http://x`` stays text): every block's HTML then depends on
  that block alone, which is what lets a stream freeze a block for good (blocks.py).
Every code block, fenced or indented, gets a copy link above it; Pygments highlights it with inline
styles (no stylesheet) when its info string names a language Pygments knows and it is not too long to
highlight in one step.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_SAFE_SCHEMES = ("http://", "https://", "mailto:")
COPY_SCHEME = "piassist-copy"
ENV_KEY = "piassist"  # markdown-it's env is a dict; ours rides in it
# pre-wrap: a long line of code wraps at the window's edge rather than widening the whole transcript.
PRE_STYLE = "background-color: {background}; margin: 0 0 8px 0; white-space: pre-wrap;"
DARK_STYLE = "github-dark"  # Pygments' style for code on a dark page; its default one on a light page
HIGHLIGHT_CHARS = 5_000  # longer code is shown plain: Pygments takes ~4 µs a character (docs/decisions.md)
COPY_STYLE = "margin: 8px 0 2px 0; font-size: small;"
NOTE_STYLE = "margin: 2px 0 8px 0; font-size: small; font-style: italic;"


def _more_chars(count: int) -> str:
    return f"{count:,} more characters are not shown."


def _more_rows(shown: int, total: int) -> str:
    return f"The first {shown:,} of {total:,} rows are shown."


@dataclass(frozen=True, slots=True)
class CodeLook:
    """How code blocks look on the page the HTML goes to: their background (#rrggbb) and whether the
    page is dark (then Pygments' dark style colours the code)."""

    background: str = "#f6f8fa"
    dark: bool = False


@dataclass(frozen=True, slots=True)
class Labels:
    """What the rendered HTML says in words (the view passes translated ones), and how code looks."""

    copy: str = "Copy"
    copy_all: str = "Copy all"
    more_chars: Callable[[int], str] = _more_chars  # characters of a long block left out
    more_rows: Callable[[int, int], str] = _more_rows  # rows shown, rows in all
    more_coming: str = "More is not shown…"  # a long block still being written
    code: CodeLook = CodeLook()


@dataclass(slots=True)
class RenderEnv:
    """Per render: the labels, and the texts the copy links name (index N is link N)."""

    labels: Labels
    copies: list[str] = field(default_factory=list)


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(_SAFE_SCHEMES)


def _fix_tokens(state: StateCore) -> None:
    """Core rule, after inline parsing: tables get the attributes Qt draws borders and alignment from
    (Qt reads align=, not every CSS property), and a link without text shows its target."""
    for token in state.tokens:
        if token.type == "table_open":
            token.attrs.update({"border": "1", "cellspacing": "0", "cellpadding": "4"})
        elif token.type in {"th_open", "td_open"}:
            style = str(token.attrs.pop("style", ""))
            if style.startswith("text-align:"):
                token.attrs["align"] = style.removeprefix("text-align:")
        elif token.type == "inline" and token.children:
            _fill_empty_links(token.children)


def _fill_empty_links(children: list[Token]) -> None:
    for index in range(len(children) - 1, 0, -1):
        before, token = children[index - 1], children[index]
        if before.type == "link_open" and token.type == "link_close":
            text = Token("text", "", 0)
            text.content = str(before.attrs.get("href", ""))
            children.insert(index, text)
        elif token.type == "link_open" and before.type == "text" and before.content.endswith("!"):
            before.content = before.content[:-1]  # an image's "!": the image is shown as a link


class _Renderer(RendererHTML):
    """markdown-it's HTML renderer with PiAssist's code blocks (copy link, highlighting)."""

    def fence(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        words = token.info.split()
        lang = words[0].lstrip("{.").rstrip("}") if words else ""
        return _code_html(token.content, lang, env[ENV_KEY])

    def code_block(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return _code_html(tokens[idx].content, "", env[ENV_KEY])


def _code_html(code: str, lang: str, env: RenderEnv) -> str:
    code = code.removesuffix("\n")
    env.copies.append(code)
    look = env.labels.code
    return (
        code_block_html(len(env.copies) - 1, code_body(code, lang, look.dark), env.labels.copy, look) + "\n"
    )


def new_markdown() -> MarkdownIt:
    """A markdown-it parser with the safe dialect described above."""
    # maxNesting: the CommonMark preset's 20 drops what is nested deeper (a tenth level of a list loses
    # its text); 100 is markdown-it's own default, and still guards the parser's recursion.
    md = MarkdownIt("commonmark", {"html": False, "maxNesting": 100, "breaks": True}, renderer_cls=_Renderer)
    md.enable(["table", "strikethrough"])
    md.disable(["image", "entity", "reference"])
    md.validateLink = _safe_link  # type: ignore[method-assign]
    md.core.ruler.push("piassist_fix", _fix_tokens)
    return md


def new_block_parser() -> MarkdownIt:
    """The same dialect without inline parsing: enough to see where top-level blocks begin."""
    md = new_markdown()
    md.core.ruler.disable(["inline", "piassist_fix"])
    return md


@lru_cache(maxsize=64)
def _lexer(lang: str) -> Any:
    if not lang:
        return None
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(lang, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


@lru_cache(maxsize=2)
def _formatter(dark: bool) -> Any:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(noclasses=True, nowrap=True, **({"style": DARK_STYLE} if dark else {}))


def code_body(code: str, lang: str, dark: bool = False) -> str:
    """The inside of a code block's <pre>: inline-styled highlighting, or escaped plain text."""
    lexer = _lexer(lang) if len(code) <= HIGHLIGHT_CHARS else None
    if lexer is None:
        return html.escape(code, quote=False)
    from pygments import highlight

    body = str(highlight(code, lexer, _formatter(dark)))
    # The formatter ends every line with a newline, the last one too; keep the code's own ending.
    return body[:-1] if body.endswith("\n") and not code.endswith("\n") else body


def code_block_html(index: int, body: str, copy_label: str, look: CodeLook = CodeLook()) -> str:
    """A code block with its copy link above it; the link names the block's index in the answer."""
    if body.startswith("\n"):
        body = "\n" + body  # HTML (Qt's reader too) drops a newline right after <pre>: keep the code's
    if not body.strip("\n"):
        # An empty <pre> becomes an empty block that Qt merges into what follows when both come in one
        # insertion, and not otherwise; a space keeps it a line of its own either way.
        body += " "
    return (
        f'<p style="{COPY_STYLE}">{copy_link(index, copy_label)}</p>\n'
        f'<pre style="{PRE_STYLE.format(background=look.background)}">{body}</pre>'
    )


def copy_link(index: int, label: str) -> str:
    return f'<a href="{COPY_SCHEME}:{index}">{html.escape(label)}</a>'


def note_html(text: str, link: str = "") -> str:
    """A small italic line under a block that is shown in part."""
    return f'<p style="{NOTE_STYLE}">{html.escape(text)}{" " + link if link else ""}</p>\n'


class BlockHtml:
    """Renders markdown and counts the work, so tests can see the streaming cost is not quadratic."""

    def __init__(self) -> None:
        self._md = new_markdown()
        self.renders = 0
        self.rendered_chars = 0

    def markdown(self, source: str, env: RenderEnv) -> str:
        """HTML of `source`; its code blocks' texts are appended to env.copies."""
        self.renders += 1
        self.rendered_chars += len(source)
        return str(self._md.render(source, {ENV_KEY: env}))
