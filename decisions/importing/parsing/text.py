"""A page as the parser reads it: plain text, one field or paragraph a line, with the links
and the page's own address kept aside. HTML is detected and turned into the same text a
browser gives when the page is copied, so each format is read one way whatever its form."""

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from decisions.importing.parsing.tidy import one_line

# Private-use characters stand for the breaks the markup implies while the text is drawn
# out of it; anything the page itself holds in that range is removed first.
PARAGRAPH, LINE, CELL = "\ue000", "\ue001", "\ue002"
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")

BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "fieldset"}
    | {"figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li"}
    | {"main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul"}
)
CELLS = frozenset({"td", "th"})
# The head, scripts and form controls print nothing a reader sees as the record.
FURNITURE = ("head", "title", "script", "style", "noscript", "template")
FORM_CONTROLS = ("select", "option", "button", "textarea")

# A saved page starts with markup; text that merely quotes a tag or two does not.
MARKUP_START = re.compile(r"\A[\ufeff\s]*<(?:!doctype|!--|\?xml|[a-z][a-z0-9]*[\s/>])", re.I)
MARKUP_ANYWHERE = re.compile(r"<(?:html|body)[\s>]", re.I)
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)

# Text copied from a rendered page sometimes carries stray tags from the council's template.
STRAY_TAG = re.compile(
    r"<!--.*?-->|<!--|-->|</?(?:ul|ol|li|p|br|div|span|table|tr|td|th|b|i|u|em|strong)\b[^<>]{0,200}>",
    re.I | re.S,
)
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
SOURCE_LINE = re.compile(
    r"^[ \t]*(?:(?:source|url|address|web address|page address|link)[ \t]*:[ \t]*)?"
    r"(https?://\S+)[ \t]*$",
    re.I | re.M,
)
# The addresses of democracy systems' own pages, as a printed or saved page shows them.
DEMOCRACY_ADDRESS = re.compile(r"\.aspx|cmis|moderngov|democracy|decision", re.I)


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Source:
    text: str
    links: tuple[Link, ...] = ()
    source_url: str | None = None


def looks_like_html(page: str) -> bool:
    return bool(MARKUP_START.match(page) or MARKUP_ANYWHERE.search(page[:20000]))


def read(page: str, url: str | None = None) -> Source:
    page = PRIVATE_USE.sub("", page)
    if looks_like_html(page):
        return read_html(page, url)
    return read_text(page, url)


def read_text(page: str, url: str | None = None) -> Source:
    text = common_tidy(STRAY_TAG.sub(" ", page))
    text = MARKDOWN_HEADING.sub("", text)
    return Source(text=text, source_url=url or printed_address(text))


def printed_address(text: str) -> str | None:
    """A page printed or saved as text shows its address on a line of its own."""
    for found in SOURCE_LINE.finditer(text):
        if DEMOCRACY_ADDRESS.search(found.group(1)):
            return found.group(1)
    return None


def common_tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = INVISIBLE.sub("", text)
    return SPACES.sub(" ", text)


def read_html(markup: str, url: str | None = None) -> Source:
    soup = BeautifulSoup(markup, "html.parser")
    source_url = url or saved_from(markup) or declared_address(soup)
    for element in soup.find_all([*FURNITURE, *FORM_CONTROLS]):
        element.decompose()
    for comment in soup.find_all(string=lambda string: isinstance(string, Comment)):
        comment.extract()
    links = tuple(page_links(soup))
    collapse_whitespace(soup)
    mark_breaks(soup)
    return Source(text=breaks_to_text(soup.get_text()), links=links, source_url=source_url)


def saved_from(markup: str) -> str | None:
    """Browsers that save a page note its address in a comment at the top."""
    found = SAVED_FROM.search(markup[:5000])
    return found.group(1) if found else None


def declared_address(soup: BeautifulSoup) -> str | None:
    declared = (
        (soup.find("link", rel="canonical"), "href"),
        (soup.find("meta", property="og:url"), "content"),
        (soup.find("base"), "href"),
    )
    for tag, key in declared:
        if isinstance(tag, Tag) and isinstance(tag.get(key), str):
            return str(tag[key]).strip() or None
    return None


def page_links(soup: BeautifulSoup) -> list[Link]:
    links = []
    for anchor in soup.find_all("a", href=True):
        href = anchor.get("href")
        if isinstance(href, str) and href.strip():
            links.append(Link(text=one_line(anchor.get_text(" ")) or "", url=href.strip()))
    return links


def collapse_whitespace(soup: BeautifulSoup) -> None:
    """Markup wraps its lines anywhere (Word's export does, mid-sentence); a browser shows
    each run of whitespace as one space, and so do we, except inside <pre>."""
    for string in soup.find_all(string=True):
        if isinstance(string, NavigableString) and string.find_parent("pre") is None:
            string.replace_with(re.sub(r"\s+", " ", common_tidy(str(string))))


def mark_breaks(soup: BeautifulSoup) -> None:
    for element in soup.find_all(True):
        if element.name == "br":
            element.replace_with(LINE)
        elif element.name in CELLS:
            element.append(CELL)
        elif element.name == "tr":
            element.insert_before(LINE)
            element.append(LINE)
        elif element.name in BLOCKS:
            element.insert_before(PARAGRAPH)
            element.append(PARAGRAPH)


def breaks_to_text(drawn: str) -> str:
    text = re.sub(rf"[ \t]*{PARAGRAPH}[\s{PARAGRAPH}{LINE}{CELL}]*", "\n\n", drawn)
    text = re.sub(rf"[ \t]*{LINE}[ \t{LINE}]*", "\n", text)
    text = re.sub(rf"[ \t]*{CELL}[ \t]*", "\t", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n\t+\n", "\n\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
