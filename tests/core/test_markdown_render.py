"""Markdown to safe HTML, whole and streamed: structure, safety, and the streamed == whole property."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterable
from html.parser import HTMLParser

import pytest

from piassist.core.markdown.answer_text import drawable
from piassist.core.markdown.block_html import BlockHtml, Labels, RenderEnv
from piassist.core.markdown.render import IncrementalMarkdown, copy_texts, render_markdown


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def parse(markup: str) -> _Elements:
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser


def tags(markup: str) -> list[str]:
    return [tag for tag, _ in parse(markup).elements]


def structure(markup: str) -> list[str]:
    """Elements opened and closed, in order (highlighting spans left out)."""
    found: list[str] = []

    class Walker(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in {"span", "hr", "br"}:
                found.append("<" + tag)

        def handle_endtag(self, tag: str) -> None:
            if tag != "span":
                found.append("/" + tag)

    Walker().feed(markup)
    return found


def visible_text(markup: str) -> str:
    return " ".join("".join(parse(markup).text).split())


ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "span", "a", "br", "hr",
    "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"style", "href", "title", "align", "border", "cellpadding", "cellspacing", "start"}


def assert_safe(markup: str) -> None:
    """Only plain formatting tags, no event handlers, and links only to the web, mail or a copy action."""
    found = parse(markup)
    assert found.comments == []
    for tag, attributes in found.elements:
        assert tag in ALLOWED_TAGS, tag
        assert set(attributes) <= ALLOWED_ATTRIBUTES, attributes
        if "href" in attributes:
            assert tag == "a"
            assert re.match(r"(https?://|mailto:|piassist-copy:\d+$)", attributes["href"]), attributes


def stream(text: str, chunks: Iterable[str], label: str = "Copy") -> str:
    """Feed chunks as a view would and return what it shows at the end; check frozen HTML never changes."""
    whole = render_markdown(text, labels=Labels(copy=label))
    renderer = IncrementalMarkdown(labels=Labels(copy=label))
    frozen = ""
    for chunk in chunks:
        update = renderer.append(chunk)
        frozen += "".join(update.frozen)
        assert whole.startswith(frozen)  # what is frozen is final: no correction ever needed
    last = renderer.finish()
    assert last.tail == ""
    return frozen + "".join(last.frozen) + last.tail


def pieces(text: str, cuts: Iterable[int]) -> list[str]:
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def random_chunks(text: str, seed: int, largest: int = 20) -> list[str]:
    rng = random.Random(seed)
    chunks, at = [], 0
    while at < len(text):
        size = rng.randint(1, largest)
        chunks.append(text[at : at + size])
        at += size
    return chunks


SMALL_DOCS = {
    "paragraphs": "# Title\n\nSome *emph*, **strong** and `code`.\nSecond line.\n\nAnother paragraph.\n",
    "lists": "- a\n- b\n    - nested\n\n- loose\n\n1. one\n2. two\n\n\n3. three\n\nAfter *the* lists.",
    "quotes": "> quoted\nlazy line\n\n> same quote\n\nplain\n\n> new quote\n",
    "table": "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n| not | a table |\n\nText.",
    "fences": "Intro:\n```python\nx = 1 < 2\n```\n~~~\nplain <b>\n~~~\n"
    "1. step\n   ```sh\n   ls &\n   ```\n2. next",
    "unclosed": "Text\n\n```js\nlet a = `b`;\nlet c",
    "crlf": "a\r\nb\r\n\r\nc\rd\r\r- x\r\n\r\n- y\r\n\x02\tcode\r\n",
    "indented": "    code\n\n\n    more\n\nnext\n\n\ttab code\n\n  two-space para\n",
    "safety": "<script>x</script>\n\n[a](javascript:y) ![i](http://e/i.png) <b>&lt;</b> <!-- c -->\n\n"
    '<div onclick="z">',
    "ukrainian": "## Привіт\n\nҐанок, їжак і **єнот**.\n\n- пункт\n\n"
    "| Назва | Опис |\n|---|---|\n| Модель | Мала |",
    "setext": "Title\n=====\n\nSub\n---\n\n- - -\n\n* * *\n\n- item\n---\n",
    "references": "See [the docs][1] and [this].\n\n[1]: http://example.com\n[this]: http://example.org",
    "blank": "\n\n   \n\t\n",
    "fence-only": "```",
}

SECTION = """## Step {n}: Крок {n}

