"""Answers that answer the question, or say exactly what the documents don't
cover: the answerability verdict beside grounding, over the bundled corpus
with the extractive answerer. Held-out figures come from evals/test.jsonl
(`make eval-gate`); these tests pin behaviour a user would notice."""

from __future__ import annotations

import pytest

from assistant.answerability import AnswerabilityCheck
from assistant.asked import parse_question
from assistant.change_words import same_change
from assistant.passage_context import context_of, initials_of
from vectorstore import Passage
from vectorstore.keyword import tokens


@pytest.mark.parametrize(
    "question, kinds",
    [
        ("Who is the chief executive of NHS Providers?", ["who"]),
        ("By when will ICSs cover the whole country?", ["when"]),
        ("How many strokes are averted when 100 people with AF get anticoagulation?", ["how_many"]),
        ("How long did the industrial action last?", ["duration"]),
        ("What share of staff feel burnt out?", ["how_much"]),
        ("Where are hospitals affected by toxic air?", ["where"]),
        ("What are the actions for commitment 3?", ["list"]),
        ("Which wider determinants of health does A picture of health list?", ["list"]),  # the list it gives
        ("What does the plan summary promise on dementia?", ["about"]),
        ("Does the plan mention dentistry?", ["yes_no"]),
        ("Why should CDEL be increased?", ["why"]),
        ("What does chapter 2 say about alcohol?", ["about"]),
        ("Which Oxfordshire town is one of the Healthy New Towns?", ["where"]),
        ("Which hospitals offer proton beam therapy?", ["where"]),  # "offer" agrees with "hospitals": a verb
        ("Which hospital food standards will be published?", ["which"]),  # the standards are asked for, not a hospital
        ("Which company built the NHS App?", ["who"]),
        ("Which hospital trusts must deliver the standards?", ["who"]),
        ("Which group of patients will see further progress on their care?", ["which"]),  # patients, not a body
        ("Which groups with low participation did the test help reach?", ["which"]),  # people, not a body
        ("What will help integrated care systems understand where need is greatest?", ["what"]),  # "where": a clause
        ("What should staff be confident of when they raise a concern?", ["what"]),  # "when" opens a clause
        ("How big is the maintenance backlog and by when will it be cleared?", ["how_much", "when"]),
        ("When and where should care be provided?", ["when", "where"]),  # both parts about the care
    ],
)
def test_what_a_question_asks_for_is_recovered(question, kinds):
    assert [part.kind for part in parse_question(question)] == kinds


@pytest.mark.parametrize(
    "question, slot",
    [
        ("What rate of inflation does the briefing cite?", "percent"),
        ("What is pushing up the rate of staff leaving the NHS?", None),  # asks what pushes, not the rate
        ("What did the smart inhaler trials show?", "outcome"),
        ("What will meeting more patient needs in the community achieve?", None),  # an aim, not a result
        ("How many groups of GP practices will there be?", "count"),
        ("On what basis is care provided, if not ability to pay?", None),  # "to pay" asks for no sum
        ("What is being done about pay?", None),  # pay is the topic, not a sum asked for
        ("Where in the paper is the summary of the Long Term Plan?", "section"),  # an annex or chapter, not a town
        ("Which events have pushed up the rate of staff leaving the NHS?", None),  # what pushes it, not the rate
        ("What is the current CDEL limit for NHS estates?", "amount"),  # a limit is a figure
        ("What level should childhood immunisation reach?", None),  # a level may be a standard, not a figure
        ("What did reducing duplication in clinical services save last year?", "outcome"),  # savings made
        ("How will the NHS save money on products?", None),  # a way to save, not a saving made
        ("What does A picture of health want done with the number of NHS beds?", None),  # an action, not a count
        ("What is the number of GP practices in areas of toxic air?", "count"),
        ("From what age will bowel screening start?", "count"),  # an age is a number: "from 60 currently to 50"
        ("Spending on which services will grow faster than the overall NHS budget?", None),  # services, not a sum
        ("What return does each £1 spent on social care bring?", "money"),
        ("What level of indicative funding will the NHS get each year?", "money"),
    ],
)
def test_the_kind_of_answer_wanted_is_recovered(question, slot):
    assert parse_question(question)[0].slot == slot


