"""What a question asks for: its content terms, and the kind of answer it
wants (a date, a figure, a list)."""

from __future__ import annotations

import re

from vectorstore.keyword import tokens

# Words that frame a question rather than name its subject: "what does X
# *say* about Y", "which *paragraph* *deals* with Z". A question is declined
# when the passages lack its subject words, so these must not count as such.
_FRAME_WORDS = frozenset(
    """say says mean means cover covers call calls propose proposes describe explain tell happen happens
    talk mention mentions paragraph para document documents passage passages please know deal deals dealt
    handle handles address addresses regard regarding concern concerning relate relates involve involves
    want wants expect expected give gives make makes get gets go going main key big large much many
    important kind sort type way ways thing things anything something overall exactly specifically really
    ask asks asked according list listed news article paper briefing wrote write written goes went gone act acts
    become becomes took take takes put puts every each made done within besides apart aside also set sets outline outlines
    generate generates produce produces bring brings come comes came yield yields hold holds held
    approximately roughly around about exactly precisely else lie lies behind sit sits story stories name names named
    basis grounds whose try tries tried trying attempt attempts attempted seek seeks sought hope hopes hoped
    intend intends intended feel feels felt seem seems seemed among amongst towards toward upon via despite
    must might shall tend tends tended lot lots able unable contrast contrasts contrasted compare compares compared
    like never ever otherwise include includes included including let lets letting promise promises pledge
    pledges""".split()
)
ASKS_DATE = re.compile(r"\b(?:when|by when|what year|which year|deadline|date|how soon|timescale|timetable)\b", re.I)
ASKS_FIGURE = re.compile(
    r"\b(?:how much|how many|what percentage|what proportion|how big|how large|cost|£|figure|amount|rate|size)\b", re.I
)
ASKS_LIST = re.compile(r"\b(?:actions|steps|list|what are|which are|priorities|measures|examples|includes?)\b", re.I)


_FRAME_TERMS = _FRAME_WORDS | {term for word in _FRAME_WORDS for term in tokens(word)}


# Phrasal verbs whose words are all frame or stop words, in the word documents use for them:
# "when did the plan come out" asks when it was published.
_PHRASAL_VERBS = (
    (re.compile(r"\b(?:come|comes|came|coming)\s+out\b", re.I), "published"),
    (re.compile(r"\b(?:carry|carries|carried|carrying)\s+on\b", re.I), "continue"),
    (re.compile(r"\b(?:bring|brings|brought|bringing)\s+down\b", re.I), "reduced"),
    (re.compile(r"\bprice\s+tags?\b", re.I), "cost"),
    (re.compile(r"\b(?:make|makes|made|making)\s+sure\b", re.I), "ensure"),
    (re.compile(r"\b(?:stand|stands)\s+to\b", re.I), "will"),  # "stand to benefit"
    (re.compile(r"\b(?:no|any)\s+longer\b", re.I), "not"),  # "no longer be treated as": not, not a length
    (re.compile(r"\bworth\s+(?:the\s+)?(?:money|investment|spending|it)\b", re.I), "investment"),  # "worth the money"
    (re.compile(r"\b(?:do|does|did|doing)\s+away\s+with\b|\b(?:get|gets|got|getting)\s+rid\s+of\b", re.I), "remove"),
)


def plain_verbs(question: str) -> str:
    """The question with its phrasal verbs in the documents' words."""
    for phrasal, verb in _PHRASAL_VERBS:
        question = phrasal.sub(verb, question)
    return question


# What the index makes of an ordinal's ending ("70th" -> "70", "th"): no word of the subject.
_ORDINAL_ENDINGS = frozenset({"st", "nd", "rd", "th"})


def question_terms(question: str) -> list[str]:
    """The terms a passage must contain to be about the question."""
    # A lone letter is what is left of a possessive ("commitment 2's"), not a word of the subject.
    return [
        term
        for term in tokens(plain_verbs(question))
        if term not in _FRAME_TERMS | _ORDINAL_ENDINGS and not (len(term) == 1 and term.isalpha())
    ]