A paragraph for step {n} with *emphasis*, **strong**, `inline & code` and a [link](https://example.com/{n}?a=1&b=2).
It continues on a second line, as answers often do, and mentions AT&T and <tags>.

1. Install the package.
2. Edit the configuration.
3. Restart the service.

- a bullet with `code`
- another bullet
    - nested bullet

| Option | Default | Meaning |
|--------|:-------:|--------:|
| size   | 10      | how big |
| speed  | fast    | how fast |

```python
def step_{n}(value: int) -> int:
    total = 0
    for i in range(value):
        total += i * {n}
    return total
```

> Note: a quote with a **remark**
> over two lines.

"""


def long_answer(size: int) -> str:
    """Mixed markdown of about `size` characters (32 KB ~ an 8,000-token answer)."""
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        parts.append(SECTION.format(n=len(parts)))
    return "".join(parts)


def test_headings_paragraphs_and_emphasis() -> None:
    found = tags(render_markdown("# One\n\n## Two\n\nSetext\n======\n\nA *b* **c** `d`."))
    assert found == ["h1", "h2", "h1", "p", "em", "strong", "code"]


def test_lists_nest_and_ordered_lists_keep_their_start() -> None:
    markup = render_markdown("- a\n- b\n    - c\n\n1. one\n2. two\n\nText\n\n3. three")
    assert tags(markup) == ["ul", "li", "li", "ul", "li", "ol", "li", "li", "p", "ol", "li"]
    assert parse(markup).elements[-2] == ("ol", {"start": "3"})


def test_block_quote_rule_and_table() -> None:
    markup = render_markdown("> quote\n> more\n\n---\n\n| a | b |\n|:--|--:|\n| 1 | 2 |")
    found = parse(markup).elements
    assert [tag for tag, _ in found][:5] == ["blockquote", "p", "br", "hr", "table"]  # the quote's 2 lines
    assert found[4][1] == {"border": "1", "cellspacing": "0", "cellpadding": "4"}
    assert ("td", {"align": "right"}) in found
    assert visible_text(markup) == "quote more a b 1 2"


def test_fenced_code_is_highlighted_with_inline_styles() -> None:
    for fence in ("```", "~~~"):
        markup = render_markdown(f"{fence}python\ndef f(x):\n    return x < 1\n{fence}")
        assert "<pre" in markup
        assert '<span style="' in markup
        assert "class=" not in markup
        assert visible_text(markup) == "Copy def f(x): return x < 1"


@pytest.mark.parametrize("info", ["", "nosuchlanguage", "{.nosuch}"])
def test_code_without_a_known_language_is_plain(info: str) -> None:
    markup = render_markdown(f"```{info}\nif a < b: pass\n```")
    assert "<span" not in markup
    assert "<pre" in markup
    assert "if a &lt; b: pass</pre>" in markup


def test_copy_links_number_code_blocks_across_the_answer() -> None:
    text = "```\na\n```\ntext\n\n~~~py\nb = '<&>'\n~~~\n\n```\n```\n"
    markup = render_markdown(text, labels=Labels(copy='Копіювати <все> & "це"'))
    links = [attributes["href"] for tag, attributes in parse(markup).elements if tag == "a"]
    assert links == ["piassist-copy:0", "piassist-copy:1", "piassist-copy:2"]
    assert markup.count("Копіювати &lt;все&gt; &amp; &quot;це&quot;</a>") == 3
    assert copy_texts(text) == ["a", "b = '<&>'", ""]


def test_code_blocks_are_exposed_raw_while_streaming() -> None:
    renderer = IncrementalMarkdown()
    renderer.append("```\nfirst & <last>\n```\nthen:\n   ```c\n   int a;\n")
    assert renderer.copies == ["first & <last>", "int a;"]  # the open block is copyable too
    update = renderer.append("   int b")
    assert 'href="piassist-copy:1"' in update.tail
    assert renderer.copies == ["first & <last>", "int a;\nint b"]
    renderer.finish()
    assert renderer.copies == ["first & <last>", "int a;\nint b"]


def test_fence_inside_a_numbered_step_stays_in_the_step() -> None:
    markup = render_markdown("1. Install:\n   ```sh\n   pip install x\n   ```\n2. Run it.")
    assert structure(markup) == [
        "<ol", "<li", "<p", "<a", "/a", "/p", "<pre", "/pre", "/li", "<li", "/li", "/ol",
    ]  # fmt: skip
    assert copy_texts("1. Install:\n   ```sh\n   pip install x\n   ```\n") == ["pip install x"]


def test_unclosed_fence_at_finish_is_a_code_block() -> None:
    text = "Look:\n\n```python\nprint('hi')\n"
    renderer = IncrementalMarkdown()
    renderer.append(text)
    final = renderer.finish()
    assert final.tail == ""
    assert "<pre" in "".join(final.frozen)
    assert '<span style="' in "".join(final.frozen)
    assert renderer.copies == ["print('hi')"]
    assert render_markdown(text).count("<pre") == 1


def test_ukrainian_text_passes_through_intact() -> None:
    markup = render_markdown(SMALL_DOCS["ukrainian"] + "\n\n```\nрядок «коду» — ґ\n```")
    for words in ("Привіт", "Ґанок, їжак і", "єнот", "пункт", "Назва", "Модель", "Мала", "рядок «коду» — ґ"):
        assert words in markup


def test_empty_text_renders_nothing() -> None:
    assert render_markdown("") == ""
    assert render_markdown(SMALL_DOCS["blank"]) == ""


def test_finished_renderer_refuses_more_text() -> None:
    renderer = IncrementalMarkdown()
    renderer.append("a")
    final = renderer.finish()
    assert (final.frozen, final.tail) == (["<p>a</p>\n"], "")
    with pytest.raises(RuntimeError):
        renderer.append("b")
    with pytest.raises(RuntimeError):
        renderer.finish()


ESCAPED_AS_TEXT = [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
    ('<div onclick="alert(1)">x</div>', "&lt;div onclick=&quot;alert(1)&quot;&gt;x&lt;/div&gt;"),
    ("<!-- hidden -->", "&lt;!-- hidden --&gt;"),
    ("&lt;b&gt; &amp; &copy; &#60;", "&amp;lt;b&amp;gt; &amp;amp; &amp;copy; &amp;#60;"),
    (
        "<svg onload=alert(1)>\n<iframe src=http://e>",
        "&lt;svg onload=alert(1)&gt;<br />\n&lt;iframe src=http://e&gt;",
    ),
    ("`<b>&lt;</b>`", "<code>&lt;b&gt;&amp;lt;&lt;/b&gt;</code>"),
]


@pytest.mark.parametrize(("text", "expected"), ESCAPED_AS_TEXT)
def test_raw_html_shows_as_the_text_the_model_wrote(text: str, expected: str) -> None:
    markup = render_markdown(text)
    assert expected in markup
    assert_safe(markup)


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](file:///etc/passwd)",
        "[x](/relative/path)",
        "[x](vbscript:msgbox)",
        "[x](&#106;avascript:alert(1))",
        "<file:///etc/passwd>",
        "![x](javascript:alert(1))",
    ],
)
def test_links_to_anything_but_web_and_mail_lose_their_target(link: str) -> None:
    markup = render_markdown(link)
    assert "href" not in markup
    assert_safe(markup)


def test_web_and_mail_links_keep_their_target() -> None:
    markup = render_markdown("[w](https://e.com/?a=1&b=2) [m](mailto:me@e.com) <http://e.org> <you@e.com>")
    hrefs = [attributes["href"] for tag, attributes in parse(markup).elements if tag == "a"]
    assert hrefs == ["https://e.com/?a=1&b=2", "mailto:me@e.com", "http://e.org", "mailto:you@e.com"]
    assert 'href="https://e.com/?a=1&amp;b=2"' in markup
    assert visible_text(markup) == "w m http://e.org you@e.com"


def test_images_are_never_shown_or_fetched() -> None:
    markup = render_markdown("![a cat](http://example.com/cat.png) ![](https://e.com/x.png)\n\n![x][1]")
    assert "<img" not in markup
    assert visible_text(markup) == "a cat https://e.com/x.png ![x][1]"
    assert_safe(markup)


def test_reference_links_stay_text_so_later_text_cannot_change_earlier_blocks() -> None:
    markup = render_markdown(SMALL_DOCS["references"])
    assert "<a" not in markup
    assert "[1]: http://example.com" in visible_text(markup)
    assert "[the docs][1]" in visible_text(markup)


@pytest.mark.parametrize("name", sorted(SMALL_DOCS))
def test_every_document_and_every_streamed_tail_is_safe(name: str) -> None:
    text = SMALL_DOCS[name] + "\n\n" + "\n\n".join(text for text, _ in ESCAPED_AS_TEXT)
    assert_safe(render_markdown(text, labels=Labels(copy="<img src=x>")))
    renderer = IncrementalMarkdown(labels=Labels(copy="<img src=x>"))
    for chunk in random_chunks(text, seed=len(name), largest=5):
        update = renderer.append(chunk)
        assert_safe(update.tail)
        for piece in update.frozen:
            assert_safe(piece)


@pytest.mark.parametrize("name", sorted(SMALL_DOCS))
def test_stream_split_at_every_boundary_equals_whole_render(name: str) -> None:
    text = SMALL_DOCS[name]
    whole = render_markdown(text)
    for cut in range(len(text) + 1):
        assert stream(text, pieces(text, [cut])) == whole, cut
    assert stream(text, list(text)) == whole  # one character at a time


@pytest.mark.parametrize("seed", range(10))
def test_long_answer_in_random_chunks_equals_whole_render(seed: int) -> None:
    text = long_answer(12_000) + SMALL_DOCS["fences"] + SMALL_DOCS["crlf"] + SMALL_DOCS["unclosed"]
    label = "Копіювати"
    assert stream(text, random_chunks(text, seed), label) == render_markdown(text, labels=Labels(copy=label))


@pytest.mark.parametrize("name", sorted(SMALL_DOCS))
def test_cutting_into_blocks_does_not_change_the_markdown_meaning(name: str) -> None:
    # Our blocks must give what markdown-it gives for the whole text in one go.
    text = SMALL_DOCS[name]
    whole = BlockHtml().markdown(drawable(text), RenderEnv(Labels()))
    assert render_markdown(text).split() == whole.split()


def test_every_streamed_character_is_visible_at_once() -> None:
    words = [f"слово{n}" for n in range(300)]
    text = " ".join(words)
    renderer, frozen, sent = IncrementalMarkdown(), "", ""
    for chunk in random_chunks(text, seed=7, largest=6):
        update = renderer.append(chunk)
        frozen += "".join(update.frozen)
        sent += chunk
        assert visible_text(frozen + update.tail) == " ".join(sent.split())


def stream_cost(text: str, size: int = 4) -> tuple[IncrementalMarkdown, int]:
    """Feed text in fixed chunks; return the renderer and the most characters one append rendered."""
    renderer, worst = IncrementalMarkdown(), 0
    for at in range(0, len(text), size):
        before = renderer.rendered_chars
        renderer.append(text[at : at + size])
        worst = max(worst, renderer.rendered_chars - before)
    renderer.finish()
    return renderer, worst


def test_streaming_an_8000_token_answer_is_linear_not_quadratic() -> None:
    text = long_answer(32_000)
    renderer, worst = stream_cost(text)
    assert renderer.rendered_chars <= 20 * len(text)
    assert renderer.renders <= len(text) // 4  # fewer renders than appends: the tail is not redone each time
    assert worst <= 2 * len(SECTION)  # one append costs about its open tail, never the whole answer

    double = long_answer(64_000)
    bigger, _ = stream_cost(double)
    assert bigger.rendered_chars / len(double) <= 1.1 * renderer.rendered_chars / len(text)


def test_a_megabyte_answer_renders() -> None:
    text = long_answer(1_000_000)
    markup = render_markdown(text)
    assert len(text) < len(markup) < 10 * len(text)
    assert markup.count("piassist-copy:") == text.count("```python")


def test_a_list_right_under_a_line_of_text_is_a_list() -> None:
    # Models write "Tips:\n- one" without the empty line Python-Markdown wants before a list.
    html_out = render_markdown("Tips:\n- keep it short\n- close the browser\n\nSteps:\n1. pull\n2. chat")
    assert "<p>Tips:</p>\n<ul>\n<li>keep it short</li>\n<li>close the browser</li>\n</ul>" in html_out
    assert "<p>Steps:</p>\n<ol>\n<li>pull</li>\n<li>chat</li>\n</ol>" in html_out


def test_a_table_right_under_a_line_of_text_is_a_table() -> None:
    html_out = render_markdown("Compare:\n| Board | RAM |\n|---|---|\n| Pi 4 | 8 GB |")
    assert html_out.startswith("<p>Compare:</p>\n<table")
    assert "<td>Pi 4</td>" in html_out


def test_single_line_breaks_are_kept_as_chat_apps_keep_them() -> None:
    poem = render_markdown("Roses are red,\nviolets are blue.\n\nThe end.")
    assert "<p>Roses are red,<br />\nviolets are blue.</p>" in poem and poem.count("<p>") == 2
    address = render_markdown("Вулиця Хрещатик, 1\nКиїв\n01001")
    assert address.count("<br />") == 2
    # Lists, tables and code are what they were: no break is added inside them or between their rows.
    listed = render_markdown("Steps:\n- one\n- two\n\n1. first\n2. second")
    assert "<br" not in listed.split("</p>", 1)[1] and listed.count("<li>") == 4
    table = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |")
    assert "<br" not in table and table.count("<tr>") == 3
    code = render_markdown("```\nline 1\nline 2\n```")
    assert "<br" not in code and copy_texts("```\nline 1\nline 2\n```") == ["line 1\nline 2"]
    hard = render_markdown("two spaces  \nand a backslash\\\nstill breaks")
    assert hard.count("<br />") == 2


def test_a_long_answer_keeps_its_lines() -> None:
    markup = render_markdown("\n".join(f"line {i}" for i in range(1_000)))
    assert markup.count("<br />") == 999 and markup.count("<p>") == 1


def test_what_only_looks_like_a_list_start_is_left_alone() -> None:
    assert "<hr />" in render_markdown("Above\n* * *\nbelow")  # a rule, not a list of stars
    lazy = render_markdown("- a\n- b\nstill b\n- c")  # a lazy line inside a list keeps the list tight
    assert "<li>b<br />\nstill b</li>" in lazy and "<p>" not in lazy
    code = render_markdown("Code:\n\n    x = 1\n    - not a list")
    assert "<ul>" not in code
    assert "<ul>" not in render_markdown("It was -5 degrees\n-5 again")