@pytest.mark.parametrize(
    "question, role, office",
    [
        ("Who leads NHS IMPACT?", ("lead",), False),
        ("Who is the chair of NHS Providers?", ("chair",), True),  # an office: "chief executive" is not it
        ("Who should the NHS keep working with?", (), False),  # the NHS keeps working: "who" is no actor here
    ],
)
def test_what_a_who_question_asks_the_answer_to_be_or_do(question, role, office):
    part = parse_question(question)[0]
    assert (part.role[:1], part.office) == (role, office)


@pytest.mark.parametrize(
    "question, phrasing",
    [
        ("How will the NHS pay less for products it uses a lot of?", "lot"),
        ("Where do people tend to sleep rough for longer?", "tend"),
        ("Where should ambulance services be able to send callers?", "able"),
        ("Which year's NHS does NHS Providers contrast the next generation NHS with?", "contrast"),
        ("Has the NHS had a long term plan like this before?", "like"),
        ("How can a healthy place help people who might otherwise never meet?", "never"),
        ("What was celebrated on the NHS's 70th anniversary?", "th"),  # an ordinal's ending is no subject word
        ("How many young carers stand to benefit from the top tips?", "stand"),  # "stand to": will
        ("What should no longer be treated as a proxy for NHS performance?", "longer"),  # "no longer": not
        ("Who are the authors of the Oxfordshire paper?", "author"),  # a signature answers, in no such word
    ],
)
def test_words_that_only_phrase_a_question_are_not_terms_it_must_find(question, phrasing):
    assert phrasing not in parse_question(question)[0].terms


def test_a_part_that_leans_on_another_inherits_its_subject():
    size, date = parse_question("How big is the maintenance backlog and by when will it be cleared?")
    assert (size.slot, date.slot) == ("amount", "date")
    assert {"maintenanc", "backlog"} <= set(date.terms) or {"maintenance", "backlog"} & set(date.terms)
    assert date.subject == "the maintenance backlog be cleared"


