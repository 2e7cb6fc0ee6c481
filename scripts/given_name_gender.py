"""Derive ``src/tui/data/people/given_name_gender.tsv`` from the nomquamgender wheel.

    python scripts/given_name_gender.py WHEEL [--min-count 100] [--max-p 0.05] [-o FILE]

WHEEL is ``nomquamgender-0.1.4-py3-none-any.whl`` (PyPI, MIT licence; ``pip download
nomquamgender==0.1.4 --no-deps``). Its ``nomquamgender/name_data.json`` maps a lowercased,
accent-free given name to ``[sources, counts, p(female), ...]`` pooled from many national
name registers. A name is kept when it is a plain word of letters (inner ``-`` or ``'``
allowed), has at least ``--min-count`` recorded bearers, and p(female) is at least
``1 - max_p`` (``f``) or at most ``max_p`` (``m``). Words of the project's place, particle,
honorific and demonym lexicons are left out: they are no given names in news text. The
package is read from the wheel (a zip) here only; it is no run-time dependency. See
docs/extraction/people.md ("Given names' gender").
"""

from __future__ import annotations

import argparse
import json
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = ROOT / "src" / "tui" / "data" / "people"
NAME = re.compile(r"^[a-z]+(?:['-][a-z]+)*$")
SKIP_LEXICONS = ("places", "particles", "honorifics", "demonyms")
LICENCE = """\
# Given names and the gender they almost always point to (f | m), one "name<TAB>gender" a line.
# Used ONLY to choose between "he" and "she" (tui.extract.people.lexicon.given_name_gender);
# never to decide that a word is a name. The hand lists given_names_*.txt win over it.
# Derived by scripts/given_name_gender.py from nomquamgender 0.1.4 (PyPI; name_data.json,
# https://github.com/ianvanbuskirk/nomquamgender), kept: counts >= {min_count} and
# p(female) >= {hi} (f) or <= {lo} (m); {n} names.
#
# nomquamgender licence:
# MIT License
#
# Copyright (c) 2022 Ian Van Buskirk
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
# SOFTWARE.
"""


def _words(name: str) -> set[str]:
    """The single-word entries of a project lexicon (lowercased, comments dropped)."""
    out: set[str] = set()
    for line in (PEOPLE / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip().lower()
        if entry and " " not in entry:
            out.add(entry.rstrip("."))
    return out


def derive(data: dict[str, list[object]], min_count: int, max_p: float) -> dict[str, str]:
    """Name -> ``f``/``m`` for the names with strong evidence (see the module docstring)."""
    skip: set[str] = set()
    for name in SKIP_LEXICONS:
        skip |= _words(name)
    out: dict[str, str] = {}
    for name, info in data.items():
        counts, p_female = info[1], info[2]
        if not NAME.match(name) or len(name) < 2 or name in skip:
            continue
        if not isinstance(counts, int) or not isinstance(p_female, (int, float)):
            continue
        if counts < min_count:
            continue
        if p_female >= 1 - max_p:
            out[name] = "f"
        elif p_female <= max_p:
            out[name] = "m"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path)
    parser.add_argument("--min-count", type=int, default=100)
    parser.add_argument("--max-p", type=float, default=0.05)
    parser.add_argument("-o", "--out", type=Path, default=PEOPLE / "given_name_gender.tsv")
    args = parser.parse_args()
    with zipfile.ZipFile(args.wheel) as wheel:
        data = json.loads(wheel.read("nomquamgender/name_data.json"))
    genders = derive(data, args.min_count, args.max_p)
    header = LICENCE.format(
        min_count=args.min_count,
        hi=round(1 - args.max_p, 4),
        lo=args.max_p,
        n=len(genders),
    )
    body = "".join(f"{name}\t{gender}\n" for name, gender in sorted(genders.items()))
    args.out.write_text(header + body, encoding="utf-8")
    female = sum(1 for g in genders.values() if g == "f")
    size = args.out.stat().st_size
    print(f"{len(genders)} names ({female} f, {len(genders) - female} m), {size // 1024} KB")


if __name__ == "__main__":
    main()
