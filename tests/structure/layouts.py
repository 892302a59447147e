"""The suite's Word and PDF documents, as the blocks an author typed and the
template they used; ``render.py`` writes the files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    file: str
    title: str
    blocks: list[tuple[str, str]]  # (style, text): title, h1-h3, p, li (bullet), ol (numbered by the template)
    running_header: str | None = None
    running_footer: str | None = None  # "{page}" is replaced by the page number
    heading_font_sizes: tuple[float, float, float] | None = (16, 12.5, 11)  # None: bold headings at body size
    paragraph_space: float = 6


RIVERSIDE = Layout(
    file="riverside-annual-plan.pdf",
    title="Riverside Community Health NHS Trust Annual Plan 2025/26",
    running_header="Riverside Community Health NHS Trust | Annual Plan 2025/26",
    running_footer="Page {page}",
    blocks=[
        ("title", "Annual Plan 2025/26"),
        ("h1", "Introduction from the chief executive"),
        (
            "p",
            "Riverside Community Health NHS Trust provides district nursing, community hospitals, therapy and "
            "children's services to 780,000 people. Demand for community care grew by 9% last year while our budget "
            "grew by 3%, so this plan is about doing the most important things well rather than everything at once.",
        ),
        (
            "p",
            "The plan was shaped by 2,300 responses from patients, carers and staff to our spring listening "
            "exercise, and it was approved by the trust board on 27 March 2025.",
        ),
        ("h1", "Our five objectives"),
        ("ol", "Safe, high-quality care in every setting"),
        ("ol", "Shorter waits for community services"),
        ("ol", "A workforce that feels valued"),
        ("ol", "Care closer to home"),
        ("ol", "Financial sustainability"),
        ("h1", "Objective 1: Safe, high-quality care"),
        (
            "p",
            "Pressure ulcers acquired in our care fell by a fifth last year, but falls in our four community "
            "hospitals rose to 212. Every ward will complete a falls risk assessment within six hours of admission, "
            "and we will introduce lying and standing blood pressure checks for all patients over 65.",
        ),
        ("h2", "Key actions"),
        ("li", "Appoint a falls prevention practitioner for each community hospital by July 2025."),
        ("li", "Publish ward-level safety data on the trust website every month."),
        (
            "p",
            "The quality committee will receive a quarterly safety report, and the chief nurse will lead unannounced "
            "visits to every team at least once during the year. Learning from incidents will be shared across teams "
            "within a month through our patient safety partners, two of whom are former patients.",
        ),
        ("h1", "Objective 2: Shorter waits for community services"),
        (
            "p",
            "At the start of the year 3,900 children were waiting for speech and language therapy, some for more "
            "than a year. We will clear all waits of over 52 weeks by March 2026 by running Saturday clinics and "
            "offering group sessions for families while they wait.",
        ),
        (
            "p",
            "Adult musculoskeletal physiotherapy will move to self-referral through the trust website from June, "
            "which we expect to remove around 11,000 GP appointments a year. Wheelchair services will aim to deliver "
            "90% of standard chairs within 18 weeks of referral.",
        ),
        ("h2", "Key actions"),
        ("li", "Run Saturday speech and language therapy clinics in four localities."),
        ("li", "Launch physiotherapy self-referral in June 2025."),
        ("h1", "Objective 3: A workforce that feels valued"),
        (
            "p",
            "Only 54% of our staff would recommend the trust as a place to work, below the national average for "
            "community trusts. Staff told us that travel between visits, outdated laptops and a lack of career "
            "progression matter most to them.",
        ),
        (
            "p",
            "We will give every community nurse a new tablet with offline access to records by December, pay "
            "mileage at the higher rate for the first 3,500 miles each year, and create 60 band 6 development posts "
            "so that experienced nurses can progress without leaving clinical practice.",
        ),
        ("h2", "Key actions"),
        ("li", "Roll out 1,400 tablets to community teams by December 2025."),
        ("li", "Create 60 band 6 development posts."),
        ("h1", "Objective 4: Care closer to home"),
        (
            "p",
            "Too many older people are admitted to hospital because help at home cannot reach them quickly enough. "
            "Our urgent community response teams will reach 80% of referrals within two hours, seven days a week, "
            "and our virtual ward will grow from 45 to 90 beds by the end of the year.",
        ),
        (
            "p",
            "We will open a second community diagnostic hub in Eastbridge in January 2026, offering blood tests, "
            "ultrasound and heart scans in the town for the first time.",
        ),
        ("h2", "Key actions"),
        ("li", "Reach 80% of urgent community response referrals within two hours."),
        ("li", "Open the Eastbridge community diagnostic hub in January 2026."),
        ("h1", "Objective 5: Financial sustainability"),
        (
            "p",
            "The trust plans a break-even position on a budget of £412 million. To achieve this we must save "
            "£14.6 million, mostly by reducing agency spending by half and by sharing back-office services with "
            "two neighbouring trusts.",
        ),
        ("h1", "How we will report progress"),
        (
            "p",
            "The board will receive a progress report against each objective every quarter in public, and a "
            "summary for patients will be published in the trust's annual report.",
        ),
    ],
)


EASTSHIRE = Layout(
    file="eastshire-digital-strategy.docx",
    title="Eastshire Digital Strategy 2025–2028",
    blocks=[
        ("title", "Eastshire Digital Strategy 2025–2028"),
        ("h1", "Introduction"),
        (
            "p",
            "This strategy sets out how the Eastshire health and care system will use digital technology over the "
            "next three years. It was written with residents, clinicians and the county council, and replaces the "
            "2021 information technology plan.",
        ),
        ("h1", "Our aims"),
        ("p", "By 2028 we aim to:"),
        ("ol", "Connect records across health and social care"),
        ("ol", "Give residents digital access to their own care"),
        ("ol", "Build a skilled and confident digital workforce"),
        ("ol", "Keep data safe and secure"),
        ("h1", "Connect records across health and social care"),
        (
            "p",
            "Clinicians in Eastshire use eleven separate record systems. A shared care record will bring GP, "
            "hospital, community, mental health and social care records together by March 2026, so that a paramedic "
            "or a social worker sees the same information as the GP.",
        ),
        ("h2", "How we will measure success"),
        ("p", "Success means 95% of care professionals using the shared care record at least once a month."),
        (
            "p",
            "Residents will have digital access to their own care through the NHS App and a new Eastshire care "
            "portal. Parents will be able to see their children's appointments and letters, and carers will be able "
            "to act on behalf of the person they look after, with that person's consent.",
        ),
        (
            "p",
            "People who cannot or do not want to go online will keep every existing way of contacting services, and "
            "libraries will host free digital help sessions every week.",
        ),
        ("h2", "How we will measure success"),
        ("p", "Success means 70% of adult residents registered with the NHS App by 2027."),
        ("h1", "A skilled and confident digital workforce"),
        (
            "p",
            "One in three staff told us they do not feel confident using the systems they have. Every new starter "
            "will receive digital skills training in their first month, and each team will have a trained digital "
            "champion by the end of 2026.",
        ),
        ("h2", "How we will measure success"),
        ("p", "Success means staff confidence with digital systems rising to 80% in the annual survey."),
        ("h1", "Aim 4: Keep data safe"),
        (
            "p",
            "Cyber attacks on health services are rising. All partner organisations will meet the Data Security and "
            "Protection Toolkit standards each year, and we will test our recovery plans twice a year with a "
            "simulated attack.",
        ),
        ("h1", "Delivery and funding"),
        (
            "p",
            "The strategy will cost £23 million over three years, funded by the integrated care board and national "
            "frontline digitisation funding. A digital board chaired by the chief clinical information officer will "
            "oversee delivery.",
        ),
    ],
)


LAKESIDE = Layout(
    file="lakeside-estates-plan.pdf",
    title="Lakeside University Hospitals Estates Plan 2025–2030",
    running_header="Lakeside University Hospitals NHS Foundation Trust",
    running_footer="Estates Plan 2025–2030 · {page}",
    heading_font_sizes=None,
    paragraph_space=8,
    blocks=[
        ("title", "Estates Plan 2025–2030"),
        ("h1", "Summary"),
        (
            "p",
            "Lakeside University Hospitals runs three hospital sites with 1,100 beds. Much of the estate was built "
            "in the 1960s and 1970s, and the trust's maintenance backlog now stands at £97 million, of which "
            "£31 million is rated high risk.",
        ),
        ("h1", "Our three pledges"),
        ("ol", "Fix the highest-risk parts of our estate first"),
        ("ol", "Cut the carbon emissions of our buildings"),
        ("ol", "Release land we no longer need for housing"),
        ("h1", "Fix the highest-risk parts of our estate"),
        (
            "p",
            "The roof of the Lakeside General maternity block is made of reinforced autoclaved aerated concrete and "
            "is held up by temporary supports. It will be replaced by December 2026 at a cost of £18 million, with "
            "services moved to a temporary modular unit during the works.",
        ),
        (
            "p",
            "Electrical systems in the west wing of St Anne's Hospital date from 1974. They will be rewired in "
            "four phases so that no ward closes for more than eight weeks, and the fire alarm system will be "
            "replaced at the same time.",
        ),
        (
            "p",
            "We will publish a register of high-risk estate issues every six months so that patients and staff can "
            "see what has been fixed and what remains.",
        ),
        (
            "p",
            "Carbon emissions from our buildings must fall if the trust is to reach net zero for the emissions it "
            "controls by 2040. Gas boilers at Lakeside General will be replaced by heat pumps by 2028, cutting the "
            "carbon emissions of the site by an estimated 4,000 tonnes a year.",
        ),
        (
            "p",
            "Solar panels will be fitted to the roofs of all three sites, and every car park will have electric "
            "vehicle charging points for staff and visitors by 2027.",
        ),
        (
            "p",
            "Lighting across the estate will switch to LED, which we expect to reduce electricity use by 12% and "
            "save £650,000 a year.",
        ),
        ("h1", "Release land for housing"),
        (
            "p",
            "The former nurses' accommodation at Millbrook has been empty since 2019. The trust will sell the "
            "site to the county council for affordable housing, with 40 homes reserved for NHS key workers.",
        ),
        (
            "p",
            "Money raised from land sales will be reinvested in the estate, not used to balance the trust's day-to-day budget.",
        ),
        ("h1", "Governance"),
        (
            "p",
            "The estates committee of the board will monitor the plan, and the plan will be refreshed in 2027 "
            "once national capital allocations for the following three years are known.",
        ),
    ],
)

LAYOUTS = [RIVERSIDE, EASTSHIRE, LAKESIDE]