@pytest.mark.parametrize(
    "question",
    [
        "Who won the general election that the news article mentions?",  # an outcome the article mentions in passing
        "How much will the new NHS infrastructure programme cost?",  # a figure for something named without one
        "When will the health and care strategy be published?",  # a date for something named without one
        "Who chairs the Oxfordshire Health Improvement Board?",  # an office the documents never name
        "What is Sir Julian Hartley's salary?",  # a detail about a named person they don't give
        "How many members does NHS Providers have?",  # a detail about a named body they don't give
        "What did Sir Mike Richards' review of cancer screening conclude?",  # a result of a review only commissioned
        "How many social prescribing link workers work in Oxfordshire?",  # a national figure, not Oxfordshire's
        "How many people took part in the NHS staff survey?",  # a share of staff, not a count of participants
        "How many miles did NHS-related road travel cover in 2023?",  # the documents give 2017's
        "Who evaluates the Diabetes Prevention Programme?",  # bodies named beside it, none evaluating it
        "Which company built the NHS App?",  # "which company" wants a company's name, not "the NHS"
        "Roughly how many groups of GP practices will there be?",  # "30,000-50,000 people" counts people
        "How did politicians respond to Sir Julian Hartley's call?",  # a call made, no response reported
        "On which day in January 2019 was the Long Term Plan published?",  # the month is given, not the day
        "How old is the average NHS building?",  # "on average, around 30 years earlier" is about homelessness
        "How many people make up the NHS workforce?",  # "thousands more clinical placements" counts no people
        "Who leads NHS IMPACT?",  # "a world-leading research organisation" leads nothing
        "Which Oxfordshire town is one of the Healthy New Towns?",  # no town is named
        "By when must STPs and ICSs publish their five-year strategies?",  # "the next five years" restates the question
        "How many homes have the 12 housing developers already built?",  # "will cover 70,000 homes" is a plan
        "What is the total funding for the Long Term Plan?",  # "indicative funding levels" is no sum
        "Who is the chair of NHS Providers?",  # its chief executive is named, not its chair
        "Which unions should the NHS work with, according to the briefing?",  # "the unions", none named
        "Where will the first primary care networks be set up?",  # "from Primary Care" is the subject, not a place
        "What did the 2,500 submissions conclude about staff shortages?",  # they are counted; no finding given
        "Which trust did Sir Julian Hartley run before joining NHS Providers?",  # 'said: "As …' names no trust
        "Who wrote the Messenger report?",  # the unions named beside it did not write it
        "By how much would NHS productivity rise if staff wellbeing improved?",  # £4 is the return on spending
        "What percentage of NHS spending goes on administration?",  # "almost half of all staff" is a share of staff
        "How many hospitals signed up to the healthier food incentive?",  # "15.6%" is no count of hospitals
        "Which Oxfordshire hospitals already offer smoking cessation services?",  # "in hospitals" names none
        "Which AI company does A picture of health name?",  # AI is spelled out, but no company is named
        "Who is NHS Providers' director of policy?",  # a director is not the chief executive
        "What was the turnout at the general election?",  # the election is covered, "turnout" is what is lacking
        "When is the Health Improvement Board's next meeting?",  # a date, in a sentence that does not name the Board
        "How much is the operational capital budget for NHS trusts?",  # the £12bn in that sentence is the backlog's
        "What is the current CDEL limit for NHS estates?",  # "increase CDEL" gives no limit
        "What pay rise does A picture of health propose for NHS staff?",  # "the rising maintenance backlog" is no pay
        "What did reducing duplication in clinical services save last year?",  # an aim; no saving reported
        "How much of the extra mental health money goes to children?",  # "£30 million extra" goes to rough sleepers
        "Which towns have the most toxic air?",  # "in England" names no town
        "What job did Sir Julian Hartley hold before NHS Providers?",  # his post now is not the one before
        "How many managers work in the NHS, according to A picture of health?",  # "half of all staff" counts staff
        "Which patient groups helped draw up the Long Term Plan?",  # sub-groups of a board are no patient groups
        "How many people have high-risk conditions identified each year?",  # "affects 150,000 people" is no yearly figure
        "Which international research networks does A picture of health name?",  # "international networks" names none
        "How much would the safety-critical repairs to NHS estates cost?",  # the £12bn is the backlog's, not the repairs'
        # close in meaning to "support the work underway to improve equality, diversity and inclusivity", but no targets
        "What diversity targets does A picture of health set for NHS boards?",
        "How many of the 2,500 submissions came from patient groups?",  # the submissions are counted, by no one
        "Which Oxfordshire hospitals have Alcohol Care Teams?",  # Bolton and Salford are not in Oxfordshire
        "What race equality target does commitment 3 set?",  # a target is a figure; "action on race equality" is none
        "How many years of investment in improvement does commitment 4 ask for?",  # "multiple years" is no number
        # "their maternity record" qualifies its own word: it is not the "Personal Health Record" shortened
        "In what year will the digital Personal Health Record for children launch?",
        "What BMI threshold qualifies children for obesity treatment?",  # "1,000 children a year" is no BMI
        "Which employers has the NHS set an example to?",  # "other employers … in England" names none
        "How many medical schools give only eight hours of nutrition training?",  # "a five- or six-year degree"
        "How many heart attacks has the plan prevented so far?",  # "preventing 150,000 heart attacks" is an aim
        "What did Age UK find out from people with specific needs?",  # its work is planned; nothing found is reported
        # people's words asked for: "are asked to comment" and "submissions we received" report none
        "What did Health Improvement Board members say about the relevance of the objectives?",
        "What did most of the 2,500 submissions call for?",
        "Which charities will Age UK work with?",  # "local Healthwatch groups" are not named as charities
        "Which Healthwatch group covers Oxfordshire?",  # Oxfordshire only in the file name, not the passage
        "What equality, diversity and inclusion targets do NHS Providers set for 2030?",  # a target is a figure
        "What did the Spending Review decide about the public health grant?",  # "will be decided in" is no decision
        "How many integrated care systems are there?",  # "a single set of commissioning decisions" counts no ICSs
        "Tell me the cost of fixing RAAC.",  # a request is a question; the £12bn is the backlog's
        "what percentage of the NHS fleet uses low emission engines today",  # "90% … by 2028" is a plan
        "Which hospital did Julian Hartley train at?",  # "at NHS Providers" names no hospital
        "Which places have received a Healthy Homes Quality Mark?",  # "to be awarded to places" is a plan
        "How much extra funding will adult mental health services get?",  # the £30 million is for rough sleepers
        "How many people are waiting to join the Diabetes Prevention Programme?",  # 100,000 have benefited
        "Which Oxfordshire GP practices already have link workers?",  # national plans, no Oxfordshire practice
        "Who are the authors of the Health Improvement Board's air quality priority?",  # "Air Quality" is a heading
        "Why did Oxfordshire CCG miss its operating plan deadline?",  # the plan is named; no reason is given
        "Why was Sir Mike Richards chosen to lead the screening review?",  # "asked him to lead" is no reason
        "How many Oxfordshire GP practices are in areas affected by toxic air?",  # 2,000 across England
        "By how many will outpatient appointments fall?",  # "four strokes are averted" counts strokes
        "What does paragraph 2.18 say about staff parking?",  # the paragraph is named; parking is not in it
        "How many years of investment in improvement does commitment 4 ask for?",  # "multiple years" is no number
    ],
)
def test_near_miss_questions_are_declined_not_answered_with_related_sentences(assistant, question):
    answer = assistant.ask(question)
    assert answer.refused and answer.citations == []
    assert answer.answerability.verdict == "not_covered" and answer.answerability.missing
    assert answer.answer.startswith("The documents don't")


