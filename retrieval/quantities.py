"""Questions that ask for a quantity, and whether a sentence gives that quantity."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.keyword import keyword_tokens
from retrieval.names import CLAUSE_BREAK, whose_country

# What a quantity is measured in, asked as "..., in barrels per day?".
_MEASURES = (
    r"(?:barrels|tonnes|tons|cubic\s+metres|cubic\s+meters|bcm|kilometres|kilometers|km"
    r"|miles|metres|meters|hectares|doses|percent|per\s+cent|dollars|euros|pounds)"
)
# A rate asked for that is a share of something: "what interest rate", "what tariff rates".
_A_RATE = (
    r"\bwhat\s+(?:[\w-]+\s+)?(?:interest|inflation|tariff|tax|unemployment|growth|key)\s+rates?\b"
)
# Figures asked of whoever cites them: "what trade figures did |Putin| cite", "what numbers
# did |the minister| give" (not who gave what is counted: "how many tanks did Germany give").
_CITED_FIGURES = (
    # (Not "what historical figure did Putin mention": a person.)
    r"what\s+(?!(?:[\w-]+\s+){0,3}?(?:political|public|historical|key|senior|prominent"
    r"|leading|religious|opposition|military)\s+figure\b)(?P<of>(?:[\w-]+\s+){0,3}?)"
    # One figure asked of someone too: "what figure did Medvedev give for ...", "what estimate
    # of Russian soldiers killed did the BND publish", "what death toll did the ministry report".
    r"(?:figures?|numbers|statistics|estimates?|toll|tally)"
    r"(?:\s+(?:of|for|on)\s+(?P<after>(?:[\w'’-]+\s+){1,6}?))?"
    r"\s*(?:did|does|do|has|have|had)\s+(?P<citer>(?:[\w'’.-]+\s+){1,6}?)"
    r"(?:cite[sd]?|give[sn]?|gave|quote[sd]?|mention(?:s|ed)?|report(?:s|ed)?|provided?"
    r"|offer(?:s|ed)?|present(?:s|ed)?|put|publish(?:es|ed)?)\b"
)
# What an estimate or a forecast asked for measures: "the growth forecast", "estimate of
# Russian casualties".
_MEASURED_NOUNS = (
    r"(?:growth|gdp|inflation|casualt\w*|loss(?:es)?|deaths?|killed|spending|budget|deficit"
    r"|revenues?|output|production|exports?|imports?|(?:19|20)\d\d)"
)
# Questions whose answer is a quantity: the evidence must contain a number.
_QUANTITY_QUESTION = re.compile(
    r"\b(how (?:many|much|large|big|long|far|old)|what (?:amount|number|percentage|share|sum)"
    r"|by what (?:vote|margin)"
    # "at what rate", and "to what level did the central bank cut its rate" (not "at what
    # level were the talks held", "what level of support")
    r"|(?:to|at) what rate\b"
    r"|(?:to|at) what level\b(?=[^?]*\b(?:rates?|prices?|inflation|interest|tariffs?)\b)"
    # "which one killed more people", "which side lost fewer tanks": counts set side by side
    # (a plural noun: not "which side made more progress", "which is more serious")
    r"|which\b[^?]*?\b(?:more|fewer)\s+(?:people|[a-z]+[^\Wsu]s)\b"
    # "what numbers about the fund", "what trade and investment figures did Putin cite" (not
    # "what political figures did Putin meet": people)
    r"|what (?:[\w-]+\s+){0,3}?(?:numbers?|statistics)"
    # "what money did Johnson announce", "what new funding did the EU pledge", "what unit
    # cost has been reported" (not "what political cost did he pay")
    r"|what (?:[\w-]+\s+){0,2}?(?:money|funding)\b"
    r"|what (?:[\w-]+\s+)?(?:unit|per[- ]unit|total|estimated|overall|average)\s+costs?\b"
    # "what does a Flamingo missile cost", "what did it cost to build" (not "what did the war
    # cost Russia politically", "what does the cost of the war mean")
    r"|what (?:does|do|did|would|will) (?:[\w'’-]+\s+){1,5}?(?<!the\s)cost"
    r"(?=\s*(?:[?.]|$|(?:per|each|apiece|a\s+piece|in\s+total|to\s+(?:build|make|produce|buy))\b))"
    # "what interest rate will Ukraine pay", "what tariff rate" (not "what did Fitch rate")
    rf"|{_A_RATE}"
    rf"|{_CITED_FIGURES}"
    # "what was the death toll", "what was the dollar value of the trade", "what's the price"
    # (and typed "whats the growth forecast", "what was Ukraine's General Staff estimate")
    r"|what(?:['’]?s|\s+was|\s+is|\s+were) (?:the|[\w-]+['’]s) (?:[\w'’-]+\s+){0,3}?"
    r"(?:vote|tally|count|turnout|toll|value|cost|price|total|worth"
    # (an estimate or forecast of something measured: not "Budanov's forecast for the war")
    rf"|{_MEASURED_NOUNS}\s+(?:estimates?|forecasts?)"
    rf"|(?:estimates?|forecasts?)\s+(?:of|for)\s+(?:[\w'’-]+\s+){{0,2}}?{_MEASURED_NOUNS}))\b"
    # "what total in euros did the BND estimate", "what did the BND estimate Russia's spending"
    # (not "what did the intelligence estimate conclude")
    r"|\bwhat (?:total|estimate)\b(?!\s+(?:war|victory|control)\b)"
    r"|\bwhat (?:did|does|do) (?:[\w'’-]+\s+){1,4}?estimate\b"
    r"(?!\s+(?:conclude|say|find|show|suggest|warn|predict)\w*)"
    r"|(?:what|which)\s+[$€£]"
    # "how did their purchases compare, in barrels per day?": a measure asked for
    rf"|,\s+in\s+{_MEASURES}\b(?:\s+(?:per|a)\s+\w+)?\s*\??\s*$"
    # "what % of ukrainians would back ...", as people type it
    r"|what\s+(?:%|percent\b|per\s+cent\b|proportion\b|fraction\b)"
    # "denmark referendum turnout?", "senate vote count on the aid package in may??", typed as
    # a heading (not "why was turnout low?")
    r"|^(?!.*\b(?:why|what|how|who|did|does|do|was|were|is|are|say|said|can|could|should"
    r"|will|would)\b)[^?]*"
    r"\b(?:turnout\s*\??\s*$|vote\s+(?:count|tally)\b|death\s+toll\b"
    # "csis number for ukrainian soldiers killed in 2025?", "un count of civilians killed"
    # (not "a number of issues", nor "count on US support")
    r"|(?<!\ba\s)(?:number|tally)\s+(?:for|of|on)\b|(?<!\ba\s)count\s+(?:for|of)\b)"
    # "what compensation amount did they agree", "what aid sum" (not "what amounts to", "what
    # does that amount to")
    r"|\bwhat\s+(?!(?:does|do|did|would|will|could|can|might)\b)(?:[\w-]+\s+){1,2}?"
    r"(?:amount|sum)\b(?!\s+to\b)",
    re.IGNORECASE,
)
_CURRENCIES = (
    r"dollars|euros|pounds|usd|eur|uah|rub|hryvnias?|roubles?|rubles?|yuan|francs?|kroner"
    r"|kronor|krona|zlotys?"
)
# What "3.4 million" may count instead of money.
_COUNTED_NOT_MONEY = (
    r"people|persons|residents|civilians|citizens|children|refugees|migrants|individuals"
    r"|households|homes|families|voters|users|\w+ians|americans|europeans|troops|soldiers"
    r"|shells|rounds|drones|missiles|tons|tonnes|barrels|doses|cubic|square|hectares"
)
# Some questions ask for a kind of number: a share is answered by a percentage or a fraction,
# a vote by a tally, a "$ level" by a sum of money; a number of another kind doesn't answer.
_KINDS = {
    "share": (
        # (Not "percent" anywhere: "how many were killed when 40 percent of the grid failed"
        # asks for a count.)
        re.compile(
            r"\b(?:shares?|percentages?|proportions?|turnout)\b"
            r"|\bwhat\s+(?:%|percent\b|per\s+cent\b|fraction\b)"
            # (A rate of interest or growth asked is a share; one of advance is not.)
            rf"|{_A_RATE}",
            re.IGNORECASE,
        ),
        re.compile(
            r"\d\s*%|\d\s*(?:percent|per cent|percentage points?|basis points?)\b"
            r"|\b(?:half|third|thirds|quarter|quarters)\b",
            re.IGNORECASE,
        ),
    ),
    "vote": (
        re.compile(
            r"\b(?:what (?:vote|margin)|the (?:[\w-]+\s+){0,2}?(?:vote|margin)|tally"
            r"|vote\s+count)\b",
            re.IGNORECASE,
        ),
        re.compile(r"\b\d+\s*(?:-|–|to)\s*\d+\b|\b\d+\s+votes\b", re.IGNORECASE),
    ),
    # A turnout is a share of the voters who voted, not the share who voted yes: "backed by
    # 66.9% to 33.1%" is no turnout.
    "turnout": (
        re.compile(r"\bturnout\b", re.IGNORECASE),
        re.compile(
            r"\bturn(?:out|ed out)\b|\bparticipation\b|\bcast (?:their )?ballots\b",
            re.IGNORECASE,
        ),
    ),
    # "How old was he?" is answered by an age: "Kurenkov, 50,", "a 50-year-old", "aged 50".
    "age": (
        re.compile(r"\bhow old\b", re.IGNORECASE),
        re.compile(
            r"\b\d{1,3}[- ]years?[- ]old\b|\baged\s+\d{1,3}\b|[A-Z]\w+,\s+\d{1,3},"
            r"|\bage\s+of\s+\d{1,3}\b|\bturn(?:s|ed)\s+\d{1,3}\b|\bborn\s+in\s+(?:\w+\s+){0,2}\d{4}\b",
        ),
    ),
    # A cost or a price is a sum of money: "the launch cost" is not "the past ten years".
    "money": (
        re.compile(
            # (A sum the question gives asks for none: "the vote on the $40bn package".)
            r"[$€£](?!\s*\d)|\b(?:dollars?|euros?|pounds|money|funding|costs?|cost(?:ed|ing)|prices?"
            r"|priced)\b"
            # "how much did Poland pay into PURL", "how much did Hong Kong fine the trader" (not
            # "how much ammunition did Germany donate": a quantity of it)
            r"|\bhow\s+much\s+(?:did|does|do|will|would|has|have|had)\s+(?:[\w'’.-]+\s+){1,5}?"
            r"(?:pay|paid|spend|spent|fine|fined|earn|earned|donate|donated|invest|invested"
            # (Not "as a share of GDP", "raise inflation": a share or a rate.)
            r"|raise|raised)\b(?!.*\b(?:share|percent|per\s+cent|proportion|gdp|rates?"
            r"|inflation)\b)",
            re.IGNORECASE,
        ),
        # (Hryvnias and roubles too, and in words: "six and a half thousand hryvnias"; a
        # number in words followed by "million" is a count: "a hundred million people".)
        # (Not "3.4 million people": a count of what the word after names.)
        re.compile(
            rf"[$€£₴₽¥]\s*\d|\d\s*(?:{_CURRENCIES})\b|\d\s*(?:bn|billion|million)\b"
            rf"(?!\s+(?:of\s+)?(?:{_COUNTED_NOT_MONEY})\b)"
            rf"|\b(?:hundred|thousand|million|billion|trillion)\s+(?:{_CURRENCIES})\b",
            re.IGNORECASE,
        ),
    ),
}
# The words that ask for a quantity are not what the quantity is about, nor are the words
# asking it of several ("how long did each say").
QUANTITY_WORDS = frozenset(
    keyword_tokens(
        "many much large big long far old amount number percentage share sum each both value "
        "cost price total worth"
    )
)
# "How many X ...": X is what is counted, and the number must count it ("73 people").
# (Past "of the 37k" to what those are: "how many of the 37k women in the army".)
# ("The number of X" asked itself counts X too: "what figure did he give for the number of
# soldiers wounded", "what was the number of ..."; not "by what percentage did the number of
# refugees fall".)
_COUNTED = re.compile(
    rf"(?:\bhow many|(?:(?<=s )|(?<=for ))the number of|\b(?:what|which) number of|\bthe numbers of"
    rf"|(?<=, )in(?=\s+{_MEASURES}\b))\s+"
    r"(?:of\s+(?:the|these|those|its|their)\s+[\d.,]+\w*\s+(?:(?:thousand|million|billion)\s+)?)?"
    r"((?:[\w-]+\s+){0,3})",
    re.IGNORECASE,
)
# "Which one killed more people": people are counted, on each side.
_MORE_COUNTED = re.compile(
    r"\bwhich\b[^?]*?\b(?:more|fewer)\s+((?:[\w-]+[^\w\s]*\s*){0,3})",
    re.IGNORECASE,
)
_STOP_COUNTED = frozenset(
    re.findall(
        r"\w+",
        "are is was were have has had did do does would will could can should been be of in on "
        "at to for by from with there that per "
        # Not what is counted: "how many so far", "how many ukrainians said no", "how many
        # actually got out".
        "so far yet now already actually really still exactly roughly approximately got get "
        "say said says",
    )
)
# Numbers that are only dates, years or clock times do not answer "how many".
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A day, or two ("February 6 to 7", "6-7 February"), not the start of "4 and 5,000 troops".
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?![\d,.]\d)"
_DAYS = rf"{_DAY}(?:\s*(?:-|–|to|and)\s*{_DAY})?"
_DATE_OR_TIME = re.compile(
    rf"\b(?:{_DAYS}\s+{_MONTH}|{_MONTH}\s+{_DAYS}\b)"
    r"|\b(?:19|20)\d\d(?:[-–/]\d\d)?s?\b|\b\d{1,2}[.:]\d\d\b|\b\d{1,2}\s*[ap]\.m\."
    # "shot down two years ago": when, not how many
    r"|\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:days?|weeks?|months?|years?|decades?)\s+ago\b",
    re.IGNORECASE,
)
# ("Near zero" is a figure; "zero-sum" is none.)
_NUMBER_WORDS = (
    r"\b(?:zero(?!-)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?"
    r"|dozens?)\b"
)
_QUANTITY = re.compile(rf"\d|{_NUMBER_WORDS}", re.IGNORECASE)
# A model's name or a rank is no count: "FP-5 Flamingo missiles", "F-16 jets", "MiG-29s",
# "UNITED24", "world No.1", "9M723-1 type Iskander-M missiles", "9-S-7760 Kinzhal".
# (Capitals after the digits: "10k-15k troops" is a range.)
_DESIGNATION = re.compile(r"[^\W\d_]+[-.]?\d|\d+-?[A-Z]+-?\d")
_DIGITS = re.compile(r"\d+(?:[,.]\d+)*")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)[,.]?", re.IGNORECASE)
_HOW_LONG = re.compile(r"\bhow long\b", re.IGNORECASE)
# "months if not years", "for one week", "a day" (not "week" alone: "last week" is when).
_DURATION = re.compile(
    r"\b(?:hours|days|weeks|months|years|decades"
    r"|(?:a|an|one|single)\s+(?:hour|day|week|month|year|decade))\b",
    re.IGNORECASE,
)
_QUALIFIER_REACH = 3  # words before what is counted that say whose: "Russian military losses"
_NEAR = 4  # words between a number and what it counts: "73 people", "400 to 1,000 vessels"
_FATE_REACH = 6  # words from a number to what befell those: "55,000 troops have been killed"


# A comparison referring back to a figure just given: "... 200k are AWOL - how does that
# compare with ...".
_COMPARED = re.compile(
    r"\bhow\s+(?:does|did|do|has|have|would)\s+(?:that|this|it|these|those"
    r"|the\s+(?:figure|number|count|total|estimate|toll)s?)\s+compare",
    re.IGNORECASE,
)
# Words giving the occasion of what is asked, whose figures are given ("how many were missing
# when he put the dead at 55,000?"), up to a comma or the end of the question.
_OCCASION = re.compile(r"\b(?:when|after|while|since|once)\b", re.IGNORECASE)
_OCCASION_ENDS = re.compile(r",\s|[;?]")  # (not "55,000")
# Where a sentence of the question ends (not "the U.S. sent"); chat may go on in lower case
# ("... at the talks? russia brought like 20"), where `split_sentences` sees no new sentence.
_SENTENCE_AFTER = re.compile(r"(?:[?!]|(?<![A-Z])\.)\s+(?=\S)")
_FIGURES_CITED = re.compile(rf"\b{_CITED_FIGURES}", re.IGNORECASE)


@dataclass(frozen=True)
class CitedFigures:
    """A clause asking what figures someone cited: "what trade and investment figures did
    Putin cite when he welcomed Tokayev"."""

    citer_at: int  # where the one citing them is named: "Putin"
    # What they are of, as keyword tokens: trade, invest ("what trade and investment figures"),
    # soldier, kill ("what estimate of soldiers killed"); none for "what figures".
    of: frozenset[str]


