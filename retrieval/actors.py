"""Questions about an actor's position, and the sentences that speak for that actor."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources

import yaml

from retrieval.names import (
    CALENDAR,
    NAME_ARTICLES,
    PARTICLES,
    Name,
    mentions,
    name_pattern,
    question_names,
    unaccented,
)
from retrieval.titles import TITLE_WORDS

# "Russia's position on NATO", "Moscow's line", "kyiv's demands": the possessor is the actor.
_POSITION = (
    r"(?:position|stance|line|view|views|demands?|proposals?|plan|offer|terms|conditions"
    r"|red lines|goals|aims|response|reaction|estimate|figure|case|objections?|approach)"
)
# The position word in lower case: in "NATO's Cold Response exercise" nobody has a position.
_POSSESSED = re.compile(rf"['’]s\s+(?:[\w-]+\s+){{0,2}}{_POSITION}\b")
# "What does Moscow want?", "what is Kyiv offering"
_WANTS = re.compile(r"\b(?:does|do|did|is|are)\s+$", re.IGNORECASE)
_WANT_VERB = re.compile(
    r"^\s+(?:want|wants|demand|demands|demanding|offer|offering|propose|proposing|say|think"
    r"|insist|insisting|expect|expecting|ask|asking|order|ordering|promise|promising|claim"
    r"|claiming|tell|telling|warn|warning|announce|announcing|pledge|pledging)\b",
    re.IGNORECASE,
)

Aliases = Mapping[str, Sequence[str]]


def load_aliases() -> dict[str, list[str]]:
    """The actor table shipped beside this module (`retrieval/actors.yaml`)."""
    text = resources.files("retrieval").joinpath("actors.yaml").read_text("utf-8")
    raw = yaml.safe_load(text) or {}
    if not isinstance(raw, dict):
        raise ValueError("the actor table must map each actor to a list of names")
    return {str(k): [str(a) for a in (v or [])] for k, v in raw.items()}


def asked_actors(question: str) -> list[Name]:
    """The names whose own position the question asks for."""
    actors = []
    for name in question_names(question):
        end = name.start + len(name.text)
        before, after = question[: name.start], question[end:]
        if _POSSESSED.match(after) or (_WANTS.search(before) and _WANT_VERB.match(after)):
            actors.append(name)
    return actors


# "What did Kushner say", "has Zaluzhny said anything", "did Zelensky respond": the question
# takes for granted that the name spoke.
# ("What does Moscow say and demand" asks its position, which others may report.)
_HAS_SPOKEN = re.compile(r"\b(?:did|has|have|had)\s+$", re.IGNORECASE)
# What several asked together did in answer to something: "how did China and India react to
# the swap" (not "what did Biden and Putin say in their call", which its record may tell
# without quoting either).
_REACTED = "react|reacted|respond|responded|reply|replied|comment|commented"
_SPEAK_VERB = re.compile(
    r"^\s+(?:(?:each|both)\s+)?(?:say|said|tell|told|claim|claimed|warn|warned|announce"
    rf"|announced|write|wrote|{_REACTED})\b",
    re.IGNORECASE,
)
_REACT_VERB = re.compile(rf"^\s+(?:(?:each|both)\s+)?(?:{_REACTED})\b", re.IGNORECASE)
# Between names asked together: "did China and India each react", "did Kyiv, Moscow respond".
_JOINED = re.compile(r"^\s*(?:,|,?\s*and|&|/)\s*(?:the\s+)?$", re.IGNORECASE)


def asked_speakers(question: str) -> list[tuple[Name, ...]]:
    """The names the question asks what they said ("what did Kushner say after Geneva?"), each
    with those asked beside it ("how did China and India react?": both at once)."""
    spoke: list[tuple[Name, ...]] = []
    run: list[Name] = []  # names joined one after another, the first after "did"
    for name in question_names(question):
        if run and _JOINED.match(question[run[-1].start + len(run[-1].text) : name.start]):
            run.append(name)
        elif _HAS_SPOKEN.search(question[: name.start]):
            run = [name]
        else:
            run = []
        after = question[name.start + len(name.text) :]
        if (len(run) == 1 and _SPEAK_VERB.match(after)) or (run and _REACT_VERB.match(after)):
            spoke.append(tuple(run))
            run = []
    return spoke


# "What is (the) ...", before the holder of a position.
_ASKED = (
    r"\W*(?i:(?:and|also|but|so|plus)\s+)?(?i:what(?:['’]s|\s+is|\s+was|\s+are)\s+)?"
    r"(?P<the>(?i:the)\s+)?"
)
# "... on the ceasefire?", after the position noun.
_TOPIC = r"(?:\s+(?:on|about|towards?|regarding|concerning|over)\s+(?P<topic>.+?))?\W*$"
# Position nouns that say nothing of their own: searched for literally, "Russia's NATO position"
# finds NATO's pages on its position, not what Moscow says.
_VAGUE_POSITION = re.compile(
    rf"^['’]s\s+(?P<mods>(?:[\w-]+\s+){{0,2}}?)(?:position|stance|line|views?|approach|attitude)"
    rf"{_TOPIC}",
    re.IGNORECASE,
)
# The same typed as keywords, without the possessive: "russia nato position", "moscow stance
# on the ceasefire". Only names may stand before the noun, so "russia front line" and "ukraine
# peace position" are not read as a position on "front" or "peace".
_BARE_POSITION = re.compile(
    rf"^{_ASKED}(?P<names>(?:[A-Z][\w.-]*\s+){{1,4}}?)(?:position|stance|views?|attitude){_TOPIC}"
)
_LEADING_POSSESSOR = re.compile(r"^\W*(?P<name>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})['’]s\s")
# "What's NATO's position": a question word with 's is no one's position.
_NOT_POSSESSORS = frozenset(["what", "who", "how", "where", "when", "why", "which", "that", "it"])
_WHAT_IS = re.compile(rf"^{_ASKED}$")


def restated(question: str) -> str:
    """A question about an actor's position asked as what it says and demands ("What is
    Russia's NATO position?" -> "What does Russia say and demand about NATO?"); any other
    question unchanged. Several questions in one message are restated one by one."""
    questions = re.split(r"(?<=\?)\s+(?=\S)", question.strip())
    if len(questions) > 1:
        return " ".join(restated(q) for q in questions)
    for name in [*asked_actors(question), *_leading_possessor(question)]:
        before, after = question[: name.start], question[name.start + len(name.text) :]
        found = _VAGUE_POSITION.match(after)
        asked = _WHAT_IS.match(before)
        if not found or not asked:
            continue
        # With a topic after the noun, the words before it qualify the noun ("official").
        topic = found["topic"] or found["mods"].strip()
        if topic:
            holder = ("the " if asked["the"] else "") + name.text
            return f"What does {holder} say and demand about {topic}?"
    return _restated_bare(question)


def _leading_possessor(question: str) -> list[Name]:
    """The name a question opens with when it opens with its possessive ("Russia's NATO
    position", typed "russias nato position"): a capital there is otherwise no name."""
    m = _LEADING_POSSESSOR.match(question)
    if not m or m["name"].split()[0].lower() in _NOT_POSSESSORS:
        return []
    return [Name(m["name"], tuple(m["name"].split()), m.start("name"))]


def _restated_bare(question: str) -> str:
    """A position typed as keywords ("Russia NATO position") asked as what its holder says and
    demands; any other question unchanged."""
    m = _BARE_POSITION.match(question)
    if not m:
        return question
    words = m["names"].split()
    if m["topic"]:
        holder, topic = words, m["topic"]
    else:
        # The holder comes first, and may be several words ("White House Ukraine position"):
        # the longest run the actor table knows, else one word; the rest is the topic.
        known = _actor_of()
        cut = next(
            (n for n in range(len(words) - 1, 0, -1) if " ".join(words[:n]).lower() in known), 1
        )
        holder, topic = words[:cut], " ".join(words[cut:])
    if not topic:
        return question
    the = "the " if m["the"] else ""
    return f"What does {the}{' '.join(holder)} say and demand about {topic}?"


@functools.cache
def _actor_of() -> dict[str, str]:
    """Every actor and alias of the shipped table, in lower case, with the actor it is listed
    under."""
    return {n.lower(): k for k, v in load_aliases().items() for n in [k, *v]}


def listed_apart(name: Name) -> list[Name]:
    """A name of several words each listed on its own in the actor table, under different
    actors, and not together, as those names ("Zelensky Putin", as a chat writes "the
    zelensky putin meeting"); else the name alone ("Vladimir Putin", "White House", "US
    Pentagon": one side)."""
    actor_of = _actor_of()
    words = list(re.finditer(r"\S+", name.text))
    if len(words) < 2 or name.text.lower() in actor_of:
        return [name]
    actors = [actor_of.get(w.group().lower()) for w in words]
    if None in actors or len(set(actors)) < len(actors):
        return [name]
    return [Name(w.group(), (w.group(),), name.start + w.start()) for w in words]


def speakers(actor: Name, aliases: Aliases) -> list[Name]:
    """The names that, in a sentence, show it speaks for the actor: its own and its aliases."""
    wanted = {unaccented(actor.text).lower(), *(unaccented(k).lower() for k in actor.keys)}
    found = [actor]
    for key, names in aliases.items():
        group = [key, *names]
        if wanted & {unaccented(n).lower() for n in group}:
            found.extend(Name(n, (n,), 0) for n in group)
    return found


# A sentence that opens with the actor ("Russia, however, has advanced ...", "The Kremlin
# said") has it as its subject; a few words may come first ("Senior Russian diplomats say").
_SUBJECT_WORDS = 3
# A sentence opening with whose office a name holds, set off by commas: "Canada's prime
# minister, Justin Trudeau, became ...", "The Kremlin's spokesman, Dmitry Peskov, told ..."
# (the name's first name or "Mr" may stand before the key found).
_TITLED_SUBJECT = re.compile(
    r"^\s*(?:[Tt]he\s+)?(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['’]s\s+)?"
    r"(?P<title>(?:[\w-]+\s+){0,2}[\w-]+),\s*(?:[A-Z][\w.'’-]*\s+){0,2}$"
)
# Words before a name that make it an object, not the subject: "since Russia's annexation".
_NOT_SUBJECT = frozenset(
    re.findall(
        r"\w+",
        "since in on of against by to with from about for over into after before under at "
        "when while as if because than that",
    )
)
# "... the Kremlin said", "Moscow requires": the actor said or wants something.
_SPEECH = re.compile(
    r"^(?:\W+\w+){0,3}?\W+(?:said|says|say|told|tells|stated|states|insists?|insisted|demands?"
    r"|demanded|wants?|wanted|requires?|required|rejects?|rejected|warned|warns|added|argues?"
    r"|argued|proposed|proposes|offered|offers|called|sees|believes|considers)\b",
    re.IGNORECASE,
)
# "according to Kyiv", "according to the Guardian": who says so follows.
ACCORDING_TO = re.compile(r"\baccording to\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
_OWN_POSITION = re.compile(rf"^\w*['’]s?\s+(?:[\w-]+\s+){{0,2}}?{_POSITION}\b")


def speaks_for(sentence: str, names: Sequence[Name]) -> bool:
    """Whether an (unaccented) sentence speaks for the actor: names it as its subject, as the
    one who said or wants something, or as the source of a claim; not as what others discuss
    ("NATO condemned Russia's aggression" is NATO's position, not Russia's)."""
    return any(_speaker(sentence, n) for n in names)


def _speaker(text: str, name: Name) -> bool:
    surname_only = _surname_only(text, name)
    for key in name.keys:
        for m in re.finditer(name_pattern(unaccented(key)), text, re.IGNORECASE):
            after, before = text[m.end() :], text[: m.start()]
            if surname_only and _after_another_first_name(before, name):
                continue
            if re.match(r"^\w*['’]", after):
                if _OWN_POSITION.match(after):
                    return True  # "Moscow's demands"
                continue  # "Russia's continued aggression": about it, not by it
            words = re.findall(r"\w+", before)
            quoted = text.lstrip()[:1] in "\"“‘'"  # a quote's speaker is named after it
            if (
                not quoted
                and len(words) <= _SUBJECT_WORDS
                and not {w.lower() for w in words} & _NOT_SUBJECT
            ):
                return True
            if _SPEECH.match(after) or ACCORDING_TO.search(before):
                return True
            office = _TITLED_SUBJECT.match(before)
            if office and all(w.lower() in TITLE_WORDS for w in office.group("title").split()):
                return True  # "Canada's prime minister, Justin Trudeau, became ..."
    return False


# What a side does when it states a position: says, wants, offers, rejects... A side that
# merely acts ("Russia launched 400 drones") or is acted upon states nothing.
STANCE_VERBS = (
    r"(?:said|says|say|told|tells|stated|states|insists?|insisted|demands?"
    r"|demanded|wants?|wanted|requires?|required|rejects?|rejected|warned|warns|added|argues?"
    r"|argued|proposed|proposes|offered|offers|called|calls|sees|believes|considers|announced"
    r"|pledged|promised|vowed|accused|denied|refused|urged|welcomed|condemned|described"
    r"|dismissed|declared|reiterated|suggested|claimed|wrote|stressed|noted|insisting|expects?"
    r"|expected|hopes?|hoped|agreed|accepts?|accepted|opposes|opposed|threatened|signall?ed"
    r"|characteri[sz]ed|reacted|responded|replied|estimated|estimates|raised|objected|objects"
    r"|praised|hailed|critici[sz]ed|blamed|thanked|congratulated|expressed|emphasi[sz]ed"
    r"|underlined|assured|confirmed|acknowledged|admitted|explained|recalled|asserted"
    r"|predicted|appealed|asked|invited|commented|remarked|echoed|echoes|cautioned|conceded"
    r"|retorted|reaffirmed|complained|lamented|slammed|ruled (?:it |them )?out|slams|cautions"
    r"|concedes|retorts|reaffirms|complains|laments|rules out|informs|outlined|pointed out"
    # (told someone, not told by someone: "Putin, briefed by Gerasimov", "well informed")
    r"|(?<!well\s)(?:informed|briefed)(?!\s+(?:by|about|of|on|that)\b))\b"
)
# A verb of stating anywhere in a text: "the Ukrainian president said".
_STATES = re.compile(rf"\b{STANCE_VERBS}", re.IGNORECASE)
# "Russia is accused by officials of ...": what others say of a side is not its stance.
_NOT_PASSIVE = r"(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbeing\s)"
_STANCE = re.compile(rf"^(?:\W+\w+){{0,3}}?\W+{_NOT_PASSIVE}{STANCE_VERBS}", re.IGNORECASE)
# The side named in an appositive that closes before the verb: "Wang Wenbin, a spokesman for
# China's ministry of foreign affairs, dismissed ...".
_APPOSITIVE_STANCE = re.compile(rf"^[^,.;:“”\"]{{0,60}}?,\s+{STANCE_VERBS}", re.IGNORECASE)
# An appositive after a speaker, closing before the verb: "Ursula von der Leyen, the president
# of the European Commission, said ..." (or "also said", "has said", "firmly said").
_STANCE_AFTER_APPOSITIVE = re.compile(
    rf"^,\s+(?P<role>[^,.;:“”\"]{{3,80}}?),\s+(?:also\s+|again\s+|has\s+|had\s+|\w+ly\s+)?"
    rf"{STANCE_VERBS}",
    re.IGNORECASE,
)
# An appositive before a side: "Wang Wenbin, a spokesman for", "Peskov, the head of".
_APPOSITIVE = re.compile(r"\w,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:for|of|at)\s+(?:the\s+)?$")
# "..., said Kremlin spokesman Dmitry Peskov": the speaker named after the verb.
# Only after a quote or a comma: in "Trump said he would ask Putin" Putin says nothing.
_SAID_BY = re.compile(
    r"[,”\"’']\s*(?:said|says|told|added|wrote)\W+(?:\w+\W+){0,3}$", re.IGNORECASE
)
# What, right after a name named after "said", makes the name the subject of what was said:
# "Lula said Zelenskiy should have yielded", "said Putin had agreed".
_REPORTED_VERB = re.compile(
    r"\s+(?:should|would|could|will|can|must|may|might|had|has|have|was|were|is|are|did|does"
    r"|do|\w+ed)\b",
    re.IGNORECASE,
)
# A sentence opening with a quote: the words inside are the speaker's, named after it.
_OPENING_QUOTE = re.compile(r"^\s*[\"“‘']")


def states_position(sentence: str, names: Sequence[Name]) -> int | None:
    """Where in an (unaccented) sentence the actor is named as stating a position (said by it
    or its officials, or what it demands, offers or rejects), or None: stricter than
    `speaks_for`, which also takes a sentence the actor is merely the subject of."""
    found = [at for n in names if (at := _stated_at(sentence, n)) is not None]
    return min(found) if found else None


def _stated_at(text: str, name: Name) -> int | None:
    best: int | None = None
    quoted_to = _quote_end(text)
    surname_only = _surname_only(text, name)
    for key in name.keys:
        for m in re.finditer(name_pattern(unaccented(key)), text, re.IGNORECASE):
            before = text[: m.start()]
            if surname_only and _after_another_first_name(before, name):
                continue
            rest = re.sub(r"^\w*", "", text[m.end() :])  # "Russi|an officials said"
            # Inside a quote a side is what the speaker talks about, not who speaks.
            opens = m.start() >= quoted_to and _opens_clause(before)
            if rest[:1] in "'’" and _OWN_POSITION.match(text[m.end() :]):
                stated = opens  # "Moscow's demands", not "NATO rejected Moscow's demands"
            else:
                # "Moscow's delegation said", "Russian officials say", "according to Kyiv"
                stance = _STANCE.match(rest)
                if not opens and m.start() >= quoted_to and _titled_appositive(before):
                    stance = _APPOSITIVE_STANCE.match(rest)
                    opens = stance is not None
                # "..., said Dmitry Peskov." names the speaker; "Lula said Zelenskiy should
                # have yielded" names whom the speaker talks about.
                said_by = _SAID_BY.search(before) if _ends_speaker(rest) else None
                described = _STANCE_AFTER_APPOSITIVE.match(rest) if opens else None
                stated = bool(
                    (opens and stance and _own_words(_after_name(stance.group())))
                    or _with_saying(before, rest)
                    or (described and _is_role(described.group("role")))
                    or ACCORDING_TO.search(before)
                    or (said_by and _own_words(re.findall(r"\w+", said_by.group())[1:], True))
                )
            if stated and (best is None or m.start() < best):
                best = m.start()
    return best


def written_as_person(name: Name, texts: Iterable[str]) -> bool:
    """Whether the (unaccented) texts write the name as a person's: after a first name
    ("Jared Kushner", "Vladimir Putin") in at least a third of its uses, where a capital or an
    institution ("Moscow", "the Kremlin") has none. A name asked with a first name is one."""
    if len(name.keys) > 1:
        return True
    after = re.compile(rf"(\S+)\s+{name_pattern(unaccented(name.keys[0]))}", re.IGNORECASE)
    before = [m.group(1) for text in texts for m in after.finditer(text)]
    named = sum(w[:1].isupper() and w.isalpha() and w.lower() not in _NO_FIRST_NAME for w in before)
    return bool(before) and named * 3 >= len(before)


def known_by_another(name: Name, texts: Iterable[str]) -> bool:
    """Whether the (unaccented) texts write a full name's surname after another first name,
    at least twice and more often than after its own: their "Trump" is Donald, not the
    Melania Trump asked. A name asked by title ("President Zelensky") has no first name."""
    own = {unaccented(k).lower() for k in first_names(name)}
    if not own:
        return False
    texts = list(texts)  # read twice
    after = _after_a_first_name(unaccented(name.keys[-1]))
    before = [m.group(1).lower() for text in texts for m in after.finditer(text)]
    others = Counter(w for w in before if w not in own and w not in _NOT_FIRST_NAMES)
    most = max(others.values(), default=0)
    return most >= 2 and most > sum(w in own for w in before) and not _surnames(own, texts)


def _after_a_first_name(surname: str, ending: str = "") -> re.Pattern[str]:
    """The surname written after a capitalised word (the group), past the small words of
    names ("Marine| Le Pen"), and then `ending`."""
    small = "|".join(sorted(NAME_ARTICLES))
    return re.compile(rf"\b([A-Z][a-z]+)\s+(?:(?i:{small})\s+)*{name_pattern(surname)}{ending}")


def _surnames(words: Iterable[str], texts: Sequence[str]) -> bool:
    """Whether the texts write any of the words as someone's surname, at least twice: "witkoff
    dmitriev meeting" names two people, not a Dmitriev whose first name is Witkoff."""
    for word in words:
        # Ending a name: "Envoy Steve Witkoff" writes no surname Steve.
        ending = _after_a_first_name(word.capitalize(), r"\w*\b(?!\s+[A-Z])")
        if sum(len(ending.findall(text)) for text in texts) >= 2:
            return True
    return False


def first_names(name: Name) -> list[str]:
    """A full name's words before its surname that are no title: "Recep Tayyip" of "Recep
    Tayyip Erdogan", none of "President Zelensky" nor of "Slovak President Čaputová" (what
    comes before a title describes it)."""
    keys = name.keys[:-1]
    titled = [i for i, k in enumerate(keys) if k.lower() in TITLE_WORDS]
    after = keys[titled[-1] + 1 :] if titled else keys
    return [k for k in after if k.lower() not in _NOT_FIRST_NAMES]


def writes_first_name(text: str, name: Name) -> bool:
    """Whether the (unaccented) text writes one of a full name's first names."""
    return any(mentions(text, Name(first, (first,), name.start)) for first in first_names(name))


def another_of_that_name(text: str, name: Name) -> bool:
    """Whether the text writes a full name's surname only after another first name ("Elon
    Musk ... Musk stated" is not about Kimbal Musk)."""
    surname = name_pattern(unaccented(name.keys[-1]))
    return _surname_only(text, name) and any(
        _after_another_first_name(text[: m.start()], name)
        for m in re.finditer(surname, text, re.IGNORECASE)
    )


def _surname_only(text: str, name: Name) -> bool:
    """Whether a full name may be met by its surname alone in the text: its first word is not
    written there ("Archbishop Sviatoslav Shevchuk" is the "Archbishop Shevchuk" asked)."""
    return len(name.keys) > 1 and not re.search(
        name_pattern(unaccented(name.keys[0])), text, re.IGNORECASE
    )


def _after_another_first_name(before: str, name: Name) -> bool:
    """Whether a surname comes after another first name: "Elon Musk" is not the "Kimbal Musk"
    asked about, though "President Biden" may be "Joe Biden"."""
    m = re.search(r"\b([A-Z][a-z]+)\s+$", before)
    own = {unaccented(k).lower() for k in name.keys}
    return m is not None and m.group(1).lower() not in own | _NOT_FIRST_NAMES


def _after_name(stance: str) -> list[str]:
    """The words between a name and its verb, less the rest of the name ("Xi| Jinping said",
    "Lula| da Silva said")."""
    words = re.findall(r"\w+", stance)[:-1]
    while (
        words and (words[0][0].isupper() or words[0] in PARTICLES) and stance.lstrip()[:1].isalpha()
    ):
        words.pop(0)
    return words


def _is_role(words: str) -> bool:
    """Whether an appositive says what someone is: "the president of the European Commission",
    "Commission president" (not "Russia's favourite target")."""
    # "Russia, the Ukrainian president said, rejected it": an attribution, not a role.
    if _STATES.search(words):
        return False
    return any(w.lower() in TITLE_WORDS for w in re.findall(r"\w+", words))


def _titled_appositive(before: str) -> bool:
    """Whether the text before a side opens an appositive with a title: "Wang Wenbin, a
    spokesman for" (not "John Smith, a professor of")."""
    found = _APPOSITIVE.search(before)
    return found is not None and any(
        w.lower() in TITLE_WORDS for w in re.findall(r"\w+", found.group())
    )


def _own_words(words: Sequence[str], speaker_follows: bool = False) -> bool:
    """Whether the words between an actor and its verb are its own ("'s foreign ministry",
    "on Monday"), not another name ("Russia's invasion, Zelensky said"); between "said" and
    the actor, no preposition either ("said to Russia")."""
    return not any(
        (w[0].isupper() and w.lower() not in CALENDAR)
        or (speaker_follows and w.lower() in _NOT_SUBJECT)
        for w in words
    )


# Words that may stand before a side that opens its clause: "The Kremlin said", "Senior
# Russian diplomats say", "In a statement, the ministry said" (what follows the comma).
_OPENING_WORDS = frozenset(
    re.findall(
        r"\w+",
        "the a an both senior top chief former then current but and however also meanwhile "
        "now still yet so later earlier",
    )
)
# Titles between a side and its speaker's name ("Kremlin spokesman Dmitry Peskov"), and the
# particles of names ("von der Leyen").
_TITLES = TITLE_WORDS | {"delegation"} | PARTICLES
# Capitalised words before a name that are no first name: titles, small words, openers.
_NO_FIRST_NAME = _TITLES | _NOT_SUBJECT | _OPENING_WORDS
# Capitalised words before a surname that are no one's first name, for telling namesakes
# apart: "In March Johnson said", "Why Johnson resigned", "Le Pen".
_NOT_FIRST_NAMES = (
    _NO_FIRST_NAME
    | CALENDAR
    | NAME_ARTICLES
    | frozenset(re.findall(r"\w+", "why how what who where did does do even only mr mrs ms tsar"))
)
# A speaker's words introduced by a participle: "with Peskov saying", "with Kyiv insisting".
_SAYING = re.compile(
    r"^(?:['’]s)?(?:\s+[\w'’-]+){0,3}?\s+(?:saying|telling|adding|warning|insisting|arguing"
    r"|stressing|noting|declaring|demanding|rejecting)\b"
)
# Where a clause starts within a sentence: after a mark, or after a word opening a clause of
# its own ("exposed in late 2025 when Putin repeatedly claimed ..." has Putin claiming; not
# "after" and the like, which may open a phrase: "after Moscow's demands were published").
_CLAUSE_START = re.compile(
    r"[,;:“”\"(—–]|\s-\s|\b(?:when|while|because|although|though|whereas|unless)\s",
    re.IGNORECASE,
)


def _ends_speaker(rest: str) -> bool:
    """Whether a name named after "said" is the speaker: after its titles and names ("Kremlin
    spokesman Dmitry Peskov"), no verb of its own follows ("Zelenskiy should have yielded")."""
    taken = 0
    for m in re.finditer(r"\s+([\w'’.-]+)", rest):
        if m.start() != taken or not (m[1][0].isupper() or m[1].lower() in _TITLES):
            break
        taken = m.end()
    return _REPORTED_VERB.match(rest[taken:]) is None


def _opens_clause(before: str) -> bool:
    """Whether a name, preceded by `before` in its sentence, opens its clause as its subject:
    only its titles and first names ("Ukrainian President Volodymyr") and a few small words
    come first, not another subject and its verb ("Biden laments Russian 'carnage' and says")."""
    clause = _CLAUSE_START.split(before)[-1]
    words = re.findall(r"[\w'’-]+", clause)
    while words and (words[-1][0].isupper() or words[-1].lower() in _TITLES):
        words.pop()  # the speaker's titles and first names: "Kremlin spokesman Dmitry", "von der"
    return all(w.lower() in _OPENING_WORDS for w in words)


def _with_saying(before: str, rest: str) -> bool:
    """Whether a name is the one saying in "..., with Kremlin spokesman Dmitry Peskov saying:
    ..." (not "talks with Peskov", nor "with Russia's backing")."""
    clause = _CLAUSE_START.split(before)[-1]
    words = re.findall(r"[\w'’-]+", clause)
    while words and (words[-1][0].isupper() or words[-1].lower() in _TITLES):
        words.pop()  # "Kremlin spokesman Dmitry"
    return [w.lower() for w in words] in (["with"], ["with", "the"]) and bool(_SAYING.match(rest))


def _quote_end(text: str) -> int:
    """Where the quote a sentence opens with ends (0 when it opens with none)."""
    if not _OPENING_QUOTE.match(text):
        return 0
    close = re.search(r"[\"”’'](?=\W|$)", text[text.index(text.lstrip()[0]) + 1 :])
    return len(text) if close is None else text.index(text.lstrip()[0]) + 1 + close.end()