def test_a_term_the_documents_never_use_is_named_in_the_reply(assistant):
    answer = assistant.ask("What does the Long Term Plan say about Narnia?")
    assert answer.refused and answer.answer.startswith("The documents don't mention Narnia")
    assert answer.answerability.missing == ["no mention of Narnia"]
    assert "the nearest they come is" in answer.answer


def test_a_partly_covered_question_answers_the_part_and_states_the_rest(assistant):
    answer = assistant.ask("How big is the maintenance backlog and by when will it be cleared?")
    assert not answer.refused and answer.answerability.verdict == "partial"
    assert "£12bn" in answer.answer
    assert answer.answer.endswith("The documents don't give a date for “the maintenance backlog be cleared”.")
    assert [p.answered for p in answer.answerability.parts] == [True, False]
    assert all(c.commitment == 2 for c in answer.citations[:1])


def test_the_sentence_holding_the_asked_figure_leads(assistant):
    answer = assistant.ask("How much money is needed to clear the maintenance backlog?")
    assert answer.answerability.verdict == "answered"
    assert "£12bn" in answer.answer.split(" [")[0]


def test_how_something_will_be_done_is_answered_by_what_will_be_done_first(assistant):
    answer = assistant.ask("How will the NHS make sure doctors learn more about nutrition?")
    assert answer.answer.startswith("Together with the professional bodies and universities we will ensure")


def test_a_sentence_announcing_what_follows_is_quoted_with_it(assistant):
    answer = assistant.ask("What were the three big truths the 70th anniversary debate centred on?")
    assert all(truth in answer.answer for truth in ("pride", "concern", "optimism"))


def test_what_a_thing_is_is_answered_by_the_sentence_that_defines_it(assistant):
    answer = assistant.ask("What are Integrated Care Systems?")
    assert "Integrated Care Systems (ICSs), which are groups of local NHS organisations" in answer.answer.split("[1]")[0]


def test_what_a_part_of_a_document_includes_is_its_list(assistant):
    answer = assistant.ask("What does chapter 2 of the Long Term Plan include?")
    assert answer.answer.startswith("- ") and "Expanding the National Diabetes Prevention Programme" in answer.answer