def cited_figures(clause: str) -> CitedFigures | None:
    """What the clause asks of the figures someone cited, or None when it asks none."""
    m = _FIGURES_CITED.search(clause)
    if m is None:
        return None
    of = f"{m.group('of')} {m.group('after') or ''}"
    return CitedFigures(m.start("citer"), frozenset(keyword_tokens(of)))


def quantity_clause(question: str) -> str:
    """The part of the question that asks for a quantity, or "" when none does.

    Only that part's subject must come with the number: in "How long should the guarantees
    last, and why involve Congress?" the number is about the guarantees, not Congress.
    """
    return next(iter(quantity_clauses(question)), "")


def quantity_clauses(question: str) -> list[str]:
    """Every part of the question that asks for a quantity, in order: "how much grain is
    blocked and how many people were deported?" asks two, and "Fedorov says 200k are AWOL -
    how does that compare with Russia's deserters?" one, a figure to set against the one given."""
    asks = _COMPARED.search(question)
    quoted = asks is not None and bool(amounts(question[: asks.start()]))
    return [
        c
        for c in CLAUSE_BREAK.split(question)
        if _QUANTITY_QUESTION.search(c) or (quoted and _COMPARED.search(c))
    ]


def the_ask(clause: str) -> str:
    """The clause from its ask for a quantity on ("how much did he announce")."""
    m = _QUANTITY_QUESTION.search(clause)
    return clause[m.start() :] if m else clause


