"""The outline recovered from each bundled document, as a reader would check
it against the originals (see corpus/README.md)."""

from __future__ import annotations

import re

import pytest

from assistant.settings import BUNDLED_CORPUS
from ingest import read_document

COMMITMENTS = {
    1: "Reaffirm commitment to the core values of the NHS to improve health and care for all and reduce inequalities",
    2: "Build a new infrastructure programme for the NHS",
    3: "Nurture a thriving health and care workforce",
    4: "Champion a culture of openness, improvement and innovation",
    5: "Provide care in the right place at the right time",
}


def read(name: str):
    return read_document(BUNDLED_CORPUS / name, chunk_size=800, chunk_max=1200)


def chunk_with(chunks, phrase: str):
    found = [chunk for chunk in chunks if phrase in chunk.text]
    assert found, f"no chunk contains {phrase!r}"
    return found[0]


@pytest.fixture(scope="module")
def briefing():
    return read("a-picture-of-health.txt")[1]


@pytest.fixture(scope="module")
def oxfordshire():
    return read("oxfordshire-hib-long-term-plan-paper.txt")[1]


def test_every_bundled_document_is_titled_from_the_manifest():
    titles = {path.name: read(path.name)[0].title for path in BUNDLED_CORPUS.glob("*.txt")}
    assert titles["a-picture-of-health.txt"] == "A picture of health: delivering the next generation NHS"
    assert titles["oxfordshire-hib-long-term-plan-paper.txt"].startswith("Overview of the NHS Long Term Plan")
    assert titles["nhs-long-term-plan-summary.txt"] == "The NHS Long Term Plan – a summary"


def test_briefing_opening_comes_before_its_first_heading(briefing):
    assert briefing[0].section == "(introduction)"
    assert "February 2024" in briefing[0].text


def test_briefing_has_all_five_commitments_in_order(briefing):
    order = [c.commitment for c in briefing if c.commitment is not None]
    assert list(dict.fromkeys(order)) == [1, 2, 3, 4, 5]
    for chunk in briefing:
        if chunk.commitment:
            assert chunk.commitment_title == COMMITMENTS[chunk.commitment]
            assert chunk.section.startswith(f"Commitment {chunk.commitment}: {COMMITMENTS[chunk.commitment]}")


@pytest.mark.parametrize(
    "phrase, commitment",
    [
        ("Every £1 spent on healthcare returns £4", 1),
        ("maintenance backlog which now stands at around £12bn", 2),
        # Commitments 3 and 4 have no heading in the extracted text.
        ("People are the backbone of the NHS", 3),
        ("almost half of all staff often or always feel worn out", 3),
        ("Continue implementation of the Messenger report", 3),
        ("By delivering the NHS long term workforce plan", 3),
        ("Supporting the right cultures and enabling the right behaviours", 4),
        ("NHS IMPACT", 4),
        ("Promote the benefits of and skills for evidence-based decision making", 4),
        ("Agree a definition of parity of esteem for mental health", 5),
    ],
)
def test_briefing_text_is_filed_under_the_right_commitment(briefing, phrase, commitment):
    assert chunk_with(briefing, phrase).commitment == commitment


def test_actions_lists_are_a_subsection_and_bullets_stay_whole(briefing):
    source = (BUNDLED_CORPUS / "a-picture-of-health.txt").read_text()
    bullets = [line[2:].strip() for line in source.splitlines() if line.startswith("- ")]
    for bullet in bullets:
        assert any(bullet in chunk.text for chunk in briefing), bullet
    actions = [c for c in briefing if c.subsection == "The actions we must take together"]
    assert {c.commitment for c in actions} == {1, 2, 3, 4, 5}
    assert all(line.startswith("- ") for c in actions for line in c.text.splitlines())


def test_closing_statement_stays_with_its_commitment_and_outside_the_actions(briefing):
    closing = chunk_with(briefing, "we will create the capacity and capability")
    assert closing.commitment == 3 and closing.subsection is None
    assert closing.text.startswith("By delivering the NHS long term workforce plan")


def test_no_chunk_spans_two_commitments(briefing):
    for chunk in briefing:
        assert len(re.findall(r"\bwe will (?:ensure|improve|create|support)\b", chunk.text)) <= 1


def test_summary_commitments_are_numbered_officially_despite_page_order():
    chunks = read("a-picture-of-health-summary.txt")[1]
    assert [c.commitment for c in chunks if c.commitment] == [2, 1, 4, 3, 5]
    assert chunk_with(chunks, "By meeting more patient needs").commitment_title == COMMITMENTS[5]
    assert not any("- NHS Providers 2024" in c.text for c in chunks)  # bold markup is not a bullet


