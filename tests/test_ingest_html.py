"""The streaming visible-text pass (``tui.ingest.html``) gives exactly what the Beautiful
Soup tree it replaced gave (``fixtures.html_reference``): the shipped text, the furniture
of each line, title, date and site name — on the test pages, the same pages weighed to
real-page size, malformed markup and random HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4.exceptions import ParserRejectedMarkup
from fixtures.html_reference import html_to_page_bs4
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.ingest.decode import decode_bytes
from tui.ingest.files import SkipFile, read_file
from tui.ingest.html import HtmlRejected, html_to_page

WEB = Path(__file__).parent / "fixtures" / "web"
PAGES = sorted(p.name for p in WEB.glob("*.html"))

Outcome = tuple[str, str | None, str | None, str | None, list[str]] | str


def outcome_new(markup: str) -> Outcome:
    try:
        page = html_to_page(markup)
    except HtmlRejected:
        return "rejected"
    return (page.text, page.title, page.published, page.site_name, page.blocks)


def outcome_old(markup: str) -> Outcome:
    try:
        page = html_to_page_bs4(markup)
    except ParserRejectedMarkup:
        return "rejected"
    return (page.text, page.title, page.published, page.site_name, page.blocks)


def assert_same(markup: str) -> None:
    assert outcome_new(markup) == outcome_old(markup)


def page_markup(name: str) -> str:
    return decode_bytes((WEB / name).read_bytes(), markup=True).text


def weighed(markup: str) -> str:
    """The page as real pages come: a big script and style in the head, a long menu first,
    every paragraph five times."""
    script = '<script>var s = "</p><p>" + 1 < 2 && "x";' + "y" * 20_000 + "</script>"
    style = "<style>" + "p > a { color: red }" * 500 + "</style>"
    menu = "<div><ul>" + "".join(f"<li><a href='/s/{i}'>S {i}</a></li>" for i in range(300))
    markup = markup.replace("</head>", script + style + "</head>", 1)
    markup = markup.replace("<body>", "<body>" + menu + "</ul></div>", 1)
    return re.sub(r"<p>.*?</p>", lambda m: m.group(0) * 5, markup, flags=re.S)


@pytest.mark.parametrize("name", PAGES)
def test_every_test_page_gives_the_same_page(name: str) -> None:
    markup = page_markup(name)
    assert outcome_new(markup) == outcome_old(markup)
    assert outcome_new(weighed(markup)) == outcome_old(weighed(markup))


def test_the_pages_give_text() -> None:
    # The comparison above would pass if both gave nothing; they do not.
    page = html_to_page(page_markup("full.html"))
    assert len(page.text.split()) > 100 and page.title and page.blocks.count("nav") >= 1


MALFORMED = [
    # A stray "<![" the parser rejects, and a real CDATA section (whose text is shown).
    "<p>a <![if !IE]> b</p><p>c</p>",
    "<p>a <![ b</p><p>c <![foo[ d</p>",
    "<p>x<![CDATA[ kept  text ]]>y</p>",
    "<![",
    # Unclosed and mis-nested tags, end tags of nothing open, text after </html>.
    "<div><p>one<p>two<div>three</p>four</div>five",
    "<body><p>a</body></html><p>after the end</p>",
    "</p></div>text<b><i>bold</b>italic</i>",
    "<nav><ul><li>Home<li>World</nav><p>Article</p><footer>© 2024",
    "<aside><p>side</aside><p>after aside</p></aside><p>more",
    # NUL bytes and other control characters, in text and attributes.
    "<p>a\x00b</p><p title='x\x00'>c\x01d</p>",
    # Form-wrapped bodies, form controls.
    "<form id=f><div><p>Article in a form.</p><input value=x><button>Go</button>"
    "<select><option>One<option>Two</select><textarea>typed\n\n  text</textarea></div></form>",
    # Entities: named with and without semicolon, unknown, numeric, Windows-1252, invalid.
    "<p>A &amp; B &ampfoo &copy 2024 &nbsp;&NotAnEntity; &#150; &#x2014; &#0; &#xD800;"
    " &#1114112; &#129; &#x1F600; &#65 &#x41x &lt;tag&gt;</p>",
    "<title>A &amp; B</title><p>&#10;</p><p>&#32;&#32;</p>",
    # Line breaks and preformatted text.
    "<p>one<br>two<br/>three</br>four<br></br>five</p><hr><pre>  a\n\n   b  </pre>",
    "<pre>\n\n</pre><pre> </pre>x<pre><b> </b></pre>",
    # Scripts, styles, noscript, template, svg, iframe, head content.
    "<head><title>T</title><script>var x='<p>no</p>';</script><style>p{}</style></head>"
    "<body><noscript><p>enable js</p></noscript><template><p>tpl</p></template>"
    "<svg><text>svg</text></svg><iframe>frame</iframe><p>shown</p></body>",
    "<script>unclosed script <p>never",
    "<style>a{}</style ><p>x</p><script type=text/template><div>t</div></script>",
    # Comments, declarations, processing instructions, bogus comments.
    "<!DOCTYPE html><!-- c --><p>a<!-- inner -->b</p><?php echo 1 ?><p>c</p></>d<!x>e",
    "<!-- unclosed comment <p>hidden",
    # Titles: one string, nested, with a comment, empty, several.
    "<title><b>Bold title</b></title><title>Second</title>",
    "<title><!-- only a comment --></title>",
    "<title>  </title><p>x</p>",
    "<title>a<br>b</title>",
    "<br><title>a</br>b</title><p>c</br>d</p>",
    "<html><title>Title in the body</title><p>x</p></html>",
    # Metadata: og tags, duplicates, empty content, time elements.
    '<meta property="og:title" content=" OG "><meta name="og:title" content="name">'
    '<meta property="og:site_name" content="Site" property="og:title">'
    '<meta name="date" content="  "><meta itemprop="datePublished" content="2024-01-02">',
    '<time datetime>no value</time><time datetime=" 2024-03-04 ">x</time>',
    '<p><time datetime="2023-01-01T10:00">Jan 1</time> by A</p>',
    # Void elements closed at once; self-closing non-void elements.
    "<p>a<img src=x>b<meta content=x>c</meta>d<div/>e<span/>f</p>",
    "<br></br></br><hr/></hr><p>x",
    # Case, attributes without values, odd spacing.
    "<P CLASS=x>Upper<BR>case</P><DIV\nid=a\n>spaced</DIV >",
    "<p>t<a href=x/>link</a> text</p>",
    # Ruby text, tables, lists.
    "<p><ruby>漢<rt>kan</rt></ruby></p><table><tr><td>1<td>2</tr></table><ul><li>a<li>b</ul>",
    # Only whitespace and furniture.
    "   \n\t ",
    "<nav>only a menu</nav>",
    "",
]


@pytest.mark.parametrize("markup", MALFORMED)
def test_malformed_markup_gives_the_same_page(markup: str) -> None:
    assert_same(markup)


def test_deep_unclosed_nesting_gives_the_same_page() -> None:
    # Legacy pages nest unclosed tags thousands deep.
    markup = "<div><p>x<font>" * 3000 + "end"
    assert_same(markup)
    assert html_to_page(markup).text.endswith("end")


def test_a_stray_marked_section_is_text_as_a_browser_shows_it() -> None:
    # Python's parser gives up on a "<![" that names no section: the page is read again
    # with it as text ("<![if …]>", Microsoft's conditional, is a declaration: not shown).
    assert html_to_page("<p>a <![foo[ b</p><p>c</p>").text == "a <![foo[ b\n\nc"
    assert html_to_page("<p>a <![if !IE]> b</p><p>c</p>").text == "a b\n\nc"


def test_a_page_the_parser_gives_up_on_is_one_skipped_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def give_up(self: HTMLParser, data: str) -> None:
        raise AssertionError("unknown status keyword")

    monkeypatch.setattr(HTMLParser, "feed", give_up)
    with pytest.raises(HtmlRejected):
        html_to_page("<p>x</p>")
    page = tmp_path / "page.html"
    page.write_text("<p>x</p>")
    with pytest.raises(SkipFile, match=r"^HTML that the parser cannot read$"):
        read_file(page, lambda _m: None)


TAGS = ["p", "div", "span", "b", "a", "li", "ul", "nav", "footer", "aside", "br", "hr",
        "img", "meta", "title", "time", "pre", "script", "style", "noscript", "template",
        "head", "body", "html", "form", "input", "button", "select", "option", "textarea",
        "table", "td", "tr", "h1", "svg", "rt"]  # fmt: skip
ATTRS = ['', ' class="x"', ' datetime="2024-05-06"', " datetime", ' property="og:title"',
         ' name="date" content="2021-02-03"', ' content=" c "', ' property="og:site_name"',
         " id=a/", ' title="a &amp; b"', ' content="x" name="og:title" name="date"']  # fmt: skip
TEXT = st.text(alphabet=st.sampled_from(list("ab ,.\n\t\r\x00\x0b&;#x1<>/!-?[]'\"é漢")), max_size=8)
OTHER = [
    "&amp;", "&ampx", "&copy", "&nosuch;", "&#150;", "&#x41;", "&#0;", "&#65", "&#x2014",
    "&#55296;", "<!-- c -->", "<!--", "<!DOCTYPE html>", "<?pi x?>", "<![CDATA[d]]>",
    "<![", "<!x>", "</>", "</ p>", "<p", " ", "\n\n", "<",
]  # fmt: skip
PIECES = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), st.sampled_from(ATTRS)),
    st.builds(lambda t, a: f"<{t}{a}/>", st.sampled_from(TAGS), st.sampled_from(ATTRS)),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    TEXT,
    st.sampled_from(OTHER),
)
RANDOM_HTML = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RANDOM_HTML)
def test_random_html_gives_the_same_page(markup: str) -> None:
    assert_same(markup)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text_gives_the_same_page(markup: str) -> None:
    assert_same(markup)