def new_figures(text: str, question: str) -> bool:
    """Whether the text gives a number other than those the question states before it asks
    for one, or in a sentence after: "CSIS said Russia had 415k casualties - how does that
    compare ..." is not answered by "415,000 casualties" (but "how big was the war chest,
    600bn?" asks to confirm one). A text giving no number in digits may: "two hundred
    thousand" cannot be told from "200k"."""
    asks = _QUANTITY_QUESTION.search(question) or _COMPARED.search(question)
    quoted = amounts(question[: asks.start()]) if asks else []
    # So are those it states in a sentence of their own after it: "how many were on Ukraine's
    # team? Russia brought like 20".
    if asks:
        first, *after = _SENTENCE_AFTER.split(question[asks.end() :])
        quoted += [a for sentence in after for a in amounts(sentence)]
        # And those it gives as the occasion, after "when" (to a comma: "after the dam burst,
        # was it 2,000?" asks to confirm one): "how many were missing when he put the dead at
        # 55,000?"
        occasion = _OCCASION.search(first)
        quoted += amounts(_OCCASION_ENDS.split(first[occasion.end() :])[0]) if occasion else []
    given = amounts(text)
    return not quoted or not given or any(not _same(a, quoted) for a in given)


_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}


def amounts(text: str) -> list[float]:
    """The numbers the text gives in digits, each with its multiplier ("415k", "1.2bn", "30
    million"), not its dates, times, years, ordinals or models' names."""
    words = _words(text)
    found = []
    for i, w in enumerate(words):
        if not _is_number(w) or _ORDINAL.fullmatch(w):
            continue
        digits = _DIGITS.search(w)
        if digits is None:
            continue  # a number in words
        value = float(digits.group().replace(",", ""))
        suffix = w[digits.end() :].lower() or (words[i + 1].lower() if i + 1 < len(words) else "")
        found.append(value * _MULTIPLIERS.get(suffix.rstrip(".,"), 1.0))
    return found


