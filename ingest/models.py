"""The shapes that flow through ingestion: files become blocks, blocks get a
place in the document's outline, placed blocks become chunks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict

# row_label: the first cell of a table row, a sub-heading for that row only.
# closing: the statement that ends a commitment ("By … we will …").
BlockKind = Literal["heading", "row_label", "paragraph", "list_item", "table_header", "closing"]


@dataclass
class Block:
    """One unit of extracted text: a heading, a paragraph or a list item.

    ``level`` is the heading level the file's own markup gave (Markdown ``#``,
    HTML ``<h2>``, Word "Heading 2"); ``None`` means the outline parser has to
    work it out. ``page`` is the page of the file (PDF), not a page the text
    quotes.
    """

    text: str
    kind: BlockKind = "paragraph"
    level: int | None = None
    page: int | None = None


class FrameworkItem(BaseModel):
    number: int
    title: str
    aliases: list[str] = []


class Framework(BaseModel):
    """A numbered outline: the five shared commitments, the Long Term Plan's
    chapters, or a document's own "Our four priorities".

    ``kind`` is the singular noun for one item ("commitment", "chapter",
    "priority", "aim"); ``title`` names the outline where a citation from
    another document needs it ("NHS Long Term Plan").
    """

    name: str
    kind: str
    items: list[FrameworkItem]
    numbered_paragraphs: bool = False
    title: str | None = None

    def item(self, number: int) -> FrameworkItem | None:
        return next((item for item in self.items if item.number == number), None)

    def reference(self, item: FrameworkItem) -> ItemReference:
        return ItemReference(kind=self.kind, number=item.number, title=item.title, framework=self.title)


class ItemReference(BaseModel):
    """The framework item a passage belongs to, as every citation carries it:
    "Priority 2: Connect records", "NHS Long Term Plan chapter 2: Prevention…"."""

    model_config = ConfigDict(frozen=True)  # hashable: it keys caches and groups chunks

    kind: str
    number: int
    title: str
    framework: str | None = None

    @property
    def label(self) -> str:
        noun = f"{self.framework} {self.kind}" if self.framework else self.kind.capitalize()
        return f"{noun} {self.number}: {self.title}"


class DocumentInfo(BaseModel):
    """What a citation needs to name a document."""

    source: str
    title: str
    publisher: str | None = None
    date: str | None = None  # ISO 8601 to the precision known: "2019", "2019-01", "2019-02-14"
    edition: str | None = None  # "Summary", "Second edition", "v2.1": which version of the document
    kind: str | None = None
    sha256: str | None = None  # of the file's bytes, for a run record an auditor can check against the file
    frameworks: list[Framework] = []


@dataclass
class LoadedDocument:
    """``headings_known``: the file's layout decided which lines are headings
    (a PDF's fonts), so no other line is to be guessed one from its words."""

    source: str
    blocks: list[Block]
    title_hint: str | None = None
    headings_known: bool = False
    date_hint: str | None = None  # the file's own date (PDF or Word properties, an HTML meta tag), as ISO


@dataclass
class Placement:
    """Where a block sits in its document's outline."""

    path: tuple[str, ...] = ()
    commitment: int | None = None
    commitment_title: str | None = None
    chapter: int | None = None
    chapter_title: str | None = None
    subsection: str | None = None
    paragraph: str | None = None
    page: int | None = None
    framework_item: ItemReference | None = None

    @property
    def section(self) -> str:
        return " › ".join(self.path)


@dataclass
class PlacedBlock:
    block: Block
    place: Placement = field(default_factory=Placement)


class Chunk(BaseModel):
    """A retrievable passage and everything a citation needs to point at it."""

    id: str
    source: str
    document: str
    position: int
    text: str
    section: str
    section_path: list[str]
    subsection: str | None = None
    commitment: int | None = None
    commitment_title: str | None = None
    chapter: int | None = None
    chapter_title: str | None = None
    paragraph: str | None = None
    page: int | None = None
    framework_item: ItemReference | None = None
    # Set when the passage is text addressed to an AI system (``ingest.instructions``): it is kept for
    # an administrator to see, never retrieved or quoted.
    quarantine_reason: str | None = None
    publisher: str | None = None  # the document's, from its manifest entry; set when stored
    date: str | None = None  # the document's publication date (ISO); set when stored
    edition: str | None = None  # the document's edition; set when stored

    @property
    def embedding_text(self) -> str:
        """The text that is embedded: the passage under its headings.

        A bullet such as "Fund and deliver the NHS long-term workforce plan."
        only matches a question about commitment 3 once the embedding sees
        which commitment it sits under; the stored ``text`` stays the bare
        passage so that quotes are exact.
        """
        return f"{self.document}\n{self.section}\n\n{self.text}"