def test_a_list_question_gets_the_whole_list_as_a_list(assistant):
    answer = assistant.ask("What are the actions for commitment 3?")
    lines = answer.answer.splitlines()
    assert len(lines) == 5 and all(line.startswith("- ") for line in lines)
    assert "Messenger report" in answer.answer and "unions" in answer.answer
    assert {c.commitment for c in answer.citations} == {3}


def test_a_sentence_the_summary_repeats_from_the_full_report_is_quoted_once(assistant):
    answer = assistant.ask("What will investing in eliminating the maintenance backlog achieve?")
    assert answer.answer.count("improve the quality and safety of patient care") == 1


@pytest.mark.parametrize(
    "question, expected",
    [
        ("What proportion of NHS employees think about quitting their organisation?", "almost a third"),
        ("In what year did NHS England introduce a financial incentive for healthier hospital food?", "2016"),
        ("For how long after birth will specialist perinatal mental health care be available?", "two years"),
        ("By what proportion does the plan aim to cut stillbirths?", "50%"),  # "cut" for "reducing"
        ("In which month is the CCG's Operating Plan due to be submitted?", "April 2019"),  # CCG spelled out
        ("By how much did the faecal immunochemical test raise take-up in trials?", "7%"),  # "In trials it …"
        ("What does Julian Hartley say a healthy economy depends on?", "healthy population"),  # "He added: … relies on"
        ("What proportion of FH cases does the NHS want to find within five years?", "25%"),  # "identified"
        ("Who heads NHS Providers?", "Sir Julian Hartley"),  # "Chief executive at NHS Providers"
        ("How often will mental health crisis support be reachable through NHS 111?", "24/7"),
        ("Over what period does the Long Term Plan want to improve care for patients?", "ten years"),
        ("Approximately how many women will be able to see their maternity records online in 2019/20?", "100,000"),
        ("Which year will be a transition year for CCGs and trusts?", "2019-20"),  # "each CCG and Trust"
        ("Which birthday has the NHS been celebrating?", "70th anniversary"),
        ("What will replace the paper 'red book'?", "digital version"),  # "replace": a verb, not what is lacking
        ("What dangerous building material does the briefing want dealt with urgently?", "RAAC"),
        ("Which cancer treatments for children does the plan name?", "CAR-T"),
        ("Among whom is unmet mental health need a particular concern?", "children and young people"),
        ("What has made working in the NHS harder since 2010?", "staff vacancies"),  # "harder" describes
        ("Who wrote the top tips for GP practices?", "Young Carers"),  # "GP": "general practice"
        ("What should staff be confident of when they raise something that isn't working?", "listened to"),
        ("On what basis does a comprehensive health service provide care, if not ability to pay?", "clinical need"),
        ("What role are integrated care systems suited to, according to NHS Providers?", "strategic convening role"),
        ("Who should the NHS keep working with to show it values its staff?", "unions"),
        ("What does A picture of health want done about pay?", "sustainable resolution"),
        ("What should health impact assessments take into account, according to the news piece?", "transport"),
        ("What extra training places does the Long Term Plan promise for nurses?", "clinical placements"),  # a verb
        ("Whose report on leadership should the NHS carry on implementing?", "Messenger report"),
        ("Where does NHS Providers want more patient demand to be met?", "primary and community care"),  # a setting
        ("Who will the NHS work with to reduce duplication in clinical services?", "doctors"),
        ("Which foods did the 2016 hospital incentive try to limit?", "fat, salt and sugar"),  # "try": phrasing
        ("Through what can the UK capitalise on innovation in AI?", "world class universities"),  # "AI" spelled out
        ("What part does the NHS play among public services?", "strong network of public services"),
        ("Who must work together to decide where provision is best placed?", "specialist services"),  # "must": no role
        ("What has the deepest effect on a person's lifelong health?", "wider determinants"),  # a superlative describes
        ("Where in the Oxfordshire paper is the summary of the Long Term Plan?", "Annex 1"),  # a part of the paper
        # "website": the sentence covers the rest of the question so well that the word is taken as phrasing
        ("Which website will the NHS keep investing in so everyone can find advice about their conditions?", "nhs.uk"),
        ("Which places will be awarded the Healthy Homes Quality Mark?", "high standards"),  # places, described
        ("What share of people with FH have been identified so far?", "7%"),  # "currently" says what is so
        ("What leaves trusts with little room to update old equipment?", "capital budgets"),  # "leaves" is a verb
        ("What is the NHS helping to shape through the Healthy New Towns programme?", "built environment"),
        # "send" / "refer", "ring" / "callers": where someone is sent is a destination, not only a town
        ("Where should ambulance services be able to send the people who ring them?", "right care pathways"),
        # the answer ranks below the first passages of the named document: look wider there too
        ("Which responsibilities do NHS leaders acknowledge, according to A picture of health?", "value for money"),
        ("Who should be at the heart of every conversation about the NHS, according to Sir Julian Hartley?", "patients"),
        ("How many CCGs will an ICS area usually have?", "a single CCG"),  # "a single" is a count
        ("What does A picture of health want done with the number of NHS beds?", "bed base"),  # "beds": "bed"
        ("In what month and year did the Long Term Plan come out?", "January 2019"),  # "come out": published
        ("How much extra money will go to primary and community care?", "£4.5bn"),  # "extra": "increasing funding"
        ("How much extra money a year goes to mental health care?", "£2.3bn"),  # "£2.3bn more a year"
        ("How many miles did NHS-related road travel cover a year?", "9.5 billion miles"),  # "In 2017": one year's
        ("How much will the NHS Diabetes Prevention Programme grow over five years?", "doubling"),  # a multiple
        ("What is the price tag on the NHS maintenance backlog, according to A picture of health?", "£12bn"),
        ("What should be kept consistent and clear at national level?", "role of improvement"),  # "kept": "keep"
        ("Over what period will the public be able to help shape the Long Term Plan locally?", "next few months"),
        # said in other words throughout, but close in meaning read whole: the last resort before declining
        ("What would a sustainable NHS funding settlement make easier to see?", "short-term funding needs"),
        ("How will the NHS pay less for products it uses a lot of?", "combined buying power"),
        ("How many more places at medical schools will the plan create?", "hundreds more medical school places"),
        ("Over what timescale should money go into building a culture of improvement?", "multiple years"),
        ("Which kind of equality does commitment 3 single out for action?", "race equality"),  # a part's verb
        # where an offer is available: a service is a setting, as a hospital is
        ("Where else will the universal offer to help people quit smoking be available?", "learning disability services"),
        # an acronym the passage spelled out a sentence before: "Familial Hypercholesterolaemia (FH)" … "those with FH"
        ("What proportion of people with familial hypercholesterolaemia have been identified so far?", "7%"),
        # a name shortened to one of its words: "the Bowel Cancer Screening Programme" … "the starting age for screening"
        ("From what age will people be invited for bowel cancer screening?", "to 50"),
        # "Diabetes UK" is a body of its own, though it shares a word with the programme asked about
        ("Which organisations are behind the Diabetes Prevention Programme?", "Diabetes UK"),
        ("Spending on which services will grow faster than the overall NHS budget?", "mental health services"),
        ("How much nutrition teaching do some medical degrees include?", "eight hours"),  # time spent is an amount
        ("What role will Healthwatch play?", "views of patients and the public are heard"),  # what it will do
        ("When was the Long Term Plan launched?", "January 2019"),  # a document launched is published
        ("How much younger do homeless people die on average?", "30 years earlier"),  # a difference in time
        ("Until when after birth will perinatal mental health care be available?", "two years after the birth"),
        ("What will do away with the paper red book?", "removes the need for a paper record"),  # "do away with"
        ("What should no longer be treated as a proxy for NHS performance?", "urgent and emergency care pathway"),
        ("What will the Healthy New Towns Standard include?", "Healthy Homes Quality Mark"),  # not another list
        ("Why is supporting staff wellbeing worth the money?", "sound investment"),  # "worth the money"
        ("Why do some have reservations about the Long Term Plan?", "financial restraint"),  # "if …" is a reason
        ("What percentage of homeless people have complex needs?", "31%"),  # "homelessness": "homeless"
        ("When are ICSs due to cover all of England?", "April 2021"),  # "the whole country"
        ("What did A picture of health call for on social care?", "social care"),  # a document speaks unreported
        # the publisher speaks in its document, though the passage never names it
        ("What do NHS Providers expect from redoubling efforts on equality, diversity and inclusion?", "capacity and capability"),
        # the speaker's name is found in the passage; what he describes is what the sentence must cover
        ("How does Sir Julian Hartley describe the NHS's place in the nation's health?", "keystone"),
        ("What does the Long Term Plan want to spend less on?", "reduce spend on administration"),  # less: reduce
        # the sentence's "ICSs" is the question's "integrated care systems"
        ("What will help integrated care systems see where need is greatest?", "population health management"),
        # requests and shorthand, read as the questions they are
        ("I'd like to know who the chief exec of NHS Providers is", "Julian Hartley"),
        ("backlog size?", "£12bn"),
        ("Give me the date the long term plan came out", "January 2019"),
        ("Who's Val Messenger?", "Interim Director of Public Health"),
        ("Summarise commitment 2's actions", "Increase CDEL"),
        # the documents' words for the question's: payback / returns, exhausted / worn out, settlement / resolution
        ("What's the economic payback from every pound put into healthcare?", "£4"),
        ("Roughly what fraction of staff are exhausted after a shift?", "almost half"),
        ("What kind of settlement on pay does A picture of health call for?", "sustainable resolution on pay"),
        ("Where would a revitalised primary care service let care be given?", "close to home"),  # "let" only phrases
        # what "besides economic outcomes" sets aside is no result asked for
        ("What does NHS spending have a positive impact on besides economic outcomes?", "regional growth"),
        ("How much extra funding will rough sleepers get?", "£30 million"),
        ("How can the NHS achieve the greatest social and economic value?", "by working with the government"),  # a means
        # an acronym's words, from the sentence that spells it out
        ("What does FH stand for?", "Familial Hypercholesterolaemia"),
        ("What is PHR short for?", "Personal Health Record"),
        # a body named at the start of its sentence answers "which organisation"
        ("Which organisation asked Sir Mike Richards to review cancer screening?", "NHS England"),
    ],
)
def test_questions_in_other_words_are_still_answered(assistant, question, expected):
    answer = assistant.ask(question)
    assert answer.answerability.verdict == "answered" and expected in answer.answer