def _same(amount: float, others: list[float]) -> bool:
    """Whether the amount is one of the others, as rounded as either is written."""
    return any(abs(amount - o) <= 0.005 * max(amount, o) for o in others)


# Sources count people under many names: "how many people have left" is answered by "60,000
# residents", "how many refugees" by "1.37 million people have fled". (Not "children": a
# count of people is not a count of children.)
_PEOPLE = frozenset(
    keyword_tokens(
        "people persons residents civilians citizens inhabitants refugees migrants individuals"
    )
)
# What "how many times" counts is what happened, in the source's word: "217 Russian attacks";
# unless it asks a ratio ("how many times larger", "how many times as many").
_OCCURRENCES = frozenset(keyword_tokens("times occasions"))
_RATIO = re.compile(r"\bhow many times\s+(?:more|less|fewer|as|over|\w+er)\b", re.IGNORECASE)
# A people counted by its nationality: "how many Ukrainians are in Poland" is answered by
# "2.5 million temporary migrants from Ukraine".
_NATIONALS = re.compile(r"[A-Z]\w{2,}(?:ians|ans)")


def counted_terms(clause: str) -> frozenset[str]:
    """What "how many" (or "the number of", "which ... more", "how much") counts, as keyword
    tokens: "how many Leopard tanks did" -> leopard, tank (and any word for people, when people
    are counted); "how much bilateral aid did" -> bilateral, aid."""
    m = _COUNTED.search(clause) or _MORE_COUNTED.search(clause)
    if not m:
        much = _MEASURED.search(clause)
        return _measured(much.group(1)) if much else frozenset()
    words = []
    for word in m.group(1).split():
        if word.lower() in _STOP_COUNTED:
            break
        words.append(word)
    counted = frozenset(t for t in keyword_tokens(" ".join(words)) if not t.isdigit())
    if counted and counted <= _OCCURRENCES and not _RATIO.search(clause):
        return frozenset()  # "how many times did Russia hit": "217 attacks" counts them
    people = counted & _PEOPLE or any(_NATIONALS.fullmatch(w) for w in words)
    return counted | _PEOPLE if people else counted


