"""Words of change and level ("rose", "totaled", "an increase") and their base forms.

The shared pipeline runs without spaCy's lemmatizer, so verb and noun lemmas come from the
small hand-written lexicons below (news English reporting of levels and changes).
"""

from __future__ import annotations

_IRREGULAR = {
    "rose": "rise",
    "risen": "rise",
    "grew": "grow",
    "grown": "grow",
    "fell": "fall",
    "fallen": "fall",
    "stood": "stand",
    "shrank": "shrink",
    "shrunk": "shrink",
    "sank": "sink",
    "sunk": "sink",
    "slid": "slide",
    "lost": "lose",
    "hit": "hit",
    "was": "be",
    "were": "be",
    "is": "be",
    "are": "be",
    "been": "be",
    "being": "be",
    "'s": "be",
    "came": "come",
    "made": "make",
    "cut": "cut",
    "upped": "up",
    "leapt": "leap",
    "leaped": "leap",
}

CHANGE_VERBS = frozenset(
    [
        "rise",
        "increase",
        "grow",
        "climb",
        "jump",
        "surge",
        "soar",
        "rocket",
        "fall",
        "drop",
        "decline",
        "decrease",
        "plunge",
        "slump",
        "slide",
        "sink",
        "shrink",
        "tumble",
        "gain",
        "lose",
        "dip",
        "edge",
        "expand",
        "contract",
        "advance",
        "slip",
        "plummet",
        "spike",
        "widen",
        "narrow",
        "cut",
        "reduce",
        "raise",
        "boost",
        "lower",
        "leap",
        "rebound",
        "recover",
        "retreat",
        "ease",
        "tick",
        "balloon",
        "swell",
        "slash",
        "trim",
        "add",
    ]
)
LEVEL_VERBS = frozenset(
    [
        "reach",
        "total",
        "stand",
        "amount",
        "hit",
        "be",
        "exceed",
        "top",
        "surpass",
        "near",
        "approach",
        "equal",
        "constitute",
        "account",
        "come",
        "make",
        "number",
        "stay",
        "remain",
        "hover",
        "value",
        "estimate",
        "worth",
        "cost",
    ]
)
CHANGE_NOUNS = frozenset(
    [
        "increase",
        "rise",
        "growth",
        "gain",
        "jump",
        "surge",
        "drop",
        "fall",
        "decline",
        "decrease",
        "reduction",
        "cut",
        "slump",
        "contraction",
        "expansion",
        "hike",
        "boost",
        "dip",
        "plunge",
        "climb",
        "uptick",
        "downturn",
    ]
)
ALL_VERBS = CHANGE_VERBS | LEVEL_VERBS

#: Which way a change goes, by its verb or noun lemma ("rose" -> up, "a decline" -> down);
#: words that go either way ("edge", "tick") take their particle ("edged up").
UP_WORDS = frozenset(
    ["rise", "increase", "grow", "climb", "jump", "surge", "soar", "rocket", "gain", "expand",
     "advance", "spike", "widen", "raise", "boost", "leap", "rebound", "recover", "balloon",
     "swell", "add", "growth", "hike", "uptick", "expansion", "up", "higher"]
)  # fmt: skip
DOWN_WORDS = frozenset(
    ["fall", "drop", "decline", "decrease", "plunge", "slump", "slide", "sink", "shrink",
     "tumble", "lose", "dip", "contract", "slip", "plummet", "narrow", "cut", "reduce", "lower",
     "retreat", "ease", "slash", "trim", "reduction", "contraction", "downturn", "down",
     "loss"]
)  # fmt: skip


#: Verbs whose object or price says what an amount of money is when the subject is a name:
#: "Orbis lost $212 million" is a loss, "Helix will pay $3.8 billion for Corvo" a price.
MONEY_VERBS = {
    "lose": "loss",
    "lost": "loss",
    "loses": "loss",
    "losing": "loss",
    "earn": "profit",
    "earned": "profit",
    "earns": "profit",
    "net": "profit",
    "netted": "profit",
    "pay": "price",
    "paid": "price",
    "pays": "price",
    "paying": "price",
}
#: "... buy Corvo for $4.5 billion": the amount after "for" is the price.
PRICE_VERBS = frozenset(
    ["buy", "bought", "buys", "buying", "acquire", "acquired", "acquires", "acquiring",
     "purchase", "purchased", "sell", "sold", "sells", "selling"]
)  # fmt: skip


def verb_lemma(word: str) -> str:
    """A base form for the change/level verbs (``rose`` -> ``rise``, ``totaled`` -> ``total``)."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in ALL_VERBS:
        return w
    candidates = []
    for suffix in ("ing", "ed", "es", "s", "d"):
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            candidates += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])
            if stem.endswith("i"):
                candidates.append(stem[:-1] + "y")
    for cand in candidates:
        if cand in ALL_VERBS:
            return cand
    return w


def noun_lemma(word: str) -> str:
    """A singular form for plural nouns (enough for grouping: "agreements" -> "agreement")."""
    w = word.lower()
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return w[:-2]
    return w[:-1]