def test_an_acronym_a_passage_spells_out_is_read_as_its_name_in_any_sentence():
    passage = Passage(
        text="Testing for Familial Hypercholesterolaemia (FH) will expand. Only 7% of those with FH are known. "
        "Alcohol Care Teams (ACTs) help. ACTs cut admissions.",
        document="X",
        source="x.txt",
        section="X",
        commitment=None,
        chapter=None,
        paragraph=None,
        page=None,
        score=1.0,
    )
    context = context_of(passage)
    assert context.acronyms["fh"] == frozenset(tokens("familial hypercholesterolaemia"))
    assert context.acronyms["acts"] == frozenset(tokens("alcohol care teams"))


def test_an_acronym_is_found_where_the_text_spells_out_its_name():
    assert "ccg" in initials_of("The Clinical Commissioning Group are currently drafting their Operating Plan.")
    assert "stp" in initials_of("growing out of Sustainability and Transformation Partnerships")
    assert "rcgp" in initials_of("developed jointly by the Royal College of GPs, NICE and the Health Foundation")


@pytest.mark.parametrize(
    "word, others, same",
    [
        ("cut", {"reducing", "stillbirths"}, True),
        ("raise", {"improve", "rates"}, True),
        ("launched", {"introduction"}, True),
        ("rise", {"fell"}, False),  # opposite changes are not the same change
        ("cut", {"budget"}, False),
        ("chair", {"chief", "executive"}, False),  # two offices, not one
        ("heads", {"chief", "executive"}, True),
        ("send", {"referring"}, True),
        ("ring", {"callers"}, True),
        ("heart", {"centre"}, True),  # "at the heart of" / "at the centre of"
        ("sooner", {"faster"}, True),
        ("extra", {"increasing"}, True),
        ("increase", {"raised"}, True),  # a word in two classes keeps both
        ("extra", {"more"}, False),  # "more" alone is too common; only "£2.3bn more" says extra
        ("law", {"legislative"}, True),
        ("worries", {"concern"}, True),
        ("pregnant", {"expectant"}, True),
    ],
)
def test_words_for_the_same_change_match(word, others, same):
    assert same_change(word, others) is same