# "How much X": X is what is measured ("how much bilateral aid", "how much Russian gas").
_MEASURED = re.compile(r"\bhow much\s+((?:[\w-]+\s+){0,3})", re.IGNORECASE)
# Amounts of what a source names otherwise ("300 sq km" of land, "$1.6bn" of money).
_UNNAMED_AMOUNTS = frozenset(
    keyword_tokens(
        "money cash funding funds land ground territory area kit time damage support progress "
        "more less longer further higher lower bigger larger greater"
    )
)


def _measured(words: str) -> frozenset[str]:
    """What "how much" measures, from the words after it, where the source would name it too."""
    kept: list[str] = []
    for word in words.split():
        tokens = keyword_tokens(word)
        if word.lower() in _STOP_COUNTED or not tokens:
            break
        # What a source names otherwise is measured by no word of the question's: "how much
        # southern territory" by "300 sq km".
        if tokens[-1] in _UNNAMED_AMOUNTS:
            return frozenset()
        kept += [t for t in tokens if not t.isdigit()]
    return frozenset(kept)


# What befell the people a toll counts: a count of the dead does not answer how many were
# wounded. ("Casualties" and "losses" may be any of them.)
_FATES = {
    "killed": re.compile(
        r"\b(?:kill\w*|dead|deaths?|died|dies|fatalit\w*|perish\w*|slain|lives)\b",
        re.IGNORECASE,
    ),
    "wounded": re.compile(r"\b(?:wound\w*|injur\w*|hurt)\b", re.IGNORECASE),
    "missing": re.compile(r"\bmissing\b", re.IGNORECASE),
    "captive": re.compile(r"\b(?:prisoners?|pows?|captives?|captivity)\b", re.IGNORECASE),
}
_ANY_FATE = re.compile(r"\b(?:casualt\w*|loss(?:es)?|lost)\b", re.IGNORECASE)