def test_oxfordshire_chapters_one_to_seven(oxfordshire):
    chapter_sections = {
        c.chapter: c.section for c in oxfordshire if c.section_path[-1:] and c.section_path[-1].startswith("Chapter")
    }
    assert sorted(chapter_sections) == [1, 2, 3, 4, 5, 6, 7]
    assert chapter_sections[6] == "2. Overview of the Long Term Plan › Chapter 6: The 3.4% five-year funding settlement"
    assert chunk_with(oxfordshire, "HPV vaccination for boys").chapter == 3
    assert chunk_with(oxfordshire, "Integrated Care Systems will cover the whole country by April 2021").chapter == 7


@pytest.mark.parametrize(
    "paragraph, page, chapter, phrase",
    [
        ("2.18", 37, 2, "healthy NHS premises"),
        ("2.19", 37, 2, "varies between medical schools"),  # continues after a column break
        ("2.9", 35, 2, "smoke-free society"),  # page given only after 2.11
        ("2.10", 35, 2, "expectant mothers"),
        ("2.11", 35, 2, "switch to e-cigarettes"),
        ("3.105", 72, 3, "reducing suicides"),
        ("1.43", 26, 1, "smart inhalers"),
        ("2.21", 38, 2, "air pollution"),
        ("3.43", 54, 3, "childhood immunisation"),
        ("3.68", 62, 3, "Familial Hypercholesterolaemia"),
        ("5.12", 93, 5, "'red book'"),
        ("1.51", 29, 1, "streamlined commissioning arrangements"),
    ],
)
def test_oxfordshire_quotes_long_term_plan_paragraphs_with_pages(oxfordshire, paragraph, page, chapter, phrase):
    chunk = chunk_with(oxfordshire, phrase)
    assert (chunk.paragraph, chunk.page, chunk.chapter) == (paragraph, page, chapter)
    assert chunk.text.lstrip("- ").startswith(paragraph)


def test_oxfordshire_board_priorities_are_sections(oxfordshire):
    healthy_eating = chunk_with(oxfordshire, "healthy NHS premises")
    assert healthy_eating.section_path == [
        "3. How does the NHS Long Term Plan link with the Priorities of the Health Improvement Board?",
        "Keeping Yourself Healthy / Prevent",
        "Enable people to eat healthily",
    ]
    assert healthy_eating.subsection == "Enable people to eat healthily"
    assert chunk_with(oxfordshire, "No specific mention in the Long Term Plan").section.endswith("Promote Physical Activity")
    assert chunk_with(oxfordshire, "No mention in the long term plan").section.endswith("Domestic abuse")
    assert chunk_with(oxfordshire, "Val Messenger").section.startswith("4. Conclusions")
    assert chunk_with(oxfordshire, "150,000 heart attacks").section_path[0] == "Annex 1 The NHS Long Term Plan – a summary"


def test_no_chunk_spans_two_numbered_paragraphs(oxfordshire):
    for chunk in oxfordshire:
        numbers = re.findall(r"(?:^|[.)] |\n- )(\d\.\d{1,3})\.?\s+[A-Z]", chunk.text)
        assert len(numbers) <= 1, (chunk.text[:200], numbers)


def test_long_term_plan_summary_maps_its_five_ways_to_chapters():
    chunks = read("nhs-long-term-plan-summary.txt")[1]
    assert chunk_with(chunks, "Doing things differently").chapter == 1
    assert chunk_with(chunks, "Backing our workforce").chapter == 4
    assert chunk_with(chunks, "Making better use of data and digital technology").chapter == 5
    assert chunk_with(chunks, "Getting the most out of taxpayers").chapter == 6


@pytest.mark.parametrize(
    "name, furniture",
    [
        (
            "nhs-long-term-plan-summary.txt",
            [
                "Our Latest Tweets",
                "Hide this section",
                "Show accessibility tools",
                "View on Twitter",
                ".JPG",
                "Join the conversation",
            ],
        ),
        (
            "nhe-next-generation-nhs-article.txt",
            ["podcast", "Online Conference", "CPD accredited", "More articles", "Image credit", "Steve Gulati", "depicting"],
        ),
        ("oxfordshire-hib-long-term-plan-paper.txt", ["Join the conversation", "HIB Priority | NHS Long Term Plan objective"]),
    ],
)
def test_page_furniture_is_not_citable(name, furniture):
    text = "\n".join(chunk.text for chunk in read(name)[1])
    for phrase in furniture:
        assert phrase.lower() not in text.lower(), phrase


def test_news_article_keeps_its_reporting():
    chunks = read("nhe-next-generation-nhs-article.txt")[1]
    text = "\n".join(chunk.text for chunk in chunks)
    assert "Sir Julian Hartley" in text
    assert "Messenger report" in text
    assert {chunk.section for chunk in chunks} == {"(full text)"}