def test_a_word_is_known_by_its_inflected_forms():
    check = AnswerabilityCheck({}, frozenset({"rising", "cutting", "bodies", "used", "bed"}), None)
    assert check.known("rise") and check.known("cut") and check.known("body") and check.known("use")
    assert check.known("beds")
    assert AnswerabilityCheck({}, frozenset({"keeping"}), None).known("kept")  # an irregular form, by its base
    assert check.known("rose") and not check.known("fell")  # "rose" is a form of "rise"; no form of "fall" is there
    assert AnswerabilityCheck({}, frozenset({"four"}), None).known("fourth")  # "priority number four"
    assert AnswerabilityCheck({}, frozenset({"sale"}), None).known("sold")  # "drinks sold": "the sale of drinks"


@pytest.mark.parametrize(
    "question, place",
    [
        ("What does paragraph 2.18 say?", ("paragraph", "2.18")),
        ("In the Oxfordshire paper, what does paragraph 2.18 say?", ("paragraph", "2.18")),
        ("What does commitment 2 say?", ("commitment", 2)),
    ],
)
def test_a_question_naming_only_a_place_is_answered_from_that_place(assistant, question, place):
    """The words that name the place (and its document) are no subject to find in a sentence."""
    answer = assistant.ask(question)
    assert not answer.refused and answer.answerability.verdict == "answered"
    field, value = place
    assert all(getattr(citation, field) == value for citation in answer.citations)


