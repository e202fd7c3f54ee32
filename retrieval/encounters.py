"""Meetings and calls a question takes for granted, and whether a sentence reports one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.actors import another_of_that_name, listed_apart
from retrieval.keyword import keyword_tokens
from retrieval.names import OWNS, Name, country_row, mentions, question_names
from retrieval.parts import crosses_parts
from retrieval.titles import TITLE_WORDS

# A meeting or call the question speaks of as having happened: "when they met in Geneva", "the
# Trump–Putin summit", "their phone call", "Macron's call with Putin", "the Berlin meeting
# between ...".
_ASKED = re.compile(
    r"\b(?:met|meet|meetings?|summit|talked|spoke|face[- ]to[- ]face"
    r"|joint\s+(?:news|press)\s+conference"
    r"|(?:phone|telephone|video)\s+(?:calls?|conversations?)|(?<=their )calls?(?!\s+for\b)"
    # "their videoconference in December 2021", "Putin's videoconference with Xi": a call by
    # video (not "told Congress by video link": an address)
    r"|(?<=their )video[- ]?conferences?|(?<=['’]s )video[- ]?conferences?"
    r"|video[- ]?conferences?(?=\s+(?:with|between)\b)"
    # (Not "Trump's calls to hold elections": demands; "Trump's call to Putin" is one.)
    r"|(?<=['’]s )(?:call|calls(?!\s+to\b))(?!\s+(?:for|on)\b))\b",
    re.IGNORECASE,
)
# A call named by who took part, joined: "the Trump–Putin call" (not "a Kyiv-Moscow call for
# talks": a demand).
_PAIR_CALL = re.compile(r"\b[A-Z][\w'’]*[-–—][A-Z][\w'’]*\s+(?P<call>call)\b(?!\s+(?:for|on)\b)")
# A question asking whether or why a meeting will, might or did not happen takes none for
# granted: "did he say whether they met", "is a summit planned?", "why won't Putin meet him?".
_UNCERTAIN = re.compile(
    r"\b(?:if|whether|will|would|could|might|plan(?:s|ned|ning)?|going to|refus\w*|\w+n['’]t"
    r"|not|never|possible|possibility|potential|proposed|expected|upcoming|next|future|prospects?)\b",
    re.IGNORECASE,
)
# "meet" takes a meeting for granted only asked as a past one: "did Le Pen meet Putin".
_DID = re.compile(r"\bdid\b", re.IGNORECASE)
# What may stand between the names meeting and the meeting: "Normandy Four advisers' meeting",
# "the 2022 Madrid summit", "Putin's phone call".
_FILLER = re.compile(r"^(?:['’]s)?(?:\W+|\s+(?:[\w'’-]+\s+){0,2})$")
# What a topic discussed follows: "about NATO and Ukraine", "on the Minsk agreements" (a
# comma after it ends it: "After talking about Ukraine, Putin and Biden met").
_TOPIC_JOINED = re.compile(r"^\s*(?:and|&|/)\s*$", re.IGNORECASE)
_TOPIC_BEFORE = re.compile(
    r"\b(?:about|on|over|regarding|concerning)\s+(?:the\s+)?$", re.IGNORECASE
)
_JOINED = re.compile(r"^\s*(?:,|,?\s*and|&|/|-|–|—)\s*$", re.IGNORECASE)
_THEY = re.compile(r"\b(?:they|their|each other)\b\W+(?:\w+\W+){0,3}$", re.IGNORECASE)
# After the meeting word, who it was with: "meeting between Zelenskiy and Witkoff", "met
# Zelensky", "call with Macron", "the meeting of Putin, Aliyev and Pashinyan".
_WITH = re.compile(r"^\s+(?:(?:with|between|of|involving)\s+)?(?:the\s+)?$", re.IGNORECASE)
# Where it was, said right after it: "met face to face in Geneva", "summit in Alaska", "met on
# the sidelines of the Abu Dhabi talks" (not "a meeting about the war in Ukraine").
_PLACE = re.compile(
    r"^(?:\s+(?!about|on|over|regarding|concerning|of)[\w-]+){0,3}?"
    r"\s+(?:in|at|near|on\s+the\s+sidelines\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)

# A sentence reporting a meeting or call that took place.
_REPORTED = re.compile(
    r"\b(?:met|meet|meets|meeting|summit|talks|talked|spoke|conversations?|call|visit(?:ed)?"
    r"|hosted|welcomed|negotiations|joint\s+(?:news|press)\s+conference"
    r"|(?:news|press)\s+conference\s+with)\b",
    re.IGNORECASE,
)
# A sentence reporting a call that took place.
# (Not "called": "called on Putin to", "called Putin a tyrant" are no calls; nor "a call for
# talks", "so-called".)
_CALLED = re.compile(
    r"(?<![\w-])(?:calls?(?!\s+(?:for|on)\b)|conversations?|spoke|talked|phoned|telephoned"
    r"|rang|(?:phone|telephone|video)\s+talks|video[- ]?conferenc\w*)\b",
    re.IGNORECASE,
)
# A visit the question speaks of as made: "visited kyiv", "visit to moscow", "went back to
# moscow", "did X visit Y" (the place right after).
_VISIT_ASKED = re.compile(
    r"\b(?P<verb>visited|visits?\s+to|visit|trip\s+to|went\s+(?:back\s+)?to"
    r"|travell?ed\s+(?:back\s+)?to|came\s+(?:back\s+)?to)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_HOW_MUCH = re.compile(r"\bhow\s+(?:many|much)\b", re.IGNORECASE)
_TO = re.compile(r"\bto\s+$", re.IGNORECASE)
_DID_BEFORE = re.compile(r"\bdid\s+$", re.IGNORECASE)  # "did Macron visit"
_SPACE = re.compile(r"\s+")
_ADVERBS = "has|had|have|ever|finally|actually|already|first|also|just|then|once"
_ADVERBS_BEFORE = re.compile(rf"\s+(?:(?:{_ADVERBS})\s+){{0,2}}", re.IGNORECASE)
# "when he went to", "during his visit to", "they visited": who is referred to by a pronoun.
_PRONOUN_BEFORE = re.compile(
    rf"\b(he|she|they|his|her|their)"
    rf"(?:\s+(?:{_ADVERBS}|recent|latest|joint|official|\w+-day|\d{{4}}))*\s+$",
    re.IGNORECASE,
)
# What stands before a place or a body, never a visitor: "in Rome", "the Kremlin".
_PLACE_OR_BODY = re.compile(r"\b(?:in|at|from|to|near|of|the)\s+$", re.IGNORECASE)
_OWNED = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,3}$")
# A sentence reporting a visit made (a meeting there reports it too, and so does touring it).
_VISITED = re.compile(
    r"\b(?:visit\w*|trip|arrived|arriving|travell?ed|went|came|hosted|welcomed|met|meeting"
    r"|talks|tour\w*)\b",
    re.IGNORECASE,
)
# A dismissal the question speaks of as made: "fire shoigu", "why was melnyk recalled" (not
# "cease-fire").
_DISMISSAL_ASKED = re.compile(
    r"(?<![\w-])(?:(?P<verb>fire|fired|sack|sacked|dismiss|dismissed|oust|ousted|recall"
    r"|recalled)|(?P<was>was|were))\s+(?:the\s+)?",
    re.IGNORECASE,
)
_DISMISSED_AFTER = re.compile(
    r"^\s+(?:been\s+)?(?:fired|sacked|dismissed|ousted|recalled|removed)\b"
    r"(?!\s+(?:upon|at|on|into|against)\b)",
    re.IGNORECASE,
)
_FROM = re.compile(r"^\s+from\b", re.IGNORECASE)
# What may follow the one dismissed: "as defence minister", "in June", the question's end.
_OBJECT_ENDS = re.compile(
    r"^(?:\s*[?.!,;:]|\s*$|\s+(?:as|from|over|after|before|for|in|and|or|last|this|so)\b)",
    re.IGNORECASE,
)
# A sentence reporting a dismissal (or the resignation or replacement it comes to).
_DISMISSED = re.compile(
    r"\b(?:fired|sacked|sacking|dismiss\w*|removed|removal|ousted|ouster|replac\w*|recall\w*"
    r"|resign\w*|stepped\s+down|steps\s+down|relieved|successor|succeeded|reshuffle)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A meeting held at a distance, which no place asked for ("when they met at the Vatican") saw:
# its record ("Telephone conversation with Pope Francis"), or its word ("call", "spoke") with
# a phone or a video beside it ("spoke by telephone"; not "met him, having spoken by phone").
_REMOTE = re.compile(r"\b(?:(?:tele)?phon\w*|video\w*)", re.IGNORECASE)
_REMOTE_WORDS = frozenset(["call", "conversation", "conversations", "spoke", "talked", "talks"])
_REMOTE_REACH = 30  # characters either side of such a word
_REACH = 60  # characters either side of the word for a meeting that name who met
# Whom one met is named anywhere in the name after "met with" (capitalised words and the small
# words between them): "met with Secretary of State of the United States Anthony Blinken".
_MET_WITH = re.compile(
    r"\s+with\s+(?:the\s+)?(?:(?:[A-Z][\w.'’-]*|of|the|and|for)[ \t]+){0,12}[A-Z][\w.'’-]*"
)
# A title that is the record of a meeting or call: "Meeting with Prime Minister of Pakistan
# Imran Khan", who it was with named after it.
# ("call for" is a demand, not a call.)
_RECORD = re.compile(
    r"\b(?:met|meets|meeting|summit|conversations?|(?:phone|telephone|video) call|call with"
    r"|visit)\b",
    re.IGNORECASE,
)
# A record naming both on it after its word: "... a telephone conversation between A and B".
_BETWEEN = re.compile(r"^\s+between\b", re.IGNORECASE)
# A person's name in a title: a first name and a surname ("Volodymyr Zelenskyy").
_PERSON = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+)+")
# Capitalised words in a title that are no one's name: "Russian President Holds Telephone
# Conversation With ...", "In Moscow, meeting with ...".
_NOT_A_PERSON = TITLE_WORDS | frozenset(
    re.findall(
        r"\w+",
        "in at on of the with holds held has had telephone phone video conversation meeting "
        "meets talks russian ukrainian",
    )
)
# Words that make a meeting one hoped for, planned or refused, not one held: anywhere in the
# sentence ("a meeting ... has been mooted"), or, for a modal or a negation, just before the
# meeting word ("could meet", "has never met", "still needs to be formally signed"; not "met,
# but did not agree"). ("may" and "yet" only in lower case: "in May" is when it was, "Yet they
# met" says they did.)
_UNREAL = re.compile(
    r"\b(?:possible|possibility|potential|propos\w*|mooted|floated|planned|plans?"
    r"|prepared|hopes?|hoped|expect\w*|invit\w*|ruled out|future|prospects?)\b",
    re.IGNORECASE,
)
_DOUBT_BEFORE = re.compile(
    r"\b(?:may|yet|(?i:would|could|should|might|will|shall|ready|readiness|willing|willingness"
    r"|wants?|wanted|offer\w*"
    r"|refus\w*|rejected|no|not|never|if|whether|until|agree to|needs?\s+to"
    # Asked for, not held: "Zelenskiy's call for a face-to-face meeting with Mr Putin".
    r"|calls?\s+for|called\s+for|push\w*\s+for|ask\w*\s+for|urg(?:e|es|ed|ing)|seek(?:s|ing)?"
    r"|sought))\b(?:\W+\w+){0,4}\W*$"
)


# Whom a host welcomed: a name within a few words ("welcomed Prime Minister Imran Khan to the
# Kremlin", "hosted the Ukrainian delegation"), or "him", "them".
_GUEST_AFTER = re.compile(
    r"\s+(?:(?:back|warmly|personally)\s+)?(?:(?:the|a|his|her|their|its)\s+)?"
    r"(?:[a-z][\w-]*\s+){0,2}?(?:[A-Z]|(?:him|her|them|delegations?|guests?|leaders?|counterparts?)\b)"
)
# The leaders said to have met: "when the Normandy Four leaders met" asks their own meeting.
_LEADERS_BEFORE = re.compile(
    r"\b(?:leaders|presidents|heads\s+of\s+(?:state|government))\s+(?:\w+\s+)?$", re.IGNORECASE
)
# Those who meet for leaders: "a meeting of (political) advisers", "the ministers' talks".
_AIDES = (
    r"(?:advis[eo]rs|aides|deputies|ministers|officials|envoys|negotiators|diplomats|sherpas"
    r"|representatives|delegations)"
)
_AIDES_AFTER = re.compile(
    rf"(?:\s+[\w-]+){{0,3}}?\s+(?:at\s+the\s+level\s+of|of|with|between|among)\s+(?:the\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?{_AIDES}\b",
    re.IGNORECASE,
)
_AIDES_BEFORE = re.compile(rf"\b{_AIDES}['’]?\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# Words for a meeting used for something else: "Putin's conditions must be met in full" (a
# thing fulfilled), "Trump talks of Putin contact" (speaks of it).
_MET_AS_DONE = re.compile(r"\b(?:be|been|being|is|are)\s+met$", re.IGNORECASE)
_TALKS_OF = re.compile(r"^\s+(?:of|about)\b", re.IGNORECASE)
# A web address, whose words ("zelensky-meeting-putin") report nothing.
_LINKED = re.compile(r"\S*https?:/\S*")
# Whom one spoke or talked to, named: "spoke to the Russian Foreign Ministry", "talked with
# Macron by phone".
_SPOKE_TO = re.compile(r"^\s+(?:to|with)\s+(?:the\s+)?[A-Z]")
_SPOKE = frozenset(["spoke", "talked"])  # (the words whom they were to follow)
# A meeting called needed is one not yet held: "Zelensky: meeting Putin essential for territorial
# settlement", "a summit with Putin is necessary".
# (Said of the meeting, not of what it is about: "met to discuss necessary steps".)
_NEEDED_AFTER = re.compile(
    r"^(?:\s+[\w'’-]+){0,4}?\s+(?:(?:is|was|remains|would\s+be|will\s+be)\s+)?"
    r"(?:essential|necessary|needed|crucial|vital|required|indispensable)"
    r"(?=\s+(?:for|to|if)\b|\s*[,.;:!?)]|\s*$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Encounter:
    """A meeting or call a question asks about: who met, and where (or a visit: who went
    where; or a dismissal: who was dismissed)."""

    between: tuple[Name, ...]
    places: tuple[Name, ...]
    years: tuple[str, ...] = ()  # the years the question gives: "during the 2022 campaign"
    kind: str = "meeting"  # as the note of a decline says it: "that meeting", "that visit"
    reported_by: re.Pattern[str] = _REPORTED  # the words a sentence reports it with
    # Asked as a summit: one of the leaders themselves, not of their advisers or ministers.
    summit: bool = False


def asked_encounter(question: str) -> Encounter | None:
    """The meeting or call the question takes for granted, or None."""
    every = question_names(question)
    names = _not_topics(question, every)
    spans = [(m.start(), m.end(), m.group()) for m in _ASKED.finditer(question)]
    spans += [(m.start("call"), m.end(), m.group("call")) for m in _PAIR_CALL.finditer(question)]
    for start, end, word in sorted(spans):
        asked = _asked_part(question, start, end)
        if _UNCERTAIN.search(asked):
            continue
        opens = question.rfind("?", 0, start) + 1
        if word.lower() == "meet" and not _DID.search(question, opens, start):
            continue
        between = [
            *_run_before(question, names, start),
            *_named_after(question, names, end),
        ]
        if _THEY.search(question[:start]) and len(between) < 2:
            # ("What did Biden say about Putin when they met": "they" takes the topic in.)
            run = _opening_run(question, names, start)
            if len(run) + len(between) < 2:
                run = _opening_run(question, every, start)
            between = [*run, *between]
        elif not _run_before(question, names, start):
            # "what did Melania Trump say after she met Putin in Moscow": she met him too.
            between = [*_asker_referred(question[:start], names), *between]
        places = _places_after(question, names, end)
        # ("the Zelensky Putin meeting" is two who met; "the Washington NATO summit" one
        # summit, known by where and whose it was.)
        apart = word.lower() != "summit"
        between = [n for n in dict.fromkeys(_each(between, apart)) if n not in places]
        # One name alone ("the G7 summit", "the Madrid summit") says where the answer is more
        # than who met: taken for granted only with where it was ("... meeting in Minsk").
        if len(between) > 1 or (between and places):
            # A call asked about is reported as one: "their phone call in March 2022" is not
            # "Johnson said as he departed the summit that he feared Putin ...".
            word = word.lower()
            called = word.removesuffix("s").endswith(("call", "conversation"))
            called = called or word.startswith("video")
            words = _CALLED if called else _REPORTED
            years = tuple(_YEAR.findall(question))
            # (Asked as the leaders' own: "the summit", "when the Normandy Four leaders met".)
            summit = word == "summit" or _LEADERS_BEFORE.search(question[:start]) is not None
            return Encounter(tuple(between), tuple(places), years, reported_by=words, summit=summit)
    return None


def asked_event(question: str) -> Encounter | None:
    """The meeting, visit or dismissal the question takes for granted, or None."""
    return asked_encounter(question) or _asked_visit(question) or _asked_dismissal(question)


@dataclass(frozen=True)
class Act:
    """A signing or a speech the question takes for granted: the words naming what was signed
    or whom it was made to, and the words a sentence tells of it with."""

    kind: str  # as the note of a decline says it: "that signing", "that speech"
    named_by: tuple[str, ...]  # keyword tokens: ("ceasefir",), ("bundestag",)
    told_with: re.Pattern[str]
    # Whose it was, where a place names it: "biden's speech in kyiv" is told by a sentence
    # naming Biden (or its title does), not by anyone's speech in Kyiv.
    by: Name | None = None

    def told(self, sentence: str, word: str, title: str = "") -> bool:
        """Whether the sentence tells of it, naming it by `word` (one of `named_by`) and whose
        it was (the sentence or its title), not as refused or hoped for."""
        if word not in keyword_tokens(sentence) or _UNREAL.search(sentence):
            return False
        if self.by is not None and not (mentions(sentence, self.by) or mentions(title, self.by)):
            return False
        return any(
            not _DOUBT_BEFORE.search(sentence[: m.start()])
            for m in self.told_with.finditer(sentence)
        )


# A signing the question takes for granted: "the ceasefire agreement signed at the first
# round", "when was the 'energy truce' agreement formally signed", "when Ukraine and Turkey
# signed their free trade agreement", "at the signing of the ... agreement".
_SIGNED_THING = re.compile(
    r"\b(?:the|their|a|an)\s+(?P<thing>(?:[\w'’‘–-]+\s+){1,6}?)"
    r"(?:(?:was|were|get|got|been|be|being)\s+)?(?:formally\s+|officially\s+)?signed\b"
    r"(?!\s+(?:by|with)\b)",
    re.IGNORECASE,
)
# The kinds of document one signs, as a question names them ("the energy truce agreement").
_DOCUMENT = (
    r"(?P<thing>(?:[\w'’‘–-]+\s+){0,5}?"
    r"(?:agreement|deal|act|treaty|memorandum|accord|declaration|communiqu[eé]|contract"
    r"|document)s?)\b"
)
_SIGNED_IT = re.compile(
    rf"\b(?:signed|signing\s+of)\s+(?:the|their|a|an)\s+{_DOCUMENT}", re.IGNORECASE
)
# "when did the US and Ukraine formally sign the security guarantees document", "the arms
# control treaty that the US and Russia signed": a past signing asked of who signed it (not
# "did Ukraine sign the deal?", asking whether, nor "did Trump press Zelensky to sign it").
_DID_SIGN = re.compile(
    r"\b(?:when|where|why|how|(?:what|which)\s+(?:date|day|month|year))\s+did\s+"
    rf"(?:[\w'’.-]+\s+){{1,6}}?(?<!\bto\s)(?:formally\s+|officially\s+)?sign\s+"
    rf"(?:the|their|a|an)\s+{_DOCUMENT}",
    re.IGNORECASE,
)
_SIGNED_THAT = re.compile(
    rf"\b(?:the|their|a|an)\s+{_DOCUMENT}\s+(?:that|which)\s+(?:[\w'’.-]+\s+){{1,6}}?"
    r"(?:formally\s+|officially\s+)?signed\b",
    re.IGNORECASE,
)
# "what free trade deal did Zelensky sign with Plenkovic": a question asking which document
# takes one of that kind as signed.
_SIGNED_WHICH = re.compile(
    r"\b(?:what|which|wat)\s+(?P<thing>(?:[\w'’‘–-]+\s+){1,5}?)(?:did|has|have|had)\s+"
    r"(?:[\w'’.-]+\s+){1,4}?sign\b",
    re.IGNORECASE,
)
# What names the kind of document, not which: "the ceasefire agreement" is told by "ceasefire".
_DOCUMENT_WORDS = frozenset(
    keyword_tokens(
        "agreement deal act treaty memorandum document accord law declaration communique "
        "contract formally officially"
    )
)
_SIGNS = re.compile(r"\bsign(?:ed|ing|s)?\b", re.IGNORECASE)
# "what gas supply agreement did Putin and Berdimuhamedov reach": an agreement of that kind
# taken as made, told by a sentence naming it with a word for making one.
_REACHED_WHICH = re.compile(
    r"\b(?:what|which|wat)\s+(?P<thing>(?:[\w'’‘–-]+\s+){1,5}?)(?:did|has|have|had)\s+"
    r"(?:[\w'’.-]+\s+){1,6}?(?:reach|conclude|strike|seal|agree\s+on)\b",
    re.IGNORECASE,
)
# Words before "agreement" that name no kind of it: "what kind of agreement", "which new deal".
_NO_NAME = frozenset(
    keyword_tokens("kind sort type new final latest first second specific exact actual real")
)
_AGREED = re.compile(
    r"\b(?:sign\w*|agree\w*|reach\w*|conclu\w*|struck|seal\w*|deals?|accords?|contracts?)\b",
    re.IGNORECASE,
)
# Words that make what stands before "signed" a clause, not a document's name.
_NOT_A_DOCUMENT = re.compile(
    r"\b(?:who|whom|that|which|what|those|they|he|she|it|say|said|says)\b", re.IGNORECASE
)


def asked_signing(question: str) -> Act | None:
    """The document the question takes as signed ("the ceasefire agreement signed at the first
    round", named by "ceasefire"), or None when it takes none for granted (nor when what
    stands before "signed" is not a document: "the leaders who signed it")."""
    for pattern in (_SIGNED_THING, _SIGNED_IT, _DID_SIGN, _SIGNED_THAT, _SIGNED_WHICH):
        for m in pattern.finditer(question):
            if _UNCERTAIN.search(_asked_part(question, m.start(), m.end())):
                continue
            thing = m.group("thing")
            tokens = keyword_tokens(thing)
            if _NOT_A_DOCUMENT.search(thing) or not _DOCUMENT_WORDS.intersection(tokens):
                continue
            words = [w for w in tokens if w not in _DOCUMENT_WORDS]
            if words:
                return Act("signing", tuple(dict.fromkeys(words)), _SIGNS)
    return _asked_agreement(question)


def _asked_agreement(question: str) -> Act | None:
    """The agreement the question takes as reached ("what gas supply agreement did they
    reach", named by "gas" and "supply"), or None."""
    for m in _REACHED_WHICH.finditer(question):
        if _UNCERTAIN.search(_asked_part(question, m.start(), m.end())):
            continue
        tokens = keyword_tokens(m.group("thing"))
        words = [w for w in tokens if w not in _DOCUMENT_WORDS | _NO_NAME]
        if _DOCUMENT_WORDS.intersection(tokens) and words:
            return Act("agreement", tuple(dict.fromkeys(words)), _AGREED)
    return None


# A speech the question takes for granted, and whom it was to: "zelensky's june 2022 speech
# to the bundestag", "in his annual address to the Verkhovna Rada", "when he addressed the
# World Economic Forum".
_SPEECH_TO = re.compile(
    r"\b(?:(?:speech|address|remarks)\s+to|addressed)\s+(?:the\s+)?"
    r"(?P<audience>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)"
    r"(?=\s*(?:[?,;:]|\s[-–—]\s|$|\s+(?:in|on|of|at|n|and|what|when|about|after|before)\b))",
    re.IGNORECASE,
)
# A speech the question places, and whose it was: "biden's speech in kyiv", "what did biden
# say in his speech in kyiv" (not "his address to the nation", nor a speech to a body).
_SPEECH_IN = re.compile(
    r"\b(?:speech|address|remarks)\s+in\s+(?:the\s+)?(?P<place>[\w'’-]+)", re.IGNORECASE
)
_LANGUAGES = frozenset(
    re.findall(
        r"\w+",
        "english french german russian ukrainian polish spanish italian chinese arabic turkish "
        "hebrew japanese",
    )
)
# (Not "speaker": "met the speaker of the Bundestag" is no speech to it.)
_SPOKEN = re.compile(
    r"\b(?:speech(?:es)?|speaks?|speaking|spoke|spoken|address(?:ed|es|ing)?|remarks)\b",
    re.IGNORECASE,
)


def asked_speech(question: str) -> Act | None:
    """The speech the question takes for granted, named by whom it was made to ("speech to the
    bundestag"; not "his address to the nation") or by where, with whose it was ("biden's
    speech in kyiv"), or None when it takes none for granted."""
    names = question_names(question)
    starts = {n.start for n in names}
    for m in _SPEECH_TO.finditer(question):
        if _UNCERTAIN.search(_asked_part(question, m.start(), m.end())):
            continue
        if m.start("audience") not in starts:
            continue
        words = tuple(dict.fromkeys(keyword_tokens(m.group("audience"))))
        if words:
            return Act("speech", words, _SPOKEN)
    for m in _SPEECH_IN.finditer(question):
        if _UNCERTAIN.search(_asked_part(question, m.start(), m.end())):
            continue
        place = next((n for n in names if n.start == m.start("place")), None)
        if place is None or place.text.lower() in _LANGUAGES:
            continue  # (not "his speech in English to Congress")
        owner = _speaker_of(question[: m.start()], [n for n in names if n.start < m.start()])
        if owner is not None:
            return Act("speech", tuple(keyword_tokens(place.text)), _SPOKEN, by=owner)
    return None


def _speaker_of(before: str, names: list[Name]) -> Name | None:
    """Whose speech it is, from what precedes "speech in": "Biden's"; "his" is the one asked
    as speaking ("what did Macron say about Zelensky in his speech in Paris": Macron's)."""
    owner = _owner(before, names)
    if owner is not None:
        return owner
    pronoun = _PRONOUN_BEFORE.search(before)
    if pronoun is None or pronoun.group(1).lower() not in ("his", "her"):
        return None
    return next((n for n in names if _DID_BEFORE.search(before[: n.start])), None)


# A gathering named by where it was, or by whose it was: "the Vilnius summit", "the trilateral
# talks in Miami", "the NATO summit". Asked with a date, it takes that gathering there, then.
GATHERING_WORDS = "summit|talks|round|negotiations"
_GATHERING = re.compile(rf"\b(?:{GATHERING_WORDS})\b", re.IGNORECASE)
# (A word or two of what kind may stand between: "the Miami trilateral round", "the Istanbul
# peace talks".)
_ADJACENT = re.compile(
    r"^(?:['’]s)?\s+(?:\d{4}\s+)?"
    r"(?:(?:trilateral|bilateral|three-way|peace|direct|emergency|informal)\s+){0,2}$",
    re.IGNORECASE,
)
_BY_WHOM = re.compile(r"[-‐‑–—](?:hosted|led|brokered|backed|mediated|sponsored)$", re.IGNORECASE)
_HYPHENATED = re.compile(r"\w[-‐‑–—]\w")  # "US-Ukraine-Russia": several names in one


def asked_gathering(question: str) -> Encounter | None:
    """A summit or round of talks the question names by one name beside it ("at the Vilnius
    summit", "the talks in Miami"), or None; only held as asked is it taken for granted, so
    the caller asks it only of a question giving a date."""
    names = question_names(question)
    for m in _GATHERING.finditer(question):
        asked = _asked_part(question, m.start(), m.end())
        if _UNCERTAIN.search(asked):
            continue
        # The name right before it ("the 2022 Madrid summit"; not "Russians backed peace
        # talks": they held none), or where it was, after it ("talks in Miami").
        # (Not who hosted or led it: "the US-hosted trilateral round".)
        before = [
            n
            for n in names
            if _ADJACENT.match(question[n.start + len(n.text) : m.start()])
            and not _BY_WHOM.search(n.text)
        ]
        # Where it was, when given, names it where the names before are who took part ("the
        # US-Ukraine-Russia talks held in Miami"); "the Vilnius summit in Lithuania" is named
        # by both.
        places = _places_after(question, names, m.end())
        # ("us ukraine russia talks" is read as one run of several countries' names or
        # initials; not "the Abu Dhabi talks in the UAE".)
        parties = len(before) > 1 or any(
            sum(bool(country_row(k)) or k.isupper() for k in n.keys) > 1
            or _HYPHENATED.search(question[max(0, n.start - 2) : n.start + len(n.text)])
            for n in before
        )
        named = places if places and parties else [*before, *places]
        within = [n for n in names if n.start < m.start() < n.start + len(n.text)]
        if within:
            # Written as one name, as the corpus capitalises it: "the Vilnius Summit".
            where = question[within[0].start : m.start()].strip()
            named = [Name(where, (where,), within[0].start)] if where else []
        if len(_each(named)) == 1:
            years = tuple(_YEAR.findall(question))
            summit = m.group().lower() == "summit"
            kind = "summit" if summit else "meeting"
            return Encounter((), tuple(named), years, kind=kind, summit=summit)
    return None


def _asked_visit(question: str) -> Encounter | None:
    """A visit taken for granted: "when biden visited kyiv in may 2022", "scholz's may 2022
    visit to moscow", "did macron visit moscow": who went (the name right before the verb,
    or owning the visit) and where (the name right after)."""
    names = question_names(question)
    for m in _VISIT_ASKED.finditer(question):
        asked = _asked_part(question, m.start(), m.end())
        if _UNCERTAIN.search(asked) or _HOW_MUCH.search(asked):
            continue  # "how much aid went to Ukraine": no one went
        if _TO.search(question[: m.start()]):
            continue  # "inviting Trump to visit Ukraine"
        places = [n for n in names if n.start == m.end()]
        verb = m.group("verb").lower()
        before = question[: m.start()]
        if verb.startswith(("visits", "visit ", "trip")):
            visitor = _owner(before, names)  # "Scholz's May 2022 visit to"
        elif verb == "visit":
            # "did Macron visit", not "should Macron visit"
            visitor = _subject(before, names, _SPACE)
            if visitor and not _DID_BEFORE.search(before[: visitor.start]):
                visitor = None
        else:
            visitor = _subject(before, names, _ADVERBS_BEFORE)  # "Biden visited", "went to"
        visitors = [visitor] if visitor else _referred(before, names)
        if places and visitors:
            return Encounter(
                tuple(visitors), tuple(places), tuple(_YEAR.findall(question)), "visit", _VISITED
            )
    return None


def _referred(before: str, names: list[Name]) -> list[Name]:
    """Who "he", "his", "they" or "their" right before a visit are: "what did Biden announce
    when he went to Kyiv", "... during his visit to Kyiv"; the one name before it, or for
    "they" the names written together."""
    m = _PRONOUN_BEFORE.search(before)
    if m is None:
        return []
    earlier = [
        n
        for n in names
        if n.start + len(n.text) <= m.start() and not _PLACE_OR_BODY.search(before[: n.start])
    ]
    if m.group(1).lower() in ("they", "their"):
        run = _opening_run(before, earlier, m.start())
        return run if len(run) > 1 else []
    return earlier if len(earlier) == 1 else []


def _asker_referred(before: str, names: list[Name]) -> list[Name]:
    """Who "he" or "she" right before a meeting is: the one asked about, named right after
    "did" ("what did Melania Trump say after she met Putin"), not whose someone else is
    ("what did Trump's envoy say after he met Putin")."""
    m = _PRONOUN_BEFORE.search(before)
    if m is None or m.group(1).lower() not in ("he", "she", "his", "her"):
        return []
    asked = [
        n
        for n in names
        if n.start + len(n.text) <= m.start()
        and _DID_BEFORE.search(before[: n.start])
        and not OWNS.match(before[n.start + len(n.text) :])
    ]
    return asked[:1]


def _asked_dismissal(question: str) -> Encounter | None:
    """A dismissal taken for granted: "why did putin fire shoigu as defence minister", "why
    was melnyk recalled": who was dismissed (named right after the verb, or between "was"
    and it)."""
    names = question_names(question)
    for m in _DISMISSAL_ASKED.finditer(question):
        if _UNCERTAIN.search(_asked_part(question, m.start(), m.end())):
            continue
        if _TO.search(question[: m.start()]):
            continue  # "Putin's demand to fire Zaluzhny"
        who = next((n for n in names if n.start == m.end()), None)
        if who is None:
            continue
        after = question[who.start + len(who.text) :]
        if m.group("was"):
            dismissed = _DISMISSED_AFTER.match(after) is not None
        elif m.group("verb").lower().startswith("recall"):
            dismissed = _FROM.match(after) is not None  # "recall Melnyk from Berlin"
        else:
            # "fire Shoigu as defence minister", not "fire Kinzhal missiles at Kyiv" nor
            # "dismiss Zelensky's claims"
            dismissed = _OBJECT_ENDS.match(after) is not None
        if dismissed:
            years = tuple(_YEAR.findall(question))
            return Encounter((who,), (), years, "dismissal", _DISMISSED)
    return None


def _owner(before: str, names: list[Name]) -> Name | None:
    """The name owning what follows `before`: "Scholz's May 2022 " -> Scholz."""
    m = _OWNED.search(before)
    if m is None:
        return None
    return next((n for n in names if n.start + len(n.text) == m.start()), None)


def _subject(before: str, names: list[Name], between: re.Pattern[str]) -> Name | None:
    """The name standing right before `before` ends, with only `between` after it."""
    for n in reversed(names):
        end = n.start + len(n.text)
        if end <= len(before) and between.fullmatch(before[end:]):
            return n
    return None


def _asked_part(question: str, start: int, end: int) -> str:
    """The sentence of the question holding the span."""
    lo = question.rfind("?", 0, start) + 1
    hi = question.find("?", end)
    return question[lo : hi if hi >= 0 else len(question)]


def reports(sentence: str, title: str, passage: str, encounter: Encounter) -> bool:
    """Whether the sentence, or else its title, reports the meeting as held, naming beside
    the word for it one who met and, with the title, two (or the one named), or the title is
    the record of a meeting with one of them ("Telephone conversation with Joseph Biden"); and
    the passage names where, and all who met but a record's author."""
    words = encounter.reported_by
    held = _held(sentence, words, encounter, title) or _held(title, words, encounter)
    record = _RECORD.search(title) if encounter.kind == "meeting" else None
    if record and encounter.places and _REMOTE.search(title):
        record = None  # "Telephone conversation with Pope Francis" is no meeting at the Vatican
    if record and encounter.summit and _of_aides(title, record):
        record = None  # "Regarding the meeting of advisers to the leaders ..."
    if record and not (_UNREAL.search(title) or _DOUBT_BEFORE.search(title[: record.start()])):
        # The Kremlin's record of a meeting with Imran Khan need not name Putin; but one
        # titled "Volodymyr Zelenskyy had a phone conversation with ... Biden" is Zelenskyy's,
        # and one "following a telephone conversation between Vladimir Putin and Joseph Biden"
        # is no call with Zelensky.
        after = title[record.end() :]
        between = _BETWEEN.match(after)  # (where only those on it are named, not a place)
        with_whom = any(_named(after, n) for n in encounter.between) and all(
            any(_named(person, n) for n in encounter.between)
            for person in _PERSON.findall(title[: record.start()])
            + (_PERSON.findall(after) if between else [])
            if not {w.lower() for w in person.split()} & _NOT_A_PERSON
        )
    else:
        with_whom = False
    if not (held or with_whom):
        return False
    text = f"{title} {passage}"
    absent = sum(not _named(text, n) for n in encounter.between)
    return absent <= (0 if held else 1) and all(mentions(text, n) for n in encounter.places)


def _held(text: str, reported: re.Pattern[str], encounter: Encounter, title: str = "") -> bool:
    """Whether the text reports a meeting as held, not hoped for or refused, naming near the
    word for it one who met, and two (or the one named) with the title: "Trump hosted
    Zelenskyy ... and said he would ask Putin to agree" is no meeting of Putin and Zelenskyy."""
    text = _LINKED.sub(" ", text)  # a web address is no report: ".../zelensky-meeting-putin"
    if _UNREAL.search(text):
        return False
    wanted = min(2, len(encounter.between))
    for m in reported.finditer(text):
        if _DOUBT_BEFORE.search(text[: m.start()]) or _no_meeting(text, m):
            continue
        if encounter.summit and _of_aides(text, m) and not _leaders_named(text, m, encounter):
            continue  # "a meeting of political advisers to the leaders" is no summit
        # "when he spoke to the Russian Foreign Ministry" is to others; "spoke with Macron,
        # Scholz and Johnson" to each of them.
        if m.group().lower() in _SPOKE and _SPOKE_TO.match(text[m.end() :]):
            heard = text[m.end() : m.end() + _REACH * 2]
            if not any(_named(heard, n) for n in encounter.between):
                continue
        with_whom = _MET_WITH.match(text, m.end())
        reach = max(_REACH, with_whom.end() - m.end()) if with_whom else _REACH
        near = text[max(0, m.start() - _REACH) : m.end() + reach]
        if encounter.places and encounter.kind == "meeting" and _remote(text, m):
            continue  # met in Geneva, not on the phone
        stated = _YEAR.findall(near)
        if encounter.years and stated and not set(stated) & set(encounter.years):
            continue  # "in the 2017 runoff ... Putin hosted her" is not the 2022 meeting asked
        if encounter.between:
            own = [_named(near, n) for n in encounter.between]
            named = sum(o or _named(title, n) for o, n in zip(own, encounter.between, strict=True))
        else:
            # A gathering known by where it was is reported by that name beside its word.
            own = [mentions(near, p) for p in encounter.places]
            named = 0
        # A visit is to the place named beside it ("arrived in Kyiv"), not one the passage
        # names elsewhere: "Biden went further" in a piece on Kyiv is no visit.
        there = encounter.kind != "visit" or all(
            mentions(near, p) or mentions(title, p) for p in encounter.places
        )
        if any(own) and named >= wanted and there:
            return True
    return False


def _named(text: str, name: Name) -> bool:
    """Whether the text names the one who met: "Donald Trump" is not the Melania Trump asked."""
    return mentions(text, name) and not another_of_that_name(text, name)


def _no_meeting(text: str, m: re.Match[str]) -> bool:
    """Whether the word for a meeting is used for something else."""
    word = m.group().lower()
    if _NEEDED_AFTER.match(text[m.end() :]):
        return True
    if word == "met":
        return _MET_AS_DONE.search(text[: m.end()]) is not None
    if word in ("hosted", "welcomed"):
        # Someone welcomed, or hosted: "Putin welcomed President Tokayev", not "the heads of
        # state welcomed the intensification of the format".
        return _GUEST_AFTER.match(text, m.end()) is None
    return word in ("talks", "talked") and _TALKS_OF.match(text[m.end() :]) is not None


def _leaders_named(text: str, m: re.Match[str], encounter: Encounter) -> bool:
    """Whether two of those asked to have met are named around the word for the meeting:
    "Trump and Putin and their delegations met" is the leaders' own meeting."""
    near = text[max(0, m.start() - _REACH) : m.end() + _REACH]
    return len(encounter.between) > 1 and sum(_named(near, n) for n in encounter.between) > 1


def _of_aides(text: str, m: re.Match[str]) -> bool:
    """Whether the word for a meeting is of one held by aides, not leaders: "a meeting of
    political advisers to the leaders", "the foreign ministers' talks"."""
    return bool(_AIDES_AFTER.match(text, m.end()) or _AIDES_BEFORE.search(text[: m.start()]))


def _remote(text: str, m: re.Match[str]) -> bool:
    """Whether the word for a meeting is of one held by phone or video."""
    if m.group().lower() not in _REMOTE_WORDS:
        return False
    beside = text[max(0, m.start() - _REMOTE_REACH) : m.end() + _REMOTE_REACH]
    return _REMOTE.search(beside) is not None


def _each(names: list[Name], apart: bool = False) -> list[Name]:
    """The names, one joined by a hyphen taken as two: "Biden-Putin summit"; and, `apart`,
    one of names the actor table lists apart ("Zelensky Putin")."""
    out = []
    for name in names:
        parts = re.split(r"[-‐‑‒–—−]", name.text)
        # (not "Al-Sisi" nor "Jean-Claude Juncker": one person; nor "Ramstein-format": one
        # kind of meeting)
        named = all(len(p) > 2 and p[0].isupper() for p in parts)
        if len(parts) > 1 and " " not in name.text and named:
            out += [Name(p, (p,), name.start + name.text.index(p)) for p in parts]
        else:
            out += listed_apart(name) if apart else [name]
    return out


def _not_topics(question: str, names: list[Name]) -> list[Name]:
    """The names but those given as what was discussed: "what did Putin tell Johnson about
    NATO and Ukraine in their call" is a call between Putin and Johnson."""
    kept: list[Name] = []
    topic = False
    end = 0
    for name in names:
        gap = question[end : name.start]
        if not (topic and _TOPIC_JOINED.match(gap)):
            topic = bool(_TOPIC_BEFORE.search(gap))
        if not topic:
            kept.append(name)
        end = name.start + len(name.text)
    return kept


def _run_before(question: str, names: list[Name], at: int) -> list[Name]:
    """The names written together just before `at`: "the Trump–Putin summit"."""
    run: list[Name] = []
    end = at
    for name in reversed([n for n in names if n.start < at]):
        gap = question[name.start + len(name.text) : end]
        if not (_JOINED.match(gap) if run else _FILLER.match(gap)):
            break
        run.insert(0, name)
        end = name.start
    return run


def _named_after(question: str, names: list[Name], at: int) -> list[Name]:
    """The names written together right after the meeting word: who it was with."""
    after: list[Name] = []
    end = at
    for name in [n for n in names if n.start >= at]:
        gap = question[end : name.start]
        if not (_JOINED.match(gap) if after else _WITH.match(gap)):
            break
        after.append(name)
        end = name.start + len(name.text)
    return after


def _opening_run(question: str, names: list[Name], at: int) -> list[Name]:
    """Who "they" are: the names before `at`, all of them when no two are written together."""
    before = [n for n in names if n.start < at]
    for i, first in enumerate(before):
        run = [first]
        for name in before[i + 1 :]:
            gap = question[run[-1].start + len(run[-1].text) : name.start]
            if not _JOINED.match(gap):
                break
            run.append(name)
        if len(run) > 1:
            return run
    return before


def _places_after(question: str, names: list[Name], at: int) -> list[Name]:
    """The name given as where it was: "met face to face in Geneva", "at the Kremlin"."""
    # (Not in the next thing asked: "the Brussels summit vs at the Madrid summit".)
    return [
        n
        for n in names
        if n.start >= at
        and _PLACE.match(question[at : n.start])
        and not crosses_parts(question[at : n.start])
    ][:1]