def _fates(text: str) -> set[str]:
    """What befell the people the text counts: killed, wounded, missing, captive."""
    return {fate for fate, words in _FATES.items() if words.search(text)}


def counts_for_another(text: str, counted: frozenset[str], countries: frozenset[str]) -> bool:
    """Whether the text counts what is asked (keyword tokens) only for countries not asked."""
    # "Russian military casualties" are no count of Ukrainian ones; whose they are is said
    # by a nationality just before what is counted, or by what is counted ("12 Ukrainians").
    rows = counted_whose(text, counted)
    return bool(rows) and not any(row & countries for row in rows)


def counted_whose(text: str, counted: frozenset[str]) -> list[frozenset[str]]:
    """The countries (`country_row`s) of the nationalities just before what is counted."""
    words = re.findall(r"[\w'’-]+", text)
    # (Of one word or two: "North Korean soldiers".)
    whose = [
        whose_country(" ".join(words[j : j + 2])) or whose_country(words[j])
        for i, counts_it in enumerate(words)
        if counted.intersection(keyword_tokens(counts_it))
        for j in range(max(0, i - _QUALIFIER_REACH), i + 1)
    ]
    return [row for row in whose if row]


def of_kind(text: str, clause: str) -> bool:
    """Whether the text gives a number of the kind the question's clause asks for, if any."""
    for asks, gives in _KINDS.values():
        if asks.search(clause) and not gives.search(_DATE_OR_TIME.sub(" ", text)):
            return False
    # A toll of another fate, and none of the one asked: "55,000 soldiers killed" is no count
    # of the wounded (but "55,000 casualties" may be). What befell those a number counts is
    # said beside it: "246 servicemen returned, including 12 who were injured" counts POWs.
    asked = _fates(clause)
    if not asked:
        return True
    words = _words(text)
    numbered = [i for i, w in enumerate(words) if _is_number(w)]
    for i in numbered:
        told = _fate_of(words, i)
        if told is None or asked & told:
            return True
    return not numbered