def test_what_year_asks_for_a_year(assistant):
    part = parse_question("What year did the NHS Long Term Plan come out?")[0]
    assert not assistant.extractive.check.holds_slot(part, "Over the next few months you will help shape the plan.")
    assert assistant.extractive.check.holds_slot(part, "The NHS Long Term Plan was published in January 2019.")


def test_a_question_about_what_ranks_first_is_marked_and_its_kind_qualified():
    ranked = parse_question("Which of the prevention priorities has the most funding?")[0]
    assert ranked.ranked
    assert not parse_question("What has the deepest effect on health?")[0].ranked  # only "the most …" and its kin
    assert parse_question("Which patient groups helped draw up the plan?")[0].kind_qualifier == "patient"
    assert parse_question("How many managers work in the NHS?")[0].measured == ("manager",)  # not "work"
    assert parse_question("Has the Messenger report been fully implemented?")[0].so_far  # done, not to be done
    assert parse_question("By how many will outpatient appointments fall?")[0].measured == ("outpatient", "appointment")
    # people who wait, not people the programme has helped
    assert parse_question("How many people are waiting to join the programme?")[0].condition == ("wait",)


@pytest.mark.parametrize(
    "question, term",
    [
        ("In what month did the Long Term Plan come out?", "publish"),
        ("What did Alcohol Care Teams bring down?", "reduc"),
        ("Should the NHS carry on implementing the Messenger report?", "continu"),
        ("Will the NHS get rid of coal heating?", "remov"),
    ],
)
def test_a_phrasal_verb_is_read_in_the_documents_words(question, term):
    assert term in parse_question(question)[0].terms


def test_another_number_never_stands_in_for_the_one_asked(assistant):
    """Vectors put "fourth" beside "third" and "five": neither answers a question about the fourth."""
    answer = assistant.ask("What is the fourth of NHS Providers' priorities, according to the news piece?")
    assert "Third is" not in answer.answer and "five new priorities" not in answer.answer


def test_a_sentence_ending_on_a_span_of_time_announces_nothing(assistant):
    answer = assistant.ask("What do STPs and ICSs now need to develop and implement?")
    assert "their own strategies for the next five years [1]." in answer.answer
    assert "These strategies will set out" not in answer.answer
