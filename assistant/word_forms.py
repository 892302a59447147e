"""Word forms the answerability check compares: two stems of one word, and
whether a word describes or acts rather than names."""

from __future__ import annotations

import re
from collections.abc import Collection

from vectorstore.keyword import tokens


def stem_of(word: str) -> str:
    """The word as the index stores it ("networks" -> "network"); the word
    itself, lower-cased, when the index keeps no term for it."""
    found = tokens(word)
    return found[0] if found else word.lower()


# Irregular verb forms, by their base: no suffix rule joins "kept" to "keep". Not "left", which is
# as often "left behind" or "what is left" as a form of "leave".
_IRREGULAR = {
    form: base
    for base, forms in (
        ("keep", "kept"),
        ("meet", "met"),
        ("lead", "led"),
        ("pay", "paid"),
        ("spend", "spent"),
        ("build", "built"),
        ("bring", "brought"),
        ("buy", "bought"),
        ("teach", "taught"),
        ("think", "thought"),
        ("seek", "sought"),
        ("tell", "told"),
        ("sale", "sell sells selling sold"),  # "drinks sold": "the sale of drinks"
        ("win", "won"),
        ("lose", "lost"),
        ("feel", "felt"),
        ("find", "found"),
        ("give", "gave given"),
        ("take", "took taken"),
        ("begin", "began begun"),
        ("grow", "grew grown"),
        ("rise", "rose risen"),
        ("fall", "fell fallen"),
        ("choose", "chose chosen"),
        ("write", "wrote written"),
        ("draw", "drew drawn"),
        ("run", "ran"),
        ("hold", "held"),
        ("send", "sent"),
        ("make", "made"),
        ("say", "said"),
        ("see", "saw seen"),
        ("go", "went gone"),
        ("know", "knew known"),
        ("show", "shown"),
        ("drive", "drove driven"),
        ("speak", "spoke spoken"),
        ("understand", "understood"),
    )
    for form in forms.split()
}


# Ordinals by the number they count ("fourth" is found where a text says "priority number four"). Not
# "first" or "second", which as often mean "earliest" or a moment.
_ORDINALS = {
    ordinal: number
    for number, ordinal in (
        ("three", "third"),
        ("four", "fourth"),
        ("five", "fifth"),
        ("six", "sixth"),
        ("seven", "seventh"),
        ("eight", "eighth"),
        ("nine", "ninth"),
        ("ten", "tenth"),
        ("twelve", "twelfth"),
    )
}


def base_form(word: str) -> str:
    """The base of an irregular verb form ("kept" -> "keep") or the number an
    ordinal counts ("fifth" -> "five"); any other word as it is."""
    word = word.lower()
    return _IRREGULAR.get(word, _ORDINALS.get(word, word))


def same_word(a: str, b: str) -> bool:
    """Two stems of one word ("sal"/"sale", "identifi"/"identify", "kept"/"keep")."""
    a, b = base_form(a), base_form(b)
    if a == b or f"{a}ness" == b or f"{b}ness" == a:  # "homeless" / "homelessness"
        return True
    shorter = min(len(a), len(b))
    if shorter < 3 or a[0] != b[0]:
        return False
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), shorter)
    if shorter <= 4:  # a short stem must be whole: "plac" is not "plan"
        return common == shorter and abs(len(a) - len(b)) <= 3
    return common >= 3 and common >= shorter - 1 and abs(len(a) - len(b)) <= 3


def has_form(term: str, terms: Collection[str]) -> bool:
    """Whether ``terms`` has the term or another stem of its word."""
    return term in terms or any(same_word(term, other) for other in terms)


_DESCRIBING = re.compile(r"(?:ous|al|ic|ive|ful|less|able|ible|ly|ing|ed)$")
# Comparatives and superlatives of common adjectives: "harder", "easiest", "worse".
_COMPARING = re.compile(
    r"^(?:better|best|worse|worst|(?:hard|eas|bigg|small|fast|slow|high|low|long|short|great|larg|strong|weak|cheap|saf"
    r"|healthi|wid|old|young|earli|lat|quick|clos|simpl|tough|rich|poor|busi|sick|fitt|happi|wealthi|dear)(?:er|est))$"
)


# Words ending like a superlative that are nouns or verbs: "the interest", "the request".
_NOT_SUPERLATIVES = frozenset(
    "interest forest request protest harvest contest arrest suggest invest digest manifest conquest honest modest "
    "earnest priest guest chest quest".split()
)
_AUXILIARY = "will|would|should|can|could|may|might|must|did|does|do"
# What a question calls a document ("the plan", "the news piece"), as a regex alternation.
DOCUMENT_NOUNS = "plan|paper|report|briefing|article|document|strategy|summary|piece|story|framework|review"
# The subject of a question's clause: a name ("NHS Providers"), a document ("the plan") or the government.
_SUBJECT = (
    r"(?:(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*(?:\s+[a-z]+s)?"  # "NHS Providers", "NHS leaders"
    rf"|(?i:{DOCUMENT_NOUNS}|government))"
)


def describes(word: str, question: str) -> bool:
    """Whether a word the documents never use describes or acts rather than
    names: "dangerous", "fiscal", "celebrating", "harder", or a verb after "will",
    "to", "did" ("what will replace …") or a pronoun ("when they raise …"). Such a word is the question's way
    of putting it; its weight still counts against coverage, but it is not
    what the documents lack. A noun ("salary", "turnout") is."""
    if _DESCRIBING.search(word.lower()) or _COMPARING.match(word.lower()):
        return True
    superlative = word.lower().endswith("est") and len(word) >= 6 and word.lower() not in _NOT_SUPERLATIVES
    if superlative and re.search(rf"\bthe\s+{re.escape(word)}\b", question, re.I):
        return True  # "the deepest effect"
    if re.search(rf"\b(?:{_AUXILIARY}|to|they|we|you|i|he|she|it)\s+{re.escape(word)}\b", question, re.I):
        return True
    # "What does the Long Term Plan promise", "what will the report recommend": the word after its subject is its verb.
    return bool(re.search(rf"\b(?i:{_AUXILIARY})\s+(?:(?i:the|this|its)\s+)?{_SUBJECT}\s+{re.escape(word)}\b", question))


# Words for people: what a number counting "people" may be followed by, and whom "how many … are waiting" counts.
PERSON_NOUNS = (
    "people persons patients staff women men children adults carers workers nurses doctors gps individuals "
    "residents users members employees mothers families smokers sleepers"
).split()

# Numbers written as words, for reading "commitment five" and "three big truths".
CARDINALS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
