"""Dashboard timings on a synthetic corpus (prints figures; not a test).

    PYTHONPATH=src python benchmarks/bench_dashboard.py [ARTICLES]

Builds ARTICLES short articles (default 400) plus one ~200 KB article, each with people,
dated events and figures, then measures: indexing the corpus, app start until every table
is filled, choosing a person (filters re-run), and highlighting + scrolling to a span near
the end of the 200 KB article.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import time

from tui.app import NewsdashApp
from tui.app.panes.source import SourcePane
from tui.app.view import CorpusView, Selection
from tui.models import Article, Corpus, Event, Figure, Person, Published, Range, TimeExpr

SENTENCE = "Officials in Northport said on 4 March 2022 that about 1,250 workers joined. "


def synthetic(n: int) -> Corpus:
    articles: list[Article] = []
    events: list[Event] = []
    figures: list[Figure] = []
    mentions: dict[int, list[object]] = {}
    for i in range(n + 1):
        repeat = 2600 if i == n else 20  # the last article is ~200 KB
        text = SENTENCE * repeat
        article = Article(
            id=f"a{i}",
            path=f"a{i}.txt",
            source=f"Outlet {i % 25}",
            published=Published(date=dt.date(2022, 3, 1 + i % 28), how="header"),
            text=text,
        )
        articles.append(article)
        for k in range(0, repeat, max(1, repeat // 10)):
            base = k * len(SENTENCE)
            d0 = base + SENTENCE.index("4 March 2022")
            f0 = base + SENTENCE.index("about 1,250")
            fid = f"f{i}-{k}"
            figures.append(
                Figure(
                    id=fid,
                    article_id=article.id,
                    start=f0,
                    end=f0 + 11,
                    text=text[f0 : f0 + 11],
                    value=1250,
                    kind="count",
                    qualifier="about",
                    measure="workers joined",
                )
            )
            events.append(
                Event(
                    id=f"e{i}-{k}",
                    article_id=article.id,
                    when=TimeExpr(
                        article_id=article.id,
                        start=d0,
                        end=d0 + 12,
                        text=text[d0 : d0 + 12],
                        value="2022-03-04",
                    ),
                    sentence=Range(start=base, end=base + len(SENTENCE) - 1),
                    people=[f"p{i % 200}"],
                    figures=[fid],
                )
            )
            mentions.setdefault(i % 200, []).append(article.span(base, base + 9))
    people = [
        Person(id=f"p{j}", name=f"Person {j}", mentions=spans)  # type: ignore[arg-type]
        for j, spans in mentions.items()
    ]
    return Corpus(articles=articles, people=people, events=events, figures=figures)


async def main(n: int) -> None:
    corpus = synthetic(n)
    print(
        f"corpus: {len(corpus.articles)} articles, {len(corpus.people)} people, "
        f"{len(corpus.events)} events, {len(corpus.figures)} figures"
    )
    t = time.perf_counter()
    CorpusView.build(corpus)
    print(f"index corpus:            {1000 * (time.perf_counter() - t):7.0f} ms")
    app = NewsdashApp(corpus, theme="newsdash", load_user_keymap=False)
    t = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        print(f"start, tables filled:    {1000 * (time.perf_counter() - t):7.0f} ms")
        t = time.perf_counter()
        app.choose_person("p3")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        print(f"choose person (filter):  {1000 * (time.perf_counter() - t):7.0f} ms")
        big = corpus.articles[-1]
        app.selection = Selection("article", big.id, big.id, 0, 0)
        await pilot.pause()
        t = time.perf_counter()
        last = [f for f in corpus.figures if f.article_id == big.id][-1]
        app.selection = Selection("figure", last.id, big.id, last.start, last.end)
        await pilot.pause()
        await pilot.pause()
        print(f"highlight in 200 KB art: {1000 * (time.perf_counter() - t):7.0f} ms")
        assert app.query_one(SourcePane).highlighted == (big.id, last.start, last.end)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 400))
