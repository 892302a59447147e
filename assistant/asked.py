"""What a question asks for: its parts, each part's kind, the kind of answer
that would satisfy it (its *slot*), its subject terms and the names it uses.

"How big is the maintenance backlog and by when will it be cleared?" has two
parts: an amount about the maintenance backlog, and a date for clearing it.
An answer *answers* a part only when one of its sentences is about that
part's subject and holds something of the right kind: a person or body for
"who", a date for "when", a sum of money for "how much … cost", a number for
"how many", a length of time for "how long". ``answerability`` applies that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from vectorstore.keyword import tokens
from vectorstore.scope import named_item, named_paragraph

from .question import plain_verbs, question_terms
from .slots import SLOTS
from .word_forms import DOCUMENT_NOUNS, PERSON_NOUNS, stem_of

# "Which (political) party …", "which Oxfordshire town …": a kind of body or place the answer
# names, perhaps after one word that qualifies it, but not after a verb ("what are people …").
_AUXILIARIES = frozenset("is are was were do does did will would should could can has have had must may might".split())
_PREPOSITIONS = frozenset("of for in on to by at from with".split())
# A qualifier is no verb: not an auxiliary, and not a lower-case word ending in one "s" ("what leaves trusts …").
_QUALIFIER = rf"(?:(?!(?:{'|'.join(sorted(_AUXILIARIES))})\s)(?![a-z]*[^s\W]s\s)[a-z]+ )?"
_TYPED_WHO = re.compile(
    rf"\b(?:which|what) {_QUALIFIER}(organisation|organization|body|bodies|charity|charities|minister|person|people|journalist"
    r"|group|trust|company|companies|team|official|office|author|party|parties|union|firm|supplier|university|universities"
    r"|school|college|council|department|agency|agencies|regulator|partner|developer|employer)s?\b"
    r"(?!\s+(?:of|with)\b)",  # "which group of patients", "groups with low participation": people, not a body
    re.IGNORECASE,
)
_TYPED_WHERE = re.compile(
    rf"\b(?:which|what) {_QUALIFIER}(area|region|city|cities|town|place|country|countries|location|hospital|site)s?\b"
    r"(?!\s+of\b)",  # "which areas of life" is no place
    re.IGNORECASE,
)
# The answer kinds. A part's kind is that of its earliest question phrase
# ("How many strokes are averted *when* …" asks how many); at the same
# place, the first kind listed wins ("how many years" is a duration).
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("how_often", r"\bhow (?:often|frequently)\b"),
        (
            "duration",
            r"\b(?:how long|for how long|how old|how many (?:years|months|weeks|days|hours|minutes)|what duration"
            r"|how much (?:longer|shorter|earlier|sooner|later|younger|older|time)"
            r"|(?:over |for )?(?:what|which) (?:period|timeframe|time frame|timescale|time span|length of time))\b",
        ),
        (
            "when",
            r"\b(?:(?:by |until |since )?when|(?:in |by |since |until |on )?(?:what|which) (?:year|date|month|time|day)|deadline"
            r"|what(?:'s|\s+is|\s+was) the date"
            r"|how soon|timescale|timetable)\b",
        ),
        (
            "how_much",
            r"\b(?:(?:by )?how (?:much|far)|(?:what|which) (?:percentage|proportion|share|fraction|rate|amount|sum)"
            r"|how big|how large|how high|what size)\b",
        ),
        ("how_many", r"\b(?:how many|what number of|what is the number)\b"),
        (
            "who",
            r"\b(?:who|whom|whose)\b",
        ),
        (
            "where",
            r"\bwhere\b",
        ),
        (
            "list",
            r"\b(?:what are the|which are the|list|name the|what (?:actions|steps|measures|priorities|commitments)"
            r"|what are (?:[\w']+\s+){1,3}?(?:actions|steps|measures|priorities|commitments|recommendations|objectives)\b"
            r"|what (?:does|do|did|will) .{1,80}? include|what is included in"
            # "Which alcohol services does the HIB paper list?": the list, not one service
            r"|^\W*which .{1,80}? (?:does|do|did) .{1,80}? (?:list|include)(?=\W*$))\b",
        ),
        ("why", r"\bwhy\b"),
        (
            "about",
            r"\bwhat (?:do|does|did) .{1,120}? (?:say|said|says|propose|recommend|want|think|suggest|promise|pledge)(?: \w+)?"
            r" (?:about|on|regarding)\b",
        ),
        (
            "which",
            r"\b(?:which|what)\s+(?!is\b|are\b|was\b|were\b|do\b|does\b|did\b|will\b|would\b|should\b|can\b|could\b"
            r"|has\b|have\b|must\b|a\b|an\b|the\b)\w+",
        ),
        ("how", r"\bhow\b"),
        ("yes_no", r"^\W*(?:and\s+)?(?:is|are|was|were|does|do|did|will|would|can|could|should|has|have|had)\b"),
    )
)

_ORDER = {kind: order for order, (kind, _) in enumerate(_KINDS)}
# Words that follow a kind word without being a noun it qualifies: "which town is …", "which body in …".
_FUNCTION_WORDS = _AUXILIARIES | _PREPOSITIONS | frozenset("that which who whose where when and or but not".split())

# Past tenses without "-ed", which after a kind word make it the subject: "which company built …".
_IRREGULAR_PAST = frozenset(
    "built made led ran won set put took gave wrote paid sent began brought bought said told held kept left met got found "
    "chose sold spent lost became grew drew saw came went oversaw undertook".split()
)

# The kind of thing that answers each kind, in words for a reply.
SLOT_WORDS = {
    "date": "a date",
    "money": "a sum of money",
    "percent": "a percentage or share",
    "count": "a number",
    "amount": "a figure",
    "outcome": "a result",
    "duration": "a length of time",
    "frequency": "how often",
    "agent": "a person or organisation",
    "place": "a place",
    "section": "a part of the document",
    "expansion": "what it stands for",
}
# "What does CDEL stand for?", "what is FH short for?": the words an acronym is made of.
_ASKS_EXPANSION = re.compile(r"\b(?:stands?|short)\s+for\b|\b(?:acronym|abbreviation)\b", re.IGNORECASE)
# Attribute nouns that say what kind of answer "what is X's …" wants.
_MONEY_WORDS = frozenset(
    "money cost costs costing spend spent spending budget budgets salary salaries pay paid wage wages price prices "
    "funding fund funded worth invest invested investment cash pounds".split()
)
# Nouns that name a sum of money when a "what" question asks for them ("what is X's salary?").
_PRICE_WORDS = frozenset("cost costs price prices budget budgets salary salaries wage wages pay paid fee fees".split())
# Money words that name what is measured ("the NHS budget", "a salary"), not
# merely that a sum is wanted: they stay subject terms.
_MEASURED_MONEY = frozenset("budget budgets salary salaries wage wages fee fees price prices".split())
# "Pay" as the noun a change or an award is of ("a pay rise", "the pay award"), not the verb ("pay for").
_PAY_NOUN = re.compile(r"\bpay\s+(?:rise|increase|award|cut|deal|settlement|freeze|offer|uplift)s?\b", re.IGNORECASE)
_PERCENT_WORDS = frozenset("percentage percent proportion share fraction rate".split())
# "What is the number of …" asks for a count; "what should be done with the number of beds" asks for an action.
_ASKS_NUMBER = re.compile(
    r"\b(?:what|which)(?:'s|\s+(?:is|was|are|were|will be|would be))?\s+(?:the\s+)?(?:\w+\s+)?numbers?\s+of\b", re.I
)
# The noun a "which" or "what" asks for: "spending on which *services*".
_ASKED_NOUN = re.compile(rf"\b(?:which|what)\s+(?!(?:{'|'.join(sorted(_AUXILIARIES))})\b)([a-z]+)\b", re.IGNORECASE)
# "From what age", "at which ages": an age is a number, given bare ("from 60 to 50") or "aged 12 and 13".
_ASKS_AGE = re.compile(r"\b(?:what|which) ages?\b", re.IGNORECASE)
# Words that only say what kind of answer is wanted; the slot stands for them.
_SLOT_ONLY = frozenset(
    "year years date dates month months time deadline long soon figure amount sum size number percentage percent "
    "proportion share fraction money total many much big large high last lasted lasting often frequently far due period periods timeframe timescale span old "
    "stand stands short acronym abbreviation".split()
)
# Words asking what came of something: a result, not a mention, answers them.
_OUTCOME_WORDS = frozenset(
    "result results outcome outcomes conclude concluded conclusion conclusions findings achieve achieved achievement "
    "achievements show showed reveal revealed respond responded response reaction react reacted save saved saves savings".split()
)
# What "in the Long Term Plan" or "in the Operating Framework" is in: a document or a body, not a place.
_NOT_PLACES = frozenset(
    "plan plans strategy report paper papers programme framework act board trust service services team teams system "
    "systems scheme summary briefing review article document constitution survey".split()
)
_NOT_PLACE_WORDS = "|".join(sorted(_NOT_PLACES))
_ASKS_CAUSE = re.compile(
    # "what is pushing up the rate", "which events have pushed up the rate", "what drives the rate"
    r"\b(?:what|which)\s+(?:\w+\s+)?(?:(?:is|are|was|were|has|have|had|will|would|could|might)\s+(?:been\s+)?)?"
    r"(?!is\b|are\b|was\b|were\b|does\b|has\b|this\b|its\b)(?!being\b)\w+(?:ing|ed|es|s)\s+(?:up\s+|down\s+)?"
    r"(?:the|a|an|this|these|those|more|less|it|them)\b",
    re.I,
)
# What has happened by now, as opposed to what is planned.
# "Which places have received a Quality Mark": what has come about, which a plan to award one does not say.
_DONE = re.compile(
    r"\b(?:have|has)\s+(?:\w+\s+)?(?:received|been awarded|been given|won|completed|been completed|been built|been opened"
    r"|opened|been set up|been established)\b"
    # "Has the Messenger report been fully implemented?": whether it is done, not what is to be done
    r"|\b(?:have|has)\b[^?]{1,60}?\bbeen\s+(?:fully\s+|already\s+|successfully\s+)?(?:implemented|completed|delivered"
    r"|achieved|met|finished|introduced|rolled out|carried out|adopted)\b",
    re.IGNORECASE,
)
SO_FAR = re.compile(
    r"\b(?:already|so far|to date|until now|thus far|up to now|currently|at present|today|nowadays|now)\b", re.IGNORECASE
)
# "Which research networks does the briefing name?": bodies or schemes asked for by their names.
_NAMES_ASKED = re.compile(
    r"^\W*which\s+(?:[\w'-]+\s+){0,3}?(organi[sz]ations|bodies|charities|companies|firms|networks|groups|partners"
    r"|partnerships|universities|colleges|unions|agencies|programmes|schemes|initiatives)\s+(?:does|do|did)\b.*\bname\W*$",
    re.IGNORECASE,
)
# "The most funding", "the largest share", "the biggest": what ranks first among several.
RANKED = re.compile(r"\bthe\s+(?:most|least|largest|biggest|highest|lowest|greatest|smallest|fewest)\b", re.IGNORECASE)
# What was so before someone's present post or body ("before joining", "before NHS Providers"), not a
# deadline ("before April 2019", "before the election").
EARLIER = re.compile(
    r"\b(?:previously|formerly|used to|former)\b|\b(?:[Bb]efore|[Pp]rior to)\s+(?:(?:joining|becoming|taking|moving|working"
    r"|running|leading|heading)\b|(?!(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b)[A-Z])"
)
# "How does Sir Julian Hartley describe …", "what does NHS Providers call …": a named speaker.
_DESCRIBED_BY = re.compile(
    r"\b(?i:how|what) (?i:does|did|do) ((?:[A-Z][\w'’-]*\s+)+)(?i:describe|describes|see|view|characteri[sz]e|call|say)\b"
)
# "What role will X play", "what part does X play in …": the words only ask what X does.
_ROLE_PLAYED = re.compile(
    r"\bwhat (?:\w+\s+)?(?:role|part)s? (?:will|does|do|did|should|could|would|can|is|are|might) .{1,80}? play", re.I
)
_ROLE_TERMS = frozenset(tokens("role roles part parts play plays"))
# "What did Board members say about …", "what did the submissions call for": people's words asked for.
_SPEECH = re.compile(
    r"\bwhat (?:did|have|has|had) ((?:[\w'’,-]+\s+){0,8}?[\w'’-]+) (?:say|said|call(?:ed)? for|ask(?:ed)? for|urge|urged"
    r"|recommend|recommended|propose|proposed|argue|argued|suggest|suggested|demand|demanded|comment|commented"
    r"|warn|warned|think|thought|tell|told)\b",
    re.IGNORECASE,
)
# "What did Age UK find out": what came of a piece of work, which a plan for it does not say.
_FINDING_WORDS = frozenset("find found learn learnt learned discover discovered decide decided".split())
_SOURCE_ASKED = re.compile(r"\bwhere (?:does|do|did|will|would|should) .{1,80}? (?:come|came|comes|coming) from\b", re.I)
_FOUND = re.compile(rf"\bwhat (?:did|have|has) .{{1,60}}? (?:{'|'.join(sorted(_FINDING_WORDS))})\b", re.IGNORECASE)
_FUTURE = frozenset("will would could should might may can".split())  # "what will X achieve?" asks for an aim
# The same as stemmed terms, which is how a question's terms are compared ("figure" -> "figur").
_SLOT_ONLY_TERMS = _SLOT_ONLY | {term for word in _SLOT_ONLY for term in tokens(word)}
_NAME = re.compile(r"\b(?:[A-Z][\w'’&-]*|[A-Z]{2,}\w*)(?:\s+(?:of|for|and|the|on|in)?\s*(?:[A-Z][\w'’&-]*|[A-Z]{2,}\w*))*")
_NOT_NAMES = frozenset(
    "What Which Who Whom Whose When Where Why How Is Are Was Were Does Do Did Will Would Can Could Should Has Have Had "
    "And But Also So Then The A An In On By For Of To According Since Until If I Tell Give List Name Please".split()
)
_PARTS = re.compile(
    r"(?:,\s*|\s+)(?:and|but)\s+(?=(?:by |in |for |until |since |to )?(?:when|what|how|who|whom|whose|which|where|why)\b)"
    r"|;\s*|\?\s+(?=\S)",
    re.IGNORECASE,
)
_COUNTED_DOING = re.compile(
    rf"\bhow many (?:more |extra |additional )?(?:{'|'.join(PERSON_NOUNS)})"
    r"\s+(?:(?:are|is|were|was|will|be|been|currently|now|still|already)\s+)+([a-z]+ing)\b",
    re.IGNORECASE,
)
_MEASURED = re.compile(
    # "how many of the 2,500 submissions …": the submissions are counted, the figure is the question's own
    r"\b(?:how many(?:\s+of(?:\s+(?:the|these|those|their|its|all))?(?:\s+\d[\d,.]*)?)?|(?:what|which) (?:share|proportion|percentage|fraction|number|amount|sum|rate|size)\s+of(?:\s+the)?"
    r"|(?:what|which) is the(?:\s+(?:total|likely|estimated|overall))*\s+(?:cost|price|bill) of(?:\s+the)?"
    r"|(?:what|which) is the(?:\s+(?:total|annual|yearly|overall))*|how old (?:is|are)(?:\s+the)?(?:\s+average)?"
    r"|how (?:much|big|large) (?:is|are|was|were)(?:\s+the)?|how much of(?:\s+the)?"
    r"|how much (?:will|would|does|did|do|could|might|should)(?=\s+(?:the\s+)?(?:[\w'-]+\s+){1,6}?cost\b)(?:\s+the)?"
    # "by how many will outpatient appointments fall": the appointments are counted
    r"|by how many (?:will|would|does|did|do|could|might|should|has|have|had|are|is|were|was)(?:\s+the)?"
    # "how much extra funding will adult mental health services get": the services are what the sum is for
    r"|how much (?:(?:extra|more|additional|new)\s+)?(?:funding|money|investment|cash) (?:will|would|does|did|do|has|have)(?:\s+the)?"
    r"(?=\s+(?:[\w'-]+\s+){1,5}?(?:get|gets|got|receive|receives|received)\b))"
    r"\s+((?:[\w'-]+\s+){0,3}[\w'-]+)",
    re.IGNORECASE,
)
_AUTHORSHIP = re.compile(
    r"\b(?:wrote|write|written|writes|authors?|authored|drafted|prepared|compiled|signed|signator(?:y|ies))\b", re.IGNORECASE
)
# "Who are the authors of X": what is asked, in words no signature uses.
_AUTHOR_TERMS = frozenset(tokens("author authors signed signatory signatories"))
_WHERE_IN_DOCUMENT = re.compile(rf"\bwhere in (?:the|this|that|its)\b[^?]*?\b(?:{DOCUMENT_NOUNS})\b", re.I)
_LIMIT = re.compile(
    r"\bwhat(?:'s|\s+is|\s+was|\s+are)?\s+(?:the\s+)?((?:[\w-]+,?\s+){0,4})(?:limit|cap|ceiling|threshold|targets?)\b(?!\s+(?:on|to)\b)",
    re.I,
)
_QUANTITY = re.compile(r"\b(?:total|overall|annual|yearly|level of|amount of|size of)\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"\baccording to\s+((?:the\s+)?[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*)")
# "…, according to the news piece": the source a question cites, whose words say nothing of what is asked.
_SOURCE = re.compile(r"\baccording to\s+[^,;?!]+", re.IGNORECASE)
# "What does the Long Term Plan promise …", "which … does commitment 3 single out": what a document,
# or a part of one, does is say; its verb is no subject term.
# Being published is something that happens to it ("when did the plan come out").
_DOCUMENT_VERB = re.compile(
    r"(\b(?:does|do|did|will|would)\s+(?:the\s+|this\s+|its\s+)?(?:[\w'’-]+\s+){0,4}?"
    rf"(?:{DOCUMENT_NOUNS}|(?:commitment|chapter|priority|section)\s+\d+))\s+(?!publish|releas|launch)[a-z]+\b",
    re.IGNORECASE,
)
_PHRASE_ENDS = _AUXILIARIES | _PREPOSITIONS | frozenset("the a an that this there".split())
_LEANING = frozenset("it its they them their this that these those he she his her him there".split())


@dataclass(frozen=True)
class Asked:
    """One part of a question: what it asks for and about what."""

    text: str
    kind: str
    slot: str | None  # a key of SLOT_WORDS, or None when any statement about the subject answers
    terms: tuple[str, ...]  # stemmed subject terms an answer must be about
    names: tuple[str, ...]  # proper names as the question writes them
    spelled: tuple[tuple[str, str], ...] = ()  # (term, the word as the question writes it)
    subject: str = ""  # what the part is about, in the question's words, for replies
    type_term: str | None = None  # "body" in "which body …": the slot stands for it when the documents use the word
    # What a figure counts or measures: "engagement events" in "how many engagement
    # events …", "NHS budget" in "what share of the NHS budget …"; what a result is about.
    measured: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # names that place what is asked: "Oxfordshire" in "how many … in Oxfordshire?"
    # The words right after "who": what the person or body does or is ("leads", "chief executive").
    role: tuple[str, ...] = ()
    # Asks what has happened so far ("how many have already been built"): a plan does not answer it.
    so_far: bool = False
    # Asks what was so before ("what job did X hold before joining Y"): a sentence about now does not answer it.
    earlier: bool = False
    # The role is an office ("who is the chair"): only its own word names it, not a neighbour ("chief").
    office: bool = False
    # Asks who wrote something: a signature or "written by" answers, not any body named beside it.
    authorship: bool = False
    # The terms of a condition ("… rise if staff wellbeing improved"): the figure must be the one under it.
    condition: tuple[str, ...] = ()
    # The framework item or numbered paragraph the question names ("pledge 2" -> ("pledge", 2);
    # "paragraph 2.18"): its passages are about it, and the words that name it and its document
    # are theirs whatever their sentences say.
    item: tuple[str, int] | None = None
    paragraph: str | None = None
    # Names the asked figure or date belongs to ("the Health Improvement Board's next meeting").
    owners: tuple[str, ...] = ()
    # The word before a kind of body ("patient" in "which patient groups"): the body named must be one of that kind.
    kind_qualifier: str | None = None
    # Asks for what ranks first ("which priority has the most funding"): a sentence must rank something.
    ranked: bool = False
    # Asks for a figure per period ("how many … each year"): a total is not it.
    per_period: bool = False
    # Who the part asks the words of ("submissions" in "what did the submissions call for"): a sentence
    # must report them, unless the speaker is the document itself ("what did A picture of health call for").
    reported: tuple[str, ...] = ()

    def word_for(self, term: str) -> str:
        return dict(self.spelled).get(term, term)

    @property
    def wants(self) -> str:
        return SLOT_WORDS.get(self.slot or "", "an answer")


def parse_question(question: str) -> list[Asked]:
    """The parts of ``question``; a part that leans on an earlier one ("by
    when will *it* be cleared?") inherits that part's subject terms."""
    parts: list[Asked] = []
    item, paragraph = named_item(question), named_paragraph(question)
    for text in _split(question):
        part = replace(_asked(text), item=item, paragraph=paragraph)
        if parts and (_leans(text) or len(part.terms) <= 1):
            first = parts[0]
            subject = re.sub(r"\b(?:it|they|this|that|these|those)\b", first.subject, part.subject, count=1)
            part = replace(
                part,
                terms=tuple(dict.fromkeys(first.terms + part.terms)),
                names=tuple(dict.fromkeys(first.names + part.names)),
                spelled=first.spelled + part.spelled,
                subject=subject if subject != part.subject else first.subject,
            )
        parts.append(part)
    return parts or [replace(_asked(question), item=item, paragraph=paragraph)]


def _split(question: str) -> list[str]:
    pieces = [p.strip(" ,;") for p in _PARTS.split(" ".join(question.split())) if re.search(r"[A-Za-z]{2}", p)]
    # "When and where should care be provided?": a bare question word shares the rest of the next part.
    for at in range(len(pieces) - 1):
        bare = re.fullmatch(r"\W*(when|where|who|why|how)\W*", pieces[at], re.IGNORECASE)
        rest = re.match(r"\W*(?:when|where|who|why|how)\b(.*)", pieces[at + 1], re.IGNORECASE | re.DOTALL)
        if bare and rest:
            pieces[at] = bare.group(1) + rest.group(1)
    return [p if p.endswith(("?", ".", "!")) else f"{p}?" for p in pieces]


def _leans(text: str) -> bool:
    return bool(set(re.findall(r"[a-z]+", text.lower())) & _LEANING)


def _asked(text: str) -> Asked:
    kind = _kind_of(text)
    content = _DOCUMENT_VERB.sub(r"\1", _SOURCE.sub(" ", plain_verbs(text)))
    terms = [t for t in question_terms(content) if t.lower() not in _SLOT_ONLY_TERMS]
    if _ROLE_PLAYED.search(text):  # "what role will Healthwatch play": what it will do, in any words
        terms = [t for t in terms if t not in _ROLE_TERMS]
    speaker = _DESCRIBED_BY.search(text)
    if speaker:  # "how does Sir Julian Hartley describe X": his name must be in the passage; X is what to cover
        terms = [t for t in terms if t not in set(tokens(speaker.group(1)))]
    authorship = kind == "who" and bool(_AUTHORSHIP.search(text))
    if authorship:
        terms = [t for t in terms if t not in _AUTHOR_TERMS]
    slot = _slot_of(kind, text)
    typed = _typed(_TYPED_WHO if kind == "who" else _TYPED_WHERE, text) if kind in ("who", "where") else None
    if slot == "outcome":
        terms = [t for t in terms if t not in {stem_of(w) for w in _OUTCOME_WORDS | _FINDING_WORDS}]
    # "What pay rise …": the pay is what the sum is of, as a salary would be.
    pay = ["pay"] if slot == "money" and _PAY_NOUN.search(text) else []
    if slot in ("money", "percent"):  # "what percentage of NHS spending": the spending is what is measured
        kept = set(_measured(text)) if slot == "percent" else set(pay)
        terms = [
            t for t in terms if t in kept or t not in {stem_of(w) for w in (_MONEY_WORDS - _MEASURED_MONEY) | _PERCENT_WORDS}
        ]
    spelled = tuple((found[0], word.lower()) for word in re.findall(r"[A-Za-z][A-Za-z-]+", text) if (found := tokens(word)))
    type_term = next(iter(tokens(typed.group(1))), None) if typed else None
    listed_by_name = _NAMES_ASKED.search(text) if kind == "which" and slot is None else None
    if listed_by_name:  # "which research networks does it name": networks by their names, not "international networks"
        slot, type_term = "agent", next(iter(tokens(listed_by_name.group(1))), None)
    # What a figure or a result is of; a description ("what is the NHS helping to shape") measures nothing.
    measured = tuple(t for t in (_topic(text) if slot == "outcome" else _measured(text) + pay if slot else []) if t in terms)
    # "…, according to NHS Providers": who says it, which the passage need not repeat.
    said_by = {n for match in _ATTRIBUTION.finditer(text) for n in names_in(match.group(1))}
    names = tuple(name for name in names_in(text) if name not in said_by)
    places = tuple(
        name
        for name in names
        # "in Oxfordshire", "covers Oxfordshire", "which / how many Oxfordshire GP practices", but not "in the
        # Oxfordshire paper" nor "in the Long Term Plan"
        if re.search(
            rf"\b(?:in|across|throughout|within|covers?|covering|serves?|serving|[Ww]hich|[Hh]ow many)\s+(?:the\s+)?{re.escape(name)}\b"
            rf"(?!\s+(?:{_NOT_PLACE_WORDS})\b)",
            text,
        )
        and name.split()[-1].lower() not in _NOT_PLACES
    )
    # Light and reporting verbs are no role: "who wrote X" is answered by a signature.
    role_terms, office = _role(text) if kind == "who" else ([], False)
    role = tuple(t for t in role_terms if t in terms)
    return Asked(
        text,
        kind,
        slot,
        tuple(dict.fromkeys(terms)),
        names,
        spelled,
        subject_of(text),
        type_term,
        measured,
        places,
        role,
        so_far=bool(SO_FAR.search(text) or _DONE.search(text)),
        earlier=bool(EARLIER.search(text)),
        office=office,
        authorship=authorship,
        condition=tuple(t for t in _condition(text, slot in ("money", "percent", "amount")) + _doing(text) if t in terms)
        if slot
        else (),
        owners=tuple(name for name in names if re.search(rf"\b{re.escape(name)}['’]s?\s", text)),
        kind_qualifier=_kind_qualifier(typed, terms),
        ranked=bool(RANKED.search(text)),
        per_period=slot in ("count", "money", "amount") and bool(SLOTS["frequency"].search(text)),
        reported=_speaker(text),
    )


def _speaker(text: str) -> tuple[str, ...]:
    """The terms of the people whose words the part asks for ("what did Board members say about …"):
    a document speaks in every sentence, people only where a sentence reports them."""
    speech = _SPEECH.search(text)
    if not speech:
        return ()
    head = speech.group(1).split()[-1]
    if not head.islower() or re.fullmatch(rf"(?:{DOCUMENT_NOUNS})s?|it|they|he|she|you|we", head, re.IGNORECASE):
        return ()  # a named person or body, or a document: either may speak without a verb of saying
    return tuple(tokens(speech.group(1)))


def _kind_qualifier(typed: re.Match[str] | None, terms: list[str]) -> str | None:
    words = typed.group(0).split() if typed else []
    qualifier = next(iter(tokens(words[1])), None) if len(words) == 3 else None
    return qualifier if qualifier in terms else None


def _role(text: str) -> tuple[list[str], bool]:
    """What the person or body asked for does or is, and whether that is an
    office ("who is the chair …") rather than an act ("who leads …"). A
    who-question whose own verb has another subject ("who should the NHS work
    with") asks for no role."""
    after = re.search(
        r"\b(?:who|whom|whose)\s+(?:(is|are|was|were|will|would|should|could|can|must|might|may|shall|has|have|had|did|does|do)\s+)?"
        r"((?:the|a|an|its|their)\s+)?([\w'-]+(?:\s+[\w'-]+)?)",
        text,
        re.IGNORECASE,
    )
    if after is None:
        return [], False
    auxiliary, determiner, words = after.groups()
    copula = (auxiliary or "").lower() in ("is", "are", "was", "were")
    if auxiliary and not copula and (determiner or words[:1].isupper()):
        return [], False
    return [term for word in words.split() for term in tokens(word)], bool(copula and determiner)


def _measured(text: str) -> list[str]:
    """The terms of the phrase a figure question counts or measures, up to its verb."""
    phrase = _MEASURED.search(text)
    if not phrase:
        # "What BMI threshold …", "what is the current CDEL limit": the figure is a BMI, a CDEL.
        limit = _LIMIT.search(text)
        return tokens(limit.group(1)) if limit else []
    words = []
    counting = bool(re.match(r"(?:by )?how many", phrase.group(0), re.IGNORECASE))
    for word in phrase.group(1).split():
        if word.lower() in _PHRASE_ENDS:
            break
        words.append(word)
        if re.search(r"['’]s?$", word):  # "how many people's views": people are counted
            break
        if counting and re.search(r"[^s]s$", word) and len(word) > 3:  # "how many managers work": managers are counted
            break
    return [term for word in words for term in tokens(word)]


def _condition(text: str, sum_asked: bool) -> list[str]:
    """The terms of a condition the question puts on its answer: "staff
    wellbeing improved" in "by how much would productivity rise if staff
    wellbeing improved?", or, for a sum, whom it goes to ("how much … goes to children")."""
    clause = re.search(r"(?<=\w)\s+(?:if|when|once|unless)\s+(.+)", text, re.IGNORECASE)
    if clause is None and sum_asked:
        clause = re.search(r"\b(?:goes|go|went|spent|allocated|earmarked)\s+(?:to|on|towards)\s+(.+)", text, re.IGNORECASE)
    return [term for word in clause.group(1).split() for term in tokens(word)] if clause else []


def _doing(text: str) -> list[str]:
    """What the people counted are doing: "waiting" in "how many people are
    waiting to join X" (people who wait, not the people it has helped)."""
    doing = _COUNTED_DOING.search(text)
    return tokens(doing.group(1)) if doing else []


def _topic(text: str) -> list[str]:
    """What a result is asked about: "staff shortages" in "what did the
    submissions conclude about staff shortages?"."""
    about = re.search(r"\b(?:about|regarding|concerning|on)\s+(.+)", text, re.IGNORECASE)
    return [term for word in about.group(1).split() for term in tokens(word)] if about else []


def _kind_of(text: str) -> str:
    # "What should staff be confident of when they raise …", "what will help ICSs understand where need is
    # greatest": a later bare "when" or "where" opens a clause, not the question.
    opener = re.match(r"^\W*(what|which|who|whom|whose|how|where|why)\b", text, re.IGNORECASE)
    found = [
        (match.start(), order, kind)
        for order, (kind, pattern) in enumerate(_KINDS)
        if (match := pattern.search(text))
        and not (opener and match.start() > opener.end() and match.group(0).lower() in ("when", "where"))
    ]
    for kind, typed in (("who", _TYPED_WHO), ("where", _TYPED_WHERE)):
        if match := _typed(typed, text):
            found.append((match.start(), _ORDER[kind], kind))
    return min(found)[2] if found else "what"


def _typed(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first "which <kind of body or place>" whose kind word heads its
    phrase: "which hospitals offer …" asks for hospitals, "which hospital
    food standards …" for standards. A word after the kind word is its verb
    when the two agree in number ("towns host", "town hosts", "hospital
    opened"); otherwise it is the noun the phrase is about."""
    for match in pattern.finditer(text):
        after = re.match(r"\s+([a-z][a-z'-]*)", text[match.end() :])
        if after is None or after.group(1) in _FUNCTION_WORDS:
            return match
        plural, follower = match.group(0).lower().endswith("s"), after.group(1)
        if any(kinds.fullmatch(f"which {follower}") for kinds in (_TYPED_WHO, _TYPED_WHERE)):
            continue  # "which hospital trusts": the trusts are asked for
        if follower.endswith("ed") or follower in _IRREGULAR_PAST or plural != follower.endswith("s"):
            return match
    return None


def _slot_of(kind: str, text: str) -> str | None:
    # "ability to pay" is a verb: it asks for no sum.
    # "What is being done about pay?": what follows "about" is the topic, not the kind of answer;
    # nor is what "besides economic outcomes" sets aside.
    words = set(
        re.findall(
            r"[a-z]+",
            re.sub(
                r"\bto (?:pay|spend|fund|invest)\b|\b(?:about|regarding|concerning)\b.*"
                r"|\b(?:besides|apart from|other than|as well as|beyond)\b[^,?]*",
                " ",
                text.lower(),
            ),
        )
    )
    if kind in ("what", "which") and _ASKS_EXPANSION.search(text):
        return "expansion"
    if kind in ("what", "which") and _ASKS_CAUSE.search(text):
        return None  # "what is pushing up the rate of …" asks what does it, not the rate
    if kind in ("how_much", "how_many", "what", "which"):
        if kind in ("what", "which") and _ASKS_AGE.search(text):
            return "count"  # "from what age": a number, as in "from 60 currently to 50"
        if words & _PERCENT_WORDS:
            return "percent"
        # "What is the total funding …", "what level of funding …": a sum, not a description of the funding.
        # "Spending on which services will grow …" asks for services; the spending is their subject.
        noun = _ASKED_NOUN.search(text) if kind in ("what", "which") else None
        of_another_kind = (
            noun is not None
            and noun.group(1).lower() not in _MONEY_WORDS | _PRICE_WORDS | _SLOT_ONLY
            and not _QUANTITY.match(text, noun.start(1))
        )
        sized = bool(words & _MONEY_WORDS and _QUANTITY.search(text)) and not of_another_kind
        priced = bool(words & (_MONEY_WORDS if kind == "how_much" else _PRICE_WORDS)) and not of_another_kind
        if priced or "£" in text or sized:
            return "money" if kind != "how_many" else "count"
        if kind == "how_many" or (kind != "how_much" and _ASKS_NUMBER.search(text)):
            return "count"
        if _LIMIT.search(text):
            return "amount"  # "what is the current CDEL limit": a figure, not a sentence about the limit
        if kind != "how_much" and (words & _OUTCOME_WORDS or _FOUND.search(text)) and not words & _FUTURE:
            return "outcome"
        return "amount" if kind == "how_much" else None
    if kind == "how" and words & _OUTCOME_WORDS and not words & _FUTURE:
        return "outcome"
    if kind == "where" and _WHERE_IN_DOCUMENT.search(text):
        return "section"  # "where in the paper is …": an annex, a chapter, a page
    if kind == "where" and _SOURCE_ASKED.search(text):
        return None  # "where does the money come from": a source ("the public health grant"), not a place
    return {"duration": "duration", "when": "date", "who": "agent", "where": "place", "how_often": "frequency"}.get(kind)


def subject_of(text: str) -> str:
    """The part less its question words: "How long did X last?" -> "X last"."""
    subject = re.sub(
        r"^\W*(?:and|but)?\s*(?:(?:by|in|for|until|since|to)\s+)?(?:how (?:long|much|many|big|large|high|soon)|how|when|where|whose"
        r"|whom|who|why|what|which)(?:\s+(?:years?|dates?|months?|weeks?|days?|times?|percentage|proportion|share|amount|number)\b)?\s*"
        r"(?:(?:is|are|was|were|do|does|did|will|would|can|could|should|has|have|had|must)\s+)?",
        "",
        text.strip(),
        flags=re.IGNORECASE,
    )
    return subject.rstrip(" ?.!")


def names_in(text: str) -> list[str]:
    """Capitalised runs and acronyms, less the words that open a question."""
    found = []
    for match in _NAME.finditer(text):
        words = match.group(0).split()
        if match.start() == len(text) - len(text.lstrip("\"“‘'( ")) and len(words) == 1 and not words[0].isupper():
            continue  # a question's first word is capitalised whatever it is: "Up to how long …"
        while words and (words[0] in _NOT_NAMES or words[0].lower() in ("of", "for", "and", "the", "on", "in")):
            words = words[1:]
        while words and words[-1].lower() in ("of", "for", "and", "the", "on", "in"):
            words = words[:-1]
        if words:
            found.append(re.sub(r"['’]s\b", "", " ".join(words)))
    return found