def _fate_of(words: list[str], i: int) -> set[str] | None:
    """What befell those the number at words[i] counts: the fates of the fate word nearest it
    on each side, up to four words before and six after, short of another number ("55,000
    troops have been killed ..., a great number missing" counts the dead; "killed at least 12
    people and injured 60" may count either); None where neither side tells one, or where one
    tells "casualties" or "losses" (any fate)."""
    before = range(i - 1, max(-1, i - _NEAR - 1), -1)
    after = range(i + 1, min(len(words), i + _FATE_REACH + 1))
    told: set[str] = set()
    for side in (before, after):
        for j in side:
            # (A fate past another number is that one's: "246 came home, 12 of them injured".)
            if _is_number(words[j]):
                break
            if _ANY_FATE.search(words[j]):
                return None
            fates = _fates(words[j])
            if fates:
                told |= fates
                break
    return told or None


def _words(text: str) -> list[str]:
    """The text's words and numbers, its dates and clock times left out."""
    return re.findall(r"[\w,.%$€£-]+", _DATE_OR_TIME.sub(" ", text))


def _is_number(word: str) -> bool:
    """Whether the word is a number ("157", "1.2bn", "four"), not a name ("F-16", "No.1")."""
    return _QUANTITY.search(word) is not None and not _DESIGNATION.match(word)


def owned_figures(text: str) -> dict[str, frozenset[str]]:
    """The figures the text gives as a country's, with its `country_row`: "55,000 Ukrainian
    troops" gives 55000 as Ukraine's."""
    words = _words(text)
    owned: dict[str, frozenset[str]] = {}
    for i, word in enumerate(words):
        if not _is_number(word) or _ORDINAL.fullmatch(word):
            continue
        # (Right after it only: "$12trn to America" is offered to America, not America's.)
        row = whose_country(words[i + 1]) if i + 1 < len(words) else frozenset()
        for figure in (run.replace(",", "") for run in _DIGITS.findall(word)) if row else ():
            owned[figure] = owned.get(figure, frozenset()) | row
    return owned


def figures(text: str) -> frozenset[str]:
    """The numbers the text gives in digits, as digits ("2,514" and "2514", "31%" and "31
    percent" alike), not its dates, times, years, ordinals or models' names."""
    return frozenset(
        run.replace(",", "")
        for w in _words(text)
        if _is_number(w) and not _ORDINAL.fullmatch(w)
        for run in _DIGITS.findall(w)
    )


def gives_duration(text: str, clause: str) -> bool:
    """Whether the clause asks how long and the text answers with a stretch of time in words
    ("it could take years", "months if not years"), which need no number."""
    return _HOW_LONG.search(clause) is not None and _DURATION.search(text) is not None


def has_quantity(text: str) -> bool:
    """Whether the text gives a number that is not merely a date, a time or a model's name."""
    return any(_is_number(w) for w in _words(text))


def counts(text: str, counted: frozenset[str]) -> bool:
    """Whether a number in the text stands within a few words of what is counted."""
    if not counted:
        return has_quantity(text)
    words = _words(text)
    numbered = [i for i, w in enumerate(words) if _is_number(w)]
    stems = [set(keyword_tokens(w)) for w in words]
    return any(
        counted & stems[j]
        for i in numbered
        for j in range(max(0, i - _NEAR), min(len(words), i + _NEAR + 1))
        if j != i
    )
