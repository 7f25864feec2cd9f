"""Tidying a field as printed: hard-wrapped lines joined back into their paragraphs, list
items kept one to a line, and the artefacts of templates and truncation taken off."""

import re

# A list item starts its own line: a bullet, or a label such as "1.", "(a)", "ii)", "2.1".
LIST_ITEM = re.compile(
    r"^(?:[-–•·▪■◦‣*]\s+|\(\w{1,5}\)\s*|(?:\d{1,2}(?:\.\d{1,2})+|\d{1,2}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]\s+)"
)
BULLET = re.compile(r"^[•·▪■◦‣*]\s+")
BULLET_OR_DASH = re.compile(r"^[-–•·▪■◦‣*]\s+")
# Where a hard-wrapped line ends its paragraph: a full stop, a semicolon, a colon, a closing
# quote, or the "|" some templates print after each field.
PARAGRAPH_END = re.compile(r"[.!?;:|\"”’]\s*$")
LABEL_ALONE = re.compile(
    r"^(?:\(\w{1,5}\)|(?:\d{1,2}(?:\.\d{1,2})*|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]?)$"
)
TABLE_BAR = re.compile(r"\s*\|\s*$")
LONE_PUNCTUATION = re.compile(r"^[\s:|;,.\-–]*$")
# ModernGov cuts long text short with a link to the rest.
READ_MORE = re.compile(r"\s*view the full [\w ]{0,40}?text for item\s*\S*\s*$", re.I)
ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")

FILE_SIZE = re.compile(
    r"\s*\(?(?:(?:pdf|word|excel|doc) icon\s*)?"
    r"\b(?:PDF|DOCX?|XLSX?|RTF|ODT|HTML?)\s+\d+(?:\.\d+)?\s*[KM]B\)?",
    re.I,
)
HIDDEN_REFERENCE = re.compile(r"\s*\bref:\s*\d+\s*$", re.I)
TITLE_ARTEFACTS = re.compile(
    r"\{\w+\}|\*\*|^#+\s*|\s+New!$|\s*\|\s*$|^\s*(?:link to decision details for|title:)\s*",
    re.I,
)
TRAILING_MARKS = re.compile(r"[\s.,;:|–-]+$")


def one_line(text: str | None) -> str | None:
    if text is None:
        return None
    line = re.sub(r"\s+", " ", text).strip()
    return line or None


def first_paragraph(text: str | None) -> str | None:
    if text is None:
        return None
    for paragraph in paragraphs(text):
        return paragraph
    return None


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a field: blank lines part them, and so does a line that ends a
    sentence or starts a list item; any other line break is Word's hard wrap, joined up."""
    found: list[str] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = re.sub(r"\s+", " ", raw).strip()
        if not line or LONE_PUNCTUATION.match(line):
            flush(current, found)
            continue
        if current and starts_paragraph(current, line):
            flush(current, found)
        current.append(line)
    flush(current, found)
    return found


def starts_paragraph(current: list[str], line: str) -> bool:
    previous = current[-1]
    if LABEL_ALONE.match(previous):
        return False
    # A bulleted item seldom wraps onto a capital; a line after one that starts with a
    # capital is the paragraph after the list.
    after_bullet = BULLET_OR_DASH.match(current[0]) and line[:1].isupper()
    return bool(PARAGRAPH_END.search(previous) or LIST_ITEM.match(line) or after_bullet)


def flush(current: list[str], found: list[str]) -> None:
    if current:
        paragraph = TABLE_BAR.sub("", " ".join(current)).strip()
        if paragraph and not LONE_PUNCTUATION.match(paragraph):
            found.append(BULLET.sub("- ", paragraph))
        current.clear()


def block(text: str | None) -> str | None:
    """A field of running text: its paragraphs parted by a blank line, and the items of a
    list one to a line."""
    if text is None:
        return None
    joined = ""
    previous = ""
    for paragraph in paragraphs(text):
        if joined:
            in_list = LIST_ITEM.match(previous) and LIST_ITEM.match(paragraph)
            joined += "\n" if in_list else "\n\n"
        joined += paragraph
        previous = paragraph
    return without_read_more(joined) or None


def without_read_more(text: str) -> str:
    return READ_MORE.sub("", text).rstrip()


def is_truncated(text: str | None) -> bool:
    """The page cut the text short: it ends "..." or with a link to the rest."""
    found = paragraphs(text or "")
    return bool(found) and bool(READ_MORE.search(found[-1]) or ELLIPSIS.search(found[-1]))


def title(text: str | None) -> str | None:
    """A title without the file sizes, hidden references, "New!" flags and trailing full
    stops that list and details pages add to it."""
    line = one_line(text)
    if line is None:
        return None
    line = FILE_SIZE.sub("", line)
    line = HIDDEN_REFERENCE.sub("", line)
    line = TITLE_ARTEFACTS.sub("", line).strip()
    line = TRAILING_MARKS.sub("", line)
    return line.strip() or None
