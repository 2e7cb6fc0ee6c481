# ruff: noqa: E501 (article text: one sentence a line, as the tests cut it)
"""Articles written for the copy-detection tests: a wire story, its reprints, a longer
article that embeds it, and other stories on the same topic (never copies)."""

from __future__ import annotations

import datetime as dt

from tui.records.models import Article, Published

WIRE = """Port backlog costs climb as strike enters third week

HARBOURTON, June 12 (Newswire) - The cost of the cargo backlog at the Port of Harbourton reached about €3.5bn this year, port director Rosa Varga told reporters on Friday.
More than 1,200 containers are waiting on the quays while dock workers continue the strike that began on May 28.
Varga said the port authority had offered a pay rise of 4% and that talks with the union would resume on Monday.
Union leader Tomas Brill rejected the offer as far too small and said members would stay out until wages kept pace with prices.
Shipping lines have started to divert vessels to neighbouring ports, adding days to delivery times for importers across the region.
The regional chamber of commerce warned that retailers could face empty shelves before the holiday season if the dispute drags on.
Economists at the national bank estimate that every week of the strike lowers regional output by about 0.2 percentage points.
The government has so far declined to intervene, saying the dispute should be settled by the two sides at the negotiating table.
"""

OTHER_STORY = """City council approves new tram line after long debate

The city council of Marrowby voted 31 to 12 on Tuesday to approve a new tram line linking the university district with the central station.
Construction is expected to start next spring and to last about three years, according to the transport department.
Mayor Ines Calloway said the line would cut travel times for students and commuters and reduce traffic in the old town.
Opponents argued that the project was too expensive and that buses could serve the same routes at a fraction of the cost.
The council also agreed to set aside money for new cycle lanes along the route, a demand of local residents' groups.
Shop owners on the planned route asked for compensation for the months of building work in front of their stores.
The transport department will publish a detailed timetable for the works in the autumn, a spokesman said.
Residents can comment on the plans at a series of public meetings to be held in each district over the summer.
"""


def earnings(company: str, boss: str, city: str, numbers: tuple[int, int, int, int]) -> str:
    """One earnings report of a template: another company's is another story."""
    profit, before, revenue, jobs = numbers
    return f"""{company} profit rises on strong demand

{city.upper()}, April 20 - {company} said on Thursday that net profit rose to {profit} million euros in the first quarter from {before} million a year earlier.
Revenue grew to {revenue} million euros, helped by strong demand from customers in {city} and abroad.
Chief executive {boss} said the company would hire {jobs} more workers this year to keep up with orders.
{company} kept its forecast for the full year unchanged and said it expected margins to stay stable.
Shares in {company} rose 3 percent in early trading after the results were published.
"""


def article(article_id: str, text: str, day: int | None = 12, source: str | None = None) -> Article:
    published = Published(date=dt.date(2021, 6, day), how="header") if day else Published()
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        title=text.split("\n", 1)[0],
        source=source,
        published=published,
        text=text,
    )


def trimmed(text: str, lines: int) -> str:
    """The story without its last ``lines`` lines."""
    return "\n".join(text.rstrip("\n").split("\n")[:-lines]) + "\n"


def retitled(text: str, title: str) -> str:
    return title + "\n" + text.split("\n", 1)[1]


def redated(text: str) -> str:
    """Another outlet's dateline on the same story."""
    return text.replace("HARBOURTON, June 12 (Newswire) - ", "HARBOURTON (Coast Herald) — ")


def embedded(story: str) -> str:
    """A longer article that prints the story (without its title) in its middle."""
    head, tail = OTHER_STORY.split("\n", 4)[:4], OTHER_STORY.split("\n", 4)[4]
    body = story.split("\n", 2)[2]
    return "\n".join(head) + "\n" + body + tail


DAILY = """Harbourton port chief says strike bill is higher than thought

The strike at the Port of Harbourton has cost far more than first reported, port director Rosa Varga said on Saturday.
In an interview with this newspaper, Varga said the cost of the cargo backlog reached €4.1bn this year once lost contracts were counted.
She added that the port authority hoped to reach a deal with the union before the end of June.
"""
