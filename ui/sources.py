"""HTML for the UI's answer furniture: the answer badge and the source
panel. Every piece of document text is escaped: documents are shown as text,
never as live HTML."""

from __future__ import annotations

from html import escape

from assistant.models import Answer, Citation
from assistant.sentences import split_sentences
from ingest.dates import spoken_date


def chip_label(citation: Citation) -> str:
    """ "[2] A picture of health… (February 2024) — Commitment 2: Build a new
    infrastructure… — under 'The actions…'": the date tells a 2019 figure from today's."""
    return f"[{citation.n}] {citation.document_dated} — {citation.location}"


def answer_badge(answer: Answer) -> str:
    """Both verdicts, plainly: does the answer answer the question, and is
    each sentence supported by its source."""
    verdict = answer.answerability
    if answer.refused:
        return (
            '<div class="pa-badge pa-declined" id="grounding-state" data-verdict="not_covered">'
            f"Not covered by the documents — nothing is cited.{_missing(verdict.missing)}</div>"
        )
    g = answer.grounding
    how = "every sentence quoted from its source" if answer.backend == "extractive" else "every sentence supported by its source"
    if g.supported < g.total:
        how = f"{g.supported}/{g.total} sentences supported by their sources"
    note = f" · {escape(answer.fallback_reason)}; the extractive answer is shown" if answer.fallback_reason else ""
    # How old the sources are, for a question about the present: a 2019 figure is not today's.
    dated = f'<div class="pa-dated" id="sources-age">{escape(answer.sources_note)}</div>' if answer.sources_note else ""
    if verdict.verdict == "partial":
        return (
            f'<div class="pa-badge pa-partial" id="grounding-state" data-verdict="partial">◐ Partly answered: the documents '
            f"don't give {escape('; '.join(verdict.missing))} — the rest: {how} ({escape(answer.backend)}){note}</div>{dated}"
        )
    return (
        f'<div class="pa-badge pa-grounded" id="grounding-state" data-verdict="answered">✓ Answers the question — {how} '
        f"({escape(answer.backend)}){note}</div>{dated}"
    )


def _missing(missing: list[str]) -> str:
    return f" The documents don't give {escape('; '.join(missing))}." if missing else ""


def source_panel(citation: Citation) -> str:
    """The passage a citation rests on, with the quoted sentences highlighted."""
    quoted = set(split_sentences(citation.quote))
    body = []
    for line in citation.text.splitlines():
        bullet = line.startswith("- ")
        parts = []
        for sentence in split_sentences(line):
            text = escape(sentence)
            parts.append(f"<mark>{text}</mark>" if sentence in quoted else text)
        body.append(("• " if bullet else "") + " ".join(parts))
    facts = [("Document", citation.document)]
    facts += [("Published", spoken_date(citation.date) or citation.date)] if citation.date else []
    facts += [("Edition", citation.edition)] if citation.edition else []
    facts.append(("Section", " › ".join(citation.section_path) or citation.section))
    item = citation.framework_item
    if item:
        noun = f"{item.framework} {item.kind}" if item.framework else item.kind.capitalize()
        facts.append((noun, f"{item.number}: {item.title}"))
    if citation.paragraph:
        facts.append(("Paragraph", citation.paragraph))
    if citation.page is not None:
        facts.append(("Page", f"p. {citation.page}"))
    facts.append(("File", citation.source))
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in facts)
    passage = "<br>".join(body)
    return f'<div class="pa-source" id="source-passage"><dl>{rows}</dl><blockquote>{passage}</blockquote></div>'
