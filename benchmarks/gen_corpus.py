"""Write N realistic synthetic news articles (datelines, titled people, dates, figures).

    python benchmarks/gen_corpus.py OUT_DIR N [--seed S] [--real FOLDER]

Names, places and outlets are invented combinations; the styles vary (wire dateline, header
line, blog page with navigation lines, translated piece with a weekday-and-day date).

With ``--real FOLDER`` the articles are made of real news instead: each takes a headline and
6-14 sentences sampled from two or three of FOLDER's ``.txt`` articles (read when the script
runs, never stored in the repository), so names, dates and numbers repeat across the corpus
as they do in a real one.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

GIVEN = ["Ana", "Tomas", "Irina", "Kwame", "Mei", "Lars", "Sofia", "Rahul", "Elif", "Diego",
         "Hana", "Pavel", "Amara", "Jonas", "Lucia", "Oleg", "Nadia", "Samir", "Greta",
         "Yusuf"]  # fmt: skip
FAMILY = ["Costa", "Novak", "Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Kowalski",
          "Van der Berg", "Da Silva", "Petrenko", "Almeida", "Brandt", "Osei", "Rinaldi",
          "Sato", "Kaplan", "Ferreira", "Nilsen", "Abara"]  # fmt: skip
TITLES = ["Foreign Minister", "Trade Minister", "central bank governor", "ambassador",
          "spokesperson", "Deputy Prime Minister", "senior analyst", "chief executive"]  # fmt: skip
CITIES = ["LISBON", "ACCRA", "OSLO", "LIMA", "HANOI", "NAIROBI", "QUITO", "RIGA", "TUNIS", "MANILA"]
AGENCIES = ["Reuters", "AP", "AFP", "EFE", "ANSA", "DPA"]
COUNTRIES = ["Portugal", "Ghana", "Norway", "Peru", "Vietnam", "Kenya", "Ecuador", "Latvia"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
THINGS = ["agreements", "joint ventures", "delegates", "projects", "contracts"]
NAV = ["Home", "World", "Business", "Share", "Subscribe", "Sign in"]


def article(rng: random.Random, i: int) -> str:
    year = rng.randint(2018, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    a, b = rng.sample(range(len(GIVEN)), 2)
    p1 = f"{GIVEN[a]} {FAMILY[rng.randrange(len(FAMILY))]}"
    p2 = f"{GIVEN[b]} {FAMILY[rng.randrange(len(FAMILY))]}"
    t1, t2 = rng.sample(TITLES, 2)
    c1, c2 = rng.sample(COUNTRIES, 2)
    city = rng.choice(CITIES)
    pct = rng.randint(2, 90)
    money = rng.choice([f"${rng.randint(10, 900)}mn", f"€{rng.randint(1, 9)}bn",
                        f"US${rng.randint(10, 99)}.{rng.randint(1, 9)} million"])  # fmt: skip
    count = rng.randint(3, 400)
    thing = rng.choice(THINGS)
    prev = MONTHS[(month - 2) % 12]
    body = [
        f"{c1} and {c2} agreed on {MONTHS[month - 1]} {day} to deepen cooperation in energy and "
        f"trade, {t1} {p1} said after talks with {t2} {p2}.",
        f'"We have signed more than {count} {thing} since {year - 3}," {p1.split()[-1]} told '
        f"reporters, adding that bilateral trade increased by {pct}% in {year - 1}, reaching "
        f"{money}.",
        f"{p2}, who visited the capital in {prev}, said the next round of talks will take place "
        f"in the second quarter of {year + 1}. Officials expect about {count // 2 + 1} "
        f"companies to attend the forum next month.",
        f"According to the trade ministry, exports rose nearly {pct // 2 + 1} percent in the "
        f"first nine months of {year - 1}, while imports fell 3 points.",
    ]
    filler = [
        f"The {t1.lower()} also discussed logistics, health and education with business leaders, "
        f"and both sides noted that shipping costs remain a concern for exporters in {c2}.",
        f"Analysts said the talks reflected a broader effort by {c1} to diversify its partners "
        f"at a time of uncertainty in global markets and rising borrowing costs.",
        "Earlier this year the two governments set up a working group on customs procedures, "
        "which officials say has already shortened clearance times at the main ports.",
        f"Critics in {c1} argued that the agreements lack transparency and called on parliament "
        f"to review the terms before any funds are committed.",
    ]
    body += rng.sample(filler, 3)
    rng.shuffle(body)
    style = i % 4
    if style == 0:
        head = f"{city}, {MONTHS[month - 1]} {day} ({rng.choice(AGENCIES)}) - "
        return f"{c1}, {c2} deepen ties\n\n{head}{' '.join(body)}\n"
    if style == 1:
        return f"date {year}-{month:02d}-{day:02d}\n" + "\n\n".join(body) + "\n"
    if style == 2:
        nav = "\n".join(rng.sample(NAV, 4))
        return f"{nav}\n\nTalks in {city.title()}\n\n" + "\n\n".join(body) + "\n\nLeave a Reply\n"
    return (
        f"{city.title()}, {day} {MONTHS[month - 1]} {year} ({rng.choice(AGENCIES)}): "
        + "\n\n".join(body)
        + "\n"
    )


def generate(out: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = out / f"{i // 1000:03d}" / f"article_{i:05d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(article(rng, i), encoding="utf-8")
        paths.append(path)
    return paths


SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d\u2019]?\s+(?=[\"\u201c\u2018A-Z0-9])")


def real_sentences(folder: Path) -> list[tuple[str, list[str]]]:
    """Each article of ``folder`` (recursively): its first line and its body's sentences."""
    stories = []
    for path in sorted(folder.rglob("*.txt")):
        lines = [line.strip() for line in path.read_text(errors="replace").splitlines()]
        lines = [line for line in lines if line]
        if len(lines) < 2:
            continue
        sentences = [s for line in lines[1:] for s in SENTENCE_END.split(line) if len(s) > 20]
        if sentences:
            stories.append((lines[0], sentences))
    return stories


def generate_real(source: Path, out: Path, n: int, seed: int = 7) -> list[Path]:
    """N articles of sentences sampled from the real articles under ``source``."""
    stories = real_sentences(source)
    if not stories:
        raise SystemExit(f"{source}: no .txt articles with sentences")
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        picked = rng.sample(stories, min(len(stories), rng.randint(2, 3)))
        pool = [s for _, sentences in picked for s in sentences]
        body = rng.sample(pool, min(len(pool), rng.randint(6, 14)))
        paragraphs = [" ".join(body[j : j + 3]) for j in range(0, len(body), 3)]
        path = out / f"{i // 1000:03d}" / f"article_{i:05d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(picked[0][0] + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--real", type=Path, default=None, help="sample sentences from here")
    args = parser.parse_args()
    if args.real is not None:
        generate_real(args.real, args.out, args.n, args.seed)
    else:
        generate(args.out, args.n, args.seed)
    print(f"wrote {args.n} articles to {args.out}")


if __name__ == "__main__":
    main()
