"""The extractive composer: a cited answer built from the passages' own sentences, no LLM."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import partial
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

from retrieval.actors import (
    ACCORDING_TO,
    Aliases,
    another_of_that_name,
    asked_actors,
    asked_speakers,
    first_names,
    known_by_another,
    speakers,
    speaks_for,
    states_position,
    writes_first_name,
    written_as_person,
)
from retrieval.answers import Answer, abstention, renumber, words_in
from retrieval.chunking import (
    Chunk,
    as_shown,
    photo_captions,
    quotable,
    sentence_spans,
    split_sentences,
)
from retrieval.encounters import (
    GATHERING_WORDS,
    Act,
    Encounter,
    asked_event,
    asked_gathering,
    asked_signing,
    asked_speech,
    reports,
)
from retrieval.figure_sides import FigureSide, dates_itself, figure_comparison, stated
from retrieval.keyword import keyword_tokens
from retrieval.names import (
    CLAUSE_BREAK,
    OWNS,
    Name,
    asked_names,
    country_row,
    found_together,
    is_acronym,
    listed,
    mention_spans,
    mentions,
    one_ending,
    question_names,
    unaccented,
    without_title,
)
from retrieval.occasions import asked_of_the_record, record_of_the_day
from retrieval.parts import question_parts
from retrieval.periods import (
    CALENDAR_TERMS,
    THAT_TIME,
    Period,
    question_periods,
    relative_years,
    source_day,
    states_a_year,
    tells_part_of,
    told_periods,
    undated,
    without_day,
    years_for,
)
from retrieval.persons import (
    asks_for_a_role,
    name_clause,
    named_thing,
    names_someone,
    names_the,
    of_another_role,
    person_clause,
)
from retrieval.quantities import (
    QUANTITY_WORDS,
    cited_figures,
    counted_terms,
    counted_whose,
    counts,
    counts_for_another,
    figures,
    gives_duration,
    has_quantity,
    new_figures,
    of_kind,
    owned_figures,
    quantity_clauses,
    the_ask,
)
from retrieval.search import Passage, SentenceVectors
from retrieval.titles import ROLES
from retrieval.told import PLACED, clause_at, talked_about, told_names
from retrieval.voices import Turns, transcript_turns, turn_labels, voices

# Sentences that open by pointing back at something the reader has not seen read badly alone.
_DANGLING_START = re.compile(
    r"^(?:he|she|it|they|this|that|these|those|his|her|its|their|but|and|also|however)\b",
    re.IGNORECASE,
)
# A question about what is to come ("when is it supposed to start?") may be answered by what
# was said before the time it names; one about what happened then may not.
_ASKS_PLANS = re.compile(
    r"\b(?:will|would|shall|should|going to|supposed|plan\w*|expect\w*|intend\w*|aim\w*"
    r"|scheduled|set to|due|next|upcoming|forecasts?|projections?|projected|outlook)\b|\w'll\b",
    re.IGNORECASE,
)
# What asks something: a clause without any ("thanks", "please cite") asks nothing more.
ASKS = re.compile(
    r"\b(?:what|which|who|whom|whose|when|where|why|how|did|does|do|is|are|was|were|has|have"
    r"|can|could|will|would)\b",
    re.IGNORECASE,
)
# What is left of a question after its clause that sets another side against it.
_AGAINST = re.compile(r"\W*(?:vs\b\.?|versus\b|compared (?:with|to)\b)", re.IGNORECASE)
# Question words carry no evidence: a passage does not have to contain "what" to answer.
QUESTION_WORDS = frozenset(
    keyword_tokens(
        "what which who whom whose when where why how did does do is are was were "
        "say said tell told according vs versus"
    )
)
# What ends a heading typed before the question: "war watch report - how many ...".
_HEADING = re.compile(r"\s[-—–]\s|:\s")
_BEFORE = 200  # characters before a counting sentence that may name what it counts
_DATE_REACH = 60  # characters either side of a place asked that may date what happened there
# Something done on a day, told in the past tense: "said on February 12", "met on 3 March"
# (not "scheduled on" or "planned on", which tell of plans).
_DONE_ON = re.compile(
    r"\b(?!(?:scheduled|planned|expected|slated|proposed)\b)(?:\w{2,}ed|said|told|met|held"
    r"|spoke|wrote|gave|made|took|sent|struck|hit|began|came|went)\s+on\s+(?:\d|[a-z]+\.?\s+\d)",
    re.IGNORECASE,
)
# A source asked as saying a number: "the Guardian said", "ISW's estimate", "according to".
_SOURCE_SAYS = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+)?(?:said|says|say|reported|reports|report|estimated|estimates"
    r"|estimate|wrote|writes|put|puts|counted|counts|figures?)\b",
    re.IGNORECASE,
)
# "Zelensky's economic adviser Oleg Ustenko": a role held for the name before it.
_ROLE_OF = re.compile(rf"^['’]s?\s+(?:[\w-]+\s+){{0,2}}?(?i:{ROLES})\s+[A-Z]")
_A_YEAR = re.compile(r"(?:19|20)\d\d")
# What a question has someone say, after the verb: "say (in May 2022) that it would take 15 to
# 20 years" (not "say about ...", "tell the 27 EU leaders").
_SAID_THAT = re.compile(
    r"\s+(?:say|said|says|claim|claimed|claims|warn|warned|warns|predict|predicted|estimate"
    r"|estimated)\b(?!\s+(?:about|on|of|to|regarding|concerning|over)\b)(?P<what>.*)",
    re.IGNORECASE | re.DOTALL,
)
# Numbers that name, not count: "article 5", "the 20-point plan", "resolution 2202".
_LABEL = re.compile(
    r"\b(?:article|resolution|point|section|paragraph|no\.?|number|item)\s+\d+\b|\b\d+-point\b",
    re.IGNORECASE,
)
# "how many meters a day per csis": the source asked, as people type "according to".
_PER_SOURCE = re.compile(r"\bper\s+(?:the\s+)?$", re.IGNORECASE)
_GIVING = r"(?:pledge|give|provide|promise|send|commit|allocate|donate|contribute|offer)"
# A name asked as the giver: "did Germany pledge", "has Japan individually committed".
_GIVES = re.compile(rf"^\s+(?:\w+ly\s+)?{_GIVING}\b", re.IGNORECASE)
# A sentence's giver, to its clause's start: "In addition, Ukraine's European allies pledged".
_GIVEN = re.compile(
    r"(?P<giver>[^,.;:“”\"]{1,60}?)\s+(?:(?:have|has|had|will|would|jointly)\s+)*"
    r"(?:pledged|gave|given|provided|promised|sent|committed|allocated|donated|contributed"
    r"|offered)\b",
    re.IGNORECASE,
)
# A giver that is many, as a whole (not "two of the allies"): "Ukraine's European allies".
_GROUP = re.compile(
    r"\b(?:allies|partners|countries|members|nations|donors|states|governments)\s*$",
    re.IGNORECASE,
)
_ONE_OF = re.compile(r"\b(?:one|each|some|several|two|three|four|five) of\b", re.IGNORECASE)
# "What share of Ukrainians told the Kyiv International Institute of Sociology ...": those
# counted told it, a pollster, what they think; what they told it is what is asked.
_TOLD_POLLSTER = re.compile(r"\bof\s+(?:\w+\s+){1,3}told\s+(?:the\s+)?$", re.IGNORECASE)
# (The rest of a source's name: "... Institute of Sociology".)
_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
_TO_BE_DONE = re.compile(
    r"\b(?:will|would|shall|should|could|might|may|must|to|be)\s+(?:\w+\s+)?$", re.IGNORECASE
)
_REFERRED_WITHIN = 1500  # characters before such a sentence that may name its day
_CRAWL_SLACK_DAYS = 92  # how much earlier than its own a source's (crawl) date may be
# Sentence vectors this alike say the same thing: the Kupyansk claim with "he" and with
# "Putin" (0.95), not a NATO statement and a Kremlin one sharing words (0.74).
_SAME_STATEMENT = 0.9
_REFERS_BACK = re.compile(
    r"\b(?:he|she|they|him|her|his|hers|them|their|theirs|it|its|there|then)\b", re.IGNORECASE
)
# One person referred back to: "was he upbeat", "did she agree" ("they" are often others).
_OF_THE_SPEAKER = re.compile(r"\b(?:he|she|him|her|his)\b", re.IGNORECASE)
_SET_AGAINST = re.compile(r"\b(?:vs|versus|compared?|differ\w*)\b", re.IGNORECASE)

SentenceScorer = Callable[[str, Sequence[str]], NDArray[np.float32]]
# The question's vector and the stored vectors of the passages' sentences.
SentenceVectorsOf = Callable[[str, Sequence[Passage], Sequence[str]], SentenceVectors]


@dataclass(frozen=True)
class ExtractiveConfig:
    """Knobs of the extractive composer; defaults tuned on the shared dev questions."""

    max_words: int = 230
    max_sentences: int = 10
    min_relevance: float = -1.5  # abstain when no sentence scores above this (cross-encoder logit)
    # ... unless a sentence giving the number asked for, about what is counted, scores above
    # this: the judge reads a long question's figures poorly ("In the first quarter, the
    # current account surplus exceeded $58 billion": -2.3).
    counted_relevance: float = -3.0
    # A sentence counting the very thing asked ("6,000 new defensive missiles"), judged this
    # relevant on its own, is about what is counted however it words the rest: "how many
    # missiles did the UK promise" is answered by "would provide".
    counted_judged: float = 3.0
    keep_within: float = 10.0  # keep sentences scoring within this of the best one
    redundancy: float = 0.5  # share of a sentence's words already said by a chosen one
    coverage_weight: float = 1.0  # bonus for sentences holding the question's rarer words
    rank_weight: float = 3.0  # bonus for sentences of better-ranked passages
    subject_terms: int = 1  # a quantity must share one of the question's rarest words
    # A name answering "who" must share one of these: a "who" clause's rarest word is often
    # its verb ("who mediated the grain corridor?"), which sources say in other words.
    person_subject_terms: int = 2
    # Names that fewer than this share of passages contain must be in the answer, together
    # when asked together: "What did Xi say about Geneva?" is not answered by Xi on other
    # subjects and Geneva in other articles.
    distinctive_share: float = 0.01  # 0: no such check
    # Only this many sentences, the best by word coverage, passage rank and (where the index
    # stores sentence vectors) likeness to the question, go to the cross-encoder, whose
    # judging is most of an answer's time.
    judged_sentences: int = 0  # 0: all of them
    # How much a sentence's embedding similarity to the question counts, beside word coverage
    # and passage rank, in picking the sentences to judge (with `vectors` given).
    similarity_weight: float = 10.0
    # A sentence saying again in other words what a chosen one says ("Erdoğan has said he
    # will not approve ..." from four reports) scores this much less for each unit of cosine
    # above `paraphrase_cosine` to its closest chosen sentence (with `vectors` given): words
    # shared are not enough to see that, and the room it takes is another fact's.
    paraphrase_penalty: float = 10.0
    paraphrase_cosine: float = 0.7
    # Sentences from sources dated in the period a question names ("on 21 April 2022") are
    # preferred by this much, and an answer none of whose sources is from then abstains.
    period_bonus: float = 2.0
    # And those from sources written before every period it names (and not naming one) score
    # this much less where it asks what happened rather than what was planned: a January
    # meeting with the minister is no answer about April's. 0: off.
    before_penalty: float = 6.0
    # Sentences that speak for the actor whose position is asked ("Moscow requires ...").
    speaker_bonus: float = 3.0
    # A sentence near a relevant one in its passage is relevant up to this much less for each
    # sentence of distance: a quote ("I order you to cancel it.") is judged poorly without
    # the sentence that frames it. Only sentences within `context_reach` inherit.
    context_drop: float = 2.5
    context_reach: int = 2  # 0: sentences are judged alone
    # A transcript's answer is relevant as the question it answers: "We have no objections"
    # names nothing Simonyan's question on the EU's candidate status did. Its sentences
    # inherit the question's judgement less `answer_drop`, and `answer_step` more for each
    # sentence of it read before them. A negative drop: off.
    answer_drop: float = 2.5
    answer_step: float = 0.5
    # A sentence of a document whose title the judge finds answers the question ("Friendly
    # fire blunders, confusion, low morale: why Russia's offensive stalled") scores up to this
    # much more, and one titled off the subject up to this much less: judged alone, the
    # sentences of the speech asked about lose to any sentence naming its occasion.
    title_weight: float = 1.0
    # And every sentence of a document whose title the judge finds answers the question is
    # at least as relevant as that title, less this: "They affirm that a nuclear war cannot
    # be won" says nothing of the joint statement it is the substance of. Negative: off.
    title_drop: float = 7.0
    # Whether the judge reads the one day a question names. A sentence seldom writes the day
    # it reports (its source's date says it, and the period premise checks that): judged with
    # "on 1 February 2022", the sentences naming the day's occasion beat those saying what
    # was announced on it.
    judge_the_day: bool = False
    # The record of the day a question names (the speech or meeting asked about; see
    # `record_of_the_day`) gives the answer its sentences most like what is asked of it, this
    # many of those at least `record_likeness` in cosine (with `vectors` given; 0: none): the
    # judge ranks "Victory Day is intimately dear to all of us" above "Russia launched a
    # pre-emptive strike at the aggression" for how Putin justified the war in that speech.
    record_sentences: int = 3
    record_likeness: float = 0.5


@dataclass(frozen=True)
class _Candidate:
    text: str
    passage: Passage
    rank: int  # of the passage in the search results
    offset: int  # of the sentence in its document's text
    terms: frozenset[str]
    # Its words and its source's title's: a quote ("We want guarantees for 30 years") names
    # its speaker in the headline.
    titled: frozenset[str]
    # The cross-encoder's judgement, or what the sentence inherits from a judged neighbour.
    relevance: float
    score: float  # relevance plus word coverage and passage rank
    # The sentence's stored vector, unit length; zeros, like nothing, where none is stored.
    vector: NDArray[np.float32] = field(compare=False, repr=False)
    # Who speaks it when its own words may not say: "Vladimir Putin said." (unaccented).
    voice: str = ""
    # The cross-encoder's judgement of the sentence itself; -inf where it was not judged.
    own: float = -np.inf

    @property
    def plain(self) -> str:
        """The sentence without accents, for finding names in it."""
        return unaccented(self.text)

    def speaks_for(self, names: Sequence[Name]) -> bool:
        """Whether the sentence, or who it is quoted from, speaks for the actor."""
        return speaks_for(self.plain, names) or speaks_for(self.voice, names)


class ExtractiveComposer:
    """Picks the few sentences that best answer the question and cites each one's passage."""

    def __init__(
        self,
        score_sentences: SentenceScorer,
        term_weights: Callable[[Iterable[str]], dict[str, float]],
        term_share: Callable[[Iterable[str]], dict[str, float]],
        config: ExtractiveConfig = ExtractiveConfig(),
        aliases: Aliases | None = None,
        vectors: SentenceVectorsOf | None = None,
    ) -> None:
        self.score_sentences = score_sentences
        self.vectors = vectors
        self.term_weights = term_weights
        self.term_share = term_share
        self.config = config
        self.aliases = aliases or {}

    def compose(self, question: str, passages: Sequence[Passage]) -> Answer:
        """A short cited answer, or an abstention when the passages don't answer."""
        retrieved = tuple(passages)
        weights = self._weights(question)
        together = found_together(question, self._distinctive)
        # (A month without its year too: "what was agreed in Miami in mid feb" is met by no
        # report of January's round.)
        reads_dates = self.config.period_bonus > 0
        periods = question_periods(question, months_alone=True) if reads_dates else []
        years = _years(retrieved)
        plans = bool(_ASKS_PLANS.search(question))

        earlier = _read_before(retrieved)

        def meeting(period: Period) -> Callable[[_Candidate], bool]:
            """Whether a sentence meets a period the question names ("on 21 April 2022")."""
            return partial(_meets, period=period, years=years, plans=plans, earlier=earlier)

        in_period = [meeting(p) for p in periods]
        candidates = self._scored(question, weights, retrieved)
        if periods:
            candidates = _preferred(
                candidates, self.config.period_bonus, lambda c: any(m(c) for m in in_period)
            )
            if not plans and self.config.before_penalty > 0:
                before = partial(_written_before, periods=periods, years=years)
                candidates = _preferred(candidates, -self.config.before_penalty, before)
        names = question_names(question)
        actors = asked_actors(question)
        if actors:
            # "Russia's position on NATO" is what Russia's side says, not what NATO says of it:
            # that side's own sentences come first.
            own = [speakers(a, self.aliases) for a in actors]
            candidates = _preferred(
                candidates,
                self.config.speaker_bonus,
                lambda c: any(c.speaks_for(w) for w in own),
            )
            names = actors
        # What the question takes for granted: each premise gets the best sentence meeting it,
        # and an answer that cannot meet one is declined with the premise's note.
        premises = [
            _Premise(f"Nothing I found is from {_as_from(p.text)}.", m)
            for p, m in zip(periods, in_period, strict=True)
        ]
        # Each number asked gets the best sentence giving it ("how much grain is blocked and
        # how many people were deported?"); only the first, lacking, may decline the answer.
        # (Dates are not read at all for digest headlines.)
        numbers = quantity_clauses(question)
        asks_quantity = numbers[0] if numbers else ""
        # "How did Germany's share compare with France's?", "UK aid 2025 vs 2024": a figure
        # set against another is compared only when a sentence gives each side's (and those
        # premises, not the count's, say whose is missing).
        compared = figure_comparison(question)
        counts_asked = [
            self._counting(
                clause,
                question,
                candidates,
                meeting if reads_dates else None,
                years,
                first=n == 0,
                sides_say=compared is not None,
            )
            for n, clause in enumerate(numbers)
        ]
        premises += counts_asked
        counting = counts_asked[0] if counts_asked else None
        # (What "how many" or "the numbers of" counts, where the question asks it once.)
        counted = counted_terms(question) if question.lower().count("how many") <= 1 else None
        alone = compared is not None and compared.alone
        figured = compared.sides if compared is not None else ()
        # ("Prisoners released after the round on 23-24 January", "casualties in 2025
        # alone": each side's figure is of the date asked; of several, each may be a side's
        # own: "Nazarbayev's December 2021 figure vs the one Putin gave in May 2022".)
        dates_asked = [*periods, *years_for(question)]
        dates_asked = dates_asked if len(dates_asked) == 1 else []
        for side in figured:
            premises.append(
                _Premise(
                    f"Nothing I found gives a figure for {side.text}.",
                    partial(
                        self._gives_figure,
                        side=side,
                        others=[o for o in figured if o is not side],
                        question=question,
                        counted=counted,
                        earlier=earlier,
                        years_asked=[p.year for p in dates_asked if p.whole_year()],
                        in_dates=[meeting(p) for p in dates_asked],
                    ),
                    declines=alone,
                    new_figures=True,
                )
            )
        if not self._relevant_enough(question, candidates, retrieved) and not (
            counting
            and any(
                c.own >= self.config.counted_relevance and counting.met_by(c) for c in candidates
            )
        ):
            return self._abstention(question, retrieved, together)
        asks_person = person_clause(question)
        if asks_person:
            # "Which general was behind the leaks?" is not answered by the leaks without a name.
            premises.append(
                _Premise(
                    "Nothing I found names who that was.",
                    self._names(asks_person, question, candidates),
                    declines=_asked_alone(asks_person, question),
                )
            )
        asks_name = name_clause(question)
        if asks_name:
            # "names of the 2 tankers France seized": a name must stand beside the tankers, not
            # just anywhere in a sentence about them (the flags they sail under).
            premises.append(
                _Premise(
                    "Nothing I found gives that name.",
                    partial(_names_the, noun=named_thing(asks_name), asked=question),
                    declines=_asked_alone(asks_name, question),
                )
            )
        asked_together = asked_speakers(question)
        spoken = [n for run in asked_together for n in run]
        read_documents = _by_document((p.chunk, p.chunk.text) for p in retrieved) if spoken else {}
        written = [unaccented(p.chunk.text) for p in retrieved]
        for run in asked_together:
            clause = clause_at(question, run[0].start)
            if clause in (asks_quantity, asks_person):
                continue  # "how many generals did Ukraine claim": the number is the premise
            quoted = [
                self._quoted(spoke, clause, question, together, spoken, written, read_documents)
                for spoke in run
            ]
            alone = _asked_alone(clause, question, of_speakers=True)
            if len(run) == 1:
                premises.append(replace(quoted[0], declines=alone))
                # "Why did Macron say membership would take 15 to 20 years?": where the sources
                # give those figures in others' words only, he is not known to have said them.
                said = _figures_said(question, clause, run[0])
                if said and any(said <= figures(c.text) for c in candidates):
                    premises.append(
                        _Premise(
                            f"Nothing I found quotes {run[0].text} giving those figures.",
                            partial(_quotes_figures, quoted=quoted[0], said=said),
                            declines=alone,
                        )
                    )
                continue
            # Of several asked together ("how did China and India react?"), the answer says
            # whom it does not quote; only none quoted declines it. (Not what they said in
            # their call: its record, "The presidents agreed to keep in contact", quotes
            # neither, and the call is a premise of its own.)
            premises += quoted
            declines = alone and asked_event(question) is None
            note = f"Nothing I found quotes {listed(run, last='or')}." if declines else ""
            premises.append(_Premise(note, partial(_meets_any, quoted), declines=declines))
        asked = asked_event(question) or (asked_gathering(question) if periods else None)
        encounter = _with_namesakes_in_full(asked, written)
        # "What did Putin and Zelensky agree when they met in Geneva?" takes the meeting for
        # granted: a passage read must report it held, then and there, not hoped for. (The
        # report need not be quoted: "at the Madrid summit" is only where the answer is.) So
        # do "when Biden visited Kyiv in May 2022" a visit, and "why did Putin fire Shoigu"
        # a dismissal.
        if encounter and not _reported(encounter, candidates, periods, years, earlier):
            note = f"Nothing I found reports that {encounter.kind}."
            return abstention(question, retrieved, note=note)
        # "What did Putin and Pope Francis say about Ukraine during their call in December
        # 2021?" takes the call as touching on Ukraine: a source reporting the call must name
        # it too, by anyone of its side (the Pope's birthday call is no talk about Ukraine).
        about = talked_about(question, encounter)
        if encounter and about:
            sides = [speakers(n, self.aliases) for n in about]
            documents = read_documents or _by_document((p.chunk, p.chunk.text) for p in retrieved)
            if not _reported(encounter, candidates, periods, years, earlier, sides, documents):
                note = f"Nothing I found on that {encounter.kind} mentions {listed(about)}."
                return abstention(question, retrieved, note=note)
        # "What terms were set out in the ceasefire agreement signed at the first round?" takes
        # the signing for granted, and "zelensky's june 2022 speech to the bundestag" a speech
        # to them: a sentence read must tell of that document signed, or of a speech to them
        # (by the rarest word naming it or them), in a source dated as asked.
        for act in (asked_signing(question), asked_speech(question)):
            if act is not None and not self._act_reported(
                act, candidates, retrieved, periods, years
            ):
                note = f"Nothing I found reports that {act.kind}."
                return abstention(question, retrieved, note=note)
        namesakes = [n for n in question_names(question) if known_by_another(n, written)]
        if namesakes:
            # "Trump said" in a passage never naming Melania is Donald's, not the Melania Trump
            # asked about (left to the checks when nothing else is left).
            candidates = [c for c in candidates if not _of_a_namesake(c, namesakes)] or candidates
        # (Not where periods are not read at all, as for digest headlines.)
        said_there = self._said_at_the_record(question, retrieved, candidates) if periods else []
        chosen = self._select(candidates, names, together, [*premises, *said_there])
        # Names asked together are met by the documents quoted from (the passages quoted from
        # and the others read of them), not only by the sentences quoted: a photo's caption,
        # never quoted, may be what names the place of the talks a quote is from, and a think
        # tank's brief may name the think tank only in its notes.
        missing = [need for need in together if _unmet([need], _passages_of(chosen, retrieved))]
        # A name asked about with others ("Xi on Geneva") unmet means the premise is wrong; a
        # side asked about alone ("ISW/CSIS", "Orbán and Fico") may be missing from an answer
        # about the other sides, and the answer says so; so may one part of a question
        # asking several things ("..., and where did the IMF rank Russia's economy?") where
        # another part names none.
        every_side = len(missing) == len(together) and not _unnamed_part(question, missing)
        if missing and (
            every_side
            or any(len(n) > 1 for n in missing)
            or any(self._where_held(question, n) for need in missing for n in need)
        ):
            return self._abstention(question, retrieved, together)
        for premise in premises:
            if premise.declines and not any(premise.met_by(c) for c in chosen):
                return abstention(question, retrieved, note=premise.note)
        # Room the sentences near the best leave is filled from the others judged relevant
        # enough to answer alone: one sentence judged far above the rest ("On December 14 and
        # 15 last year, President Zelenskyy travelled to Berlin ...") had left the answer at
        # four sentences. (Only now: what is declined is declined for the sentences near it.)
        self._top_up(candidates, chosen)
        missing = [need for need in together if _unmet([need], _passages_of(chosen, retrieved))]
        read = _by_source((p.chunk, p.chunk.text) for p in retrieved)
        unread = [name for need in missing if _unmet([need], read) for name in need]
        # (One not mentioned at all is not also said to be unquoted.)
        unmet_notes = list(
            dict.fromkeys(
                p.note
                for p in premises
                if p.note and p.about not in unread and not any(p.met_by(c) for c in chosen)
            )
        )
        note = f"Nothing I found mentions {listed(unread)}." if unread else ""
        note = " ".join([*unmet_notes, note]).strip()
        # Read as a paragraph: documents in the order their best sentence was chosen (the
        # answer's lead first), each document's sentences in text order.
        first: dict[str, int] = {}
        for i, c in enumerate(chosen):
            first.setdefault(c.passage.chunk.doc_id, i)
        chosen.sort(key=lambda c: (first[c.passage.chunk.doc_id], c.offset))
        answer = renumber(
            question, [(as_shown(c.text), [c.passage]) for c in chosen], retrieved, "extractive"
        )
        return replace(answer, note=note)

    def _quoted(
        self,
        spoke: Name,
        clause: str,
        question: str,
        together: Sequence[tuple[Name, ...]],
        spoken: Sequence[Name],
        written: Sequence[str],
        documents: dict[str, str],
    ) -> _Premise:
        """What "what did X say" takes for granted: a sentence giving X's words (declining
        nothing by itself)."""
        # "What did Kushner say after Geneva?" is not answered by reports that he was there,
        # nor by what others of his side said: a sentence must give his words, or what he
        # stated. A side ("how did Ukraine respond", "what did Moscow say") speaks by anyone
        # listed under it; a person only by himself.
        # (A person by their own name: "German officials said" is no quote of "German
        # Chancellor Olaf Scholz", though the title shows he is a person.)
        person = written_as_person(spoke, written)
        by = [without_title(spoke)] if person else speakers(spoke, self.aliases)
        # What they said about a rare name ("did Zelensky respond to Lula") is in a passage
        # naming it, not in their words on other days.
        about = [
            tuple(n for n in need if n.start != spoke.start)
            for need in together
            if any(n.start == spoke.start for n in need)
        ]
        # Whom they told and what about ("what did Pope Francis tell Putin about Ukraine") are
        # named by the quote's document, by anyone of their side: the Pope's birthday call
        # with Putin is no answer about Ukraine. (Not where or when it was: "when they met at
        # the Kremlin" may be told of by a later report; nor those asked beside them: "how
        # did China and India react" told India nothing. Off with the other name checks, as
        # for a digest's headlines.)
        checked = self.config.distinctive_share > 0
        # (By where they stand: whom they told is read without a title, the speakers with one.)
        spoken_at = {n.start for n in spoken}
        told = [
            speakers(n, self.aliases)
            for n in told_names(question, spoke, clause)
            if n.start not in spoken_at
        ]
        told = told if checked else []
        if checked and known_by_another(spoke, written):
            # "Trump said" is Melania Trump's only in a document naming her.
            told.append([Name(f, (f,), spoke.start) for f in first_names(spoke)])
        return _Premise(
            f"Nothing I found quotes {spoke.text}.",
            partial(_quotes_to, names=by, about=about, told=told, documents=documents),
            declines=False,
            about=spoke,
        )

    def _act_reported(
        self,
        act: Act,
        candidates: Sequence[_Candidate],
        retrieved: Sequence[Passage],
        periods: Sequence[Period],
        years: range,
    ) -> bool:
        """Whether a sentence from a source dated as asked, or the title of a passage read,
        tells of the signing or speech, by the rarest of the words naming what was signed or
        whom it was made to (a speech's record is titled "Address by the President of Ukraine
        to both houses of the Parliament of the Czech Republic", and its greetings may give
        the answer no sentence)."""
        rarity = self.term_weights(act.named_by)
        word = max(act.named_by, key=lambda w: rarity.get(w, 0.0))
        told = [
            c.passage.chunk for c in candidates if act.told(c.text, word, c.passage.chunk.title)
        ]
        told += [p.chunk for p in retrieved if act.told(p.chunk.title, word)]
        return any(_dated_as_asked(chunk, periods, years) for chunk in told)

    def _weights(self, question: str) -> dict[str, float]:
        """The question's content words, each weighted by how rare it is in the corpus."""
        query = [t for t in dict.fromkeys(keyword_tokens(question)) if t not in QUESTION_WORDS]
        return self.term_weights(query) if query else {}

    def _counting(
        self,
        clause: str,
        question: str,
        candidates: list[_Candidate],
        meeting: Callable[[Period], Callable[[_Candidate], bool]] | None,
        years: range,
        *,
        first: bool,
        sides_say: bool,
    ) -> _Premise:
        """What a clause asking for a number takes for granted: a sentence giving it, and from
        the dates the clause names ("What share backed talks in the January 2026 poll?" is not
        answered by August 2025's figure); lacking, the first number asked alone declines."""
        counted = self._counts(clause, candidates, question)
        periods = _periods_of_count(clause, question) if meeting else []
        dated = [meeting(p) for p in periods] if meeting else []

        def counted_then(c: _Candidate) -> bool:
            if not (counted(c) and all(m(c) for m in dated)):
                return False
            # A source from the period may count another: "Between February 2022 and
            # December 2025 more than 14,999 civilians have been killed", in January 2026.
            if _dated_otherwise(c.text, periods, years):
                return False
            # Nor is a total over a longer stretch a count of the part asked: "between
            # February 2022 and December 2025 ... 500,000 casualties" for 2025 alone.
            if _counted_over_longer(c.text, periods, years) and not _ASKS_TOTAL.search(clause):
                return False
            # Nor is a count of part of a year asked whole: "163bn in the first three quarters
            # of 2025" for the full year.
            if any(p.whole_year() and tells_part_of(c.text, p.year) for p in periods):
                return False
            # A running total ("Fifteen children have been returned since the first lady
            # started her advocacy") is no count of the period asked, unless it names it or
            # a running total is what is asked ("as of 24 February, how many days since").
            return not (
                periods
                and _SINCE.search(c.text)
                and not _ASKS_TOTAL.search(clause)
                and not any(stated(p, c.text) for p in periods)
            )

        # (Whose figure is missing, the sides' own premises say.)
        against = _set_against(clause, question)
        note = "" if sides_say else _no_number(clause, candidates, against)
        return _Premise(
            note, counted_then, first and _asked_alone(clause, question), new_figures=True
        )

    def _gives_figure(
        self,
        c: _Candidate,
        *,
        side: FigureSide,
        others: Sequence[FigureSide] = (),
        question: str,
        counted: frozenset[str] | None,
        earlier: Callable[[_Candidate], str],
        years_asked: Sequence[int] = (),
        in_dates: Sequence[Callable[[_Candidate], bool]] = (),
    ) -> bool:
        """Whether a sentence gives a figure of the kind asked (not one the question quotes,
        counting what is `counted`) for one side: a name or a period in it or its source's
        title, its speaker or publisher, or the day "that night" refers back to; of the dates
        asked of both sides, when sides are names (`in_dates`, the whole years among them
        `years_asked`: "casualties in 2025 alone")."""
        if not (has_quantity(c.text) and new_figures(c.text, question)):
            return False
        if not of_kind(c.text, question):
            return False
        if counted and not counts(c.text, counted):
            return False
        chunk = c.passage.chunk
        if side.period is not None:
            # A date the sentence states is its own; one it refers back to ("later in the
            # month") is the last its document names before it; else its title's.
            for text in (c.text, earlier(c) if THAT_TIME.search(c.text) else "", chunk.title):
                if dates_itself(text):
                    return stated(side.period, text)
            return False
        if side.name is None or not all(meets(c) for meets in in_dates):
            return False
        if any(tells_part_of(c.text, year) for year in years_asked):
            return False  # "between February 2022 and December 2025" for 2025 alone
        # "Hungary and Slovakia accounted for 68%" gives neither's own share.
        if _joint_figure(c.text, side, others):
            return False
        own = speakers(side.name, self.aliases)
        # A sentence naming another side asked before its figure, and not this one, gives that
        # side's figure, whoever its title names: "As for the Russian side, a 20-strong
        # delegation" (not "46,000 soldiers killed since Russia's invasion began").
        sentence = f"{c.plain} {c.voice}"
        lead = _before_first_figure(c.plain)
        if not any(mentions(sentence, n) for n in own) and any(
            mentions(lead, n)
            for o in others
            if o.name is not None
            for n in speakers(o.name, self.aliases)
        ):
            return False
        # (Not a sentence before: "France stands with Ukraine. Allies pledged 38bn in all.")
        # A source's figure is its own sentence's: "the Guardian's number".
        text = unaccented(f"{chunk.title} {chunk.publisher}") + f" {sentence}"
        return any(mentions(text, n) for n in own)

    def _counts(
        self, clause: str, candidates: list[_Candidate], question: str
    ) -> Callable[[_Candidate], bool]:
        """Whether a sentence answers a "how many": a number about the question's subject (one
        of its rarest words), counting what was asked for, not just any number nearby, nor
        only the numbers the question itself gives."""
        # "war watch report - how many civilians were killed?": the words before the dash say
        # where to look, the words after it what is counted.
        asked = _HEADING.split(clause)[-1]
        named = asked_names(clause)
        # Not the source asked for ("how many meters a day per CSIS"): a report rarely names
        # itself in the sentence giving its figure, and whether it is the source is checked
        # below.
        sourced = [n for n in named if _is_source(clause, n)]
        # (And the rest of its name: "the Kyiv International Institute of Sociology".)
        sourced += [
            n
            for before, n in pairwise(named)
            if before in sourced
            and _OF_NAME.fullmatch(clause[before.start + len(before.text) : n.start])
        ]
        sources = frozenset(t for n in sourced for t in keyword_tokens(f"per {n.text}"))
        # One it is read in ("according to the CSIS brief") may be named by the document alone,
        # or its web address.
        in_clause = question_names(clause)
        cited_by = [n for n in in_clause if n not in named]
        cited_words = frozenset(t for n in cited_by for t in keyword_tokens(n.text))
        subject = self._subject(
            clause, candidates, self.config.subject_terms, QUANTITY_WORDS | sources
        ) or self._subject(clause, candidates, self.config.subject_terms, QUANTITY_WORDS)
        # So do those of an occasion before the ask ("when boris johnson came to kyiv how much
        # new money did he announce"): the money is what is counted, not the coming.
        for part in {asked, the_ask(clause)} - {clause}:
            subject |= self._subject(part, candidates, self.config.subject_terms, QUANTITY_WORDS)
        # A subject that is a name ("... following the talks in Geneva") is what the count is
        # of, not a word the source may say otherwise ("promise" for "would provide").
        worded = not subject & {t for n in question_names(clause) for t in keyword_tokens(n.text)}
        counted = counted_terms(clause) & _present(candidates)
        cited = cited_figures(clause)
        # Whose it is, where the question names countries: "Russian military casualties" are no
        # count of the Ukrainian ones asked.
        # (A country asked by its initials is known by its aliases: "US troops", "American".)
        countries = frozenset(
            w
            for n in named
            for known in (speakers(n, self.aliases) if n.text.isupper() else [n])
            for w in country_row(known.text)
        )
        whose = counted | (cited.of if cited is not None else frozenset())
        # "North Korean soldiers killed while fighting for Russia" are North Korea's alone:
        # a nationality the question sets before what is counted says whose it is.
        # (Not the nationality itself, where it is counted too: "North Korean troops,
        # according to South Korean intelligence".)
        nationalities = {t for n in in_clause for t in keyword_tokens(n.text)}
        own = counted_whose(clause, frozenset(whose - nationalities))
        if own:
            countries = frozenset().union(*own)
        if cited is not None:
            # "What trade and investment figures did Putin cite": what the figures are of says
            # what they are about, however rare the names of the occasion are; and "what
            # estimate of Ukrainian military casualties" is about casualties, Ukraine's (whose,
            # the countries' own check below says).
            present = cited.of & _present(candidates)
            subject = {t for t in present if not country_row(t)} or set(present) or subject

        # "how many F-35s is Sweden buying?" is not answered by Finland's 64: what the count
        # is of is named by the sentence, the one before it ("Russia and Ukraine swapped
        # prisoners. Each side freed 157.") or its source's title; where it is ("killed in
        # Ukraine") and a heading before the question ("melania trump and the ukrainian kids -
        # how many ...") by the passages read of its document. A side is named by anyone of it
        # ("Ukrainian soldiers" by a source on Ukraine).
        heading = len(clause) - len(asked)
        of: list[list[Name]] = []
        around: list[list[Name]] = []
        # Of those, the names asked as the source saying it: "the Guardian said ...".
        by: list[Name | None] = []
        # Of those, the gatherings a place names ("at the Geneva talks"): a count is of the
        # last its document told of before it, not of one it named before another.
        occasions: list[frozenset[str]] = []
        for name in named:
            if _ROLE_OF.match(clause[name.start + len(name.text) :]):
                continue  # "Zelensky's economic adviser Oleg Ustenko": who Ustenko is
            side = speakers(name, self.aliases)
            # Who cites the figures asked for is named by the document ("What figures did
            # Putin cite": his speech's transcript names him once, at the top), and so is the
            # occasion named after him ("... when he welcomed Tokayev to Moscow"); not who
            # gave what is counted ("how many tanks did Germany give").
            cites = cited is not None and cited.citer_at <= name.start
            placed = name.start < heading or PLACED.search(clause[: name.start]) or cites
            (around if placed else of).append(side)
            if placed and _GATHERING_NAMED.match(clause[name.start + len(name.text) :]):
                occasions.append(frozenset(keyword_tokens(name.text)))
            if not placed:
                by.append(name if name in sourced else None)

        # (Those asked as giving what is counted: "how much did Germany pledge".)
        givers = [
            speakers(n, self.aliases)
            for n in named
            if n not in sourced and _GIVES.match(clause[n.start + len(n.text) :])
        ]
        read = {c.passage.chunk.chunk_id: c.passage.chunk for c in candidates}.values()
        documents = _by_document((chunk, chunk.text) for chunk in read)

        # What a document read says just before a sentence, across passages.
        earlier = _read_before([c.passage for c in candidates])

        def answers(c: _Candidate) -> bool:
            counting = counts(c.text, counted)
            named = bool(counted) and counting  # the very thing asked, not just any number
            given = counting or gives_duration(c.text, clause)
            if not (given and of_kind(c.text, clause) and new_figures(c.text, question)):
                return False
            if countries and counts_for_another(c.text, whose, countries):
                return False
            # Nor is a figure its document has just given as another country's: "55,000
            # Ukrainian troops have been killed ... 'the number of soldiers killed is 55,000'".
            if countries and _given_as_another(c.text, earlier(c), countries):
                return False
            chunk = c.passage.chunk
            before = chunk.text[max(0, c.offset - chunk.start - _BEFORE) : c.offset - chunk.start]
            # What is counted may be named only just before ("Melania Trump wrote to Putin.
            # Fifteen children have been returned since the first lady started."), by a sentence
            # the judge finds answering: "seven days a week" after "the talks in Istanbul" is
            # no amount asked of Istanbul.
            judged = worded and named and c.own >= self.config.counted_judged
            document = documents[chunk.doc_id]
            read_in = subject & cited_words and any(mentions(document, n) for n in cited_by)
            # A sentence naming the very thing counted needs no judge's nod where its document
            # names the occasion asked before it ("... concluded a second round in Abu Dhabi.
            # ... an exchange of 314 prisoners of war"; not "The next round is planned in
            # Geneva" after it): judged alone, a count says little of a round. (Nor one in the
            # source the question reads it in: a brief at csis.org, "according to CSIS".)
            if (
                not judged
                and not read_in
                and not _about(subject, c)
                and not (
                    c.own >= self.config.min_relevance and subject & set(keyword_tokens(before))
                )
                and not (named and subject & set(keyword_tokens(earlier(c))))
            ):
                return False
            # "How much did Germany pledge?" is not answered by what "Ukraine's European allies
            # pledged" in all, however near Germany is named.
            if givers and _given_by_a_group(c.text, givers):
                return False
            sentence = unaccented(f"{chunk.title} {before} {c.text}")
            # A source asked for by name names itself: "the Guardian said something like
            # 600bn" (by its own name, not its side's: the Kremlin's page is no sentence on
            # Russia).
            publisher = unaccented(chunk.publisher)
            # (Not one named only after it: "Talks in Geneva are currently under way" follows
            # the Abu Dhabi swap in an explainer.)
            if not all(o & c.titled or _names_last(f"{earlier(c)} {c.text}", o) for o in occasions):
                return False
            return all(
                any(mentions(sentence, n) for n in side)
                or (name is not None and mentions(publisher, name))
                for side, name in zip(of, by, strict=True)
            ) and all(any(mentions(document, n) for n in side) for side in around)

        return answers

    def _names(
        self, clause: str, question: str, candidates: list[_Candidate]
    ) -> Callable[[_Candidate], bool]:
        """Whether a sentence answers a "who": it names someone the question does not, and
        is about what the clause asks (one of its rarest words, the title counting); asked
        for a role's holder, not only holders of other roles ("the captain of the Moskva" is
        not "the governor of the Odesa region, Maksym Marchenko")."""
        subject = self._subject(clause, candidates, self.config.person_subject_terms)
        one_word = not asks_for_a_role(clause)

        def answers(c: _Candidate) -> bool:
            return (
                _about(subject, c)
                and names_someone(c.text, question, one_word=one_word)
                and not of_another_role(c.text, clause)
            )

        return answers

    def _subject(
        self,
        clause: str,
        candidates: list[_Candidate],
        n: int,
        ignore: frozenset[str] = frozenset(),
    ) -> set[str]:
        """The clause's `n` rarest words that some sentence holds: words no passage contains
        (typos, stray markup) cannot be what the answer is about."""
        weights = self._weights(clause)
        present = _present(candidates)
        # The date asked about is a premise of its own: "feb" is not what "how many drones did
        # Russia launch on feb 7" counts, however rare a word it is.
        dated = CALENDAR_TERMS.union(*(keyword_tokens(p.text) for p in question_periods(clause)))
        # Nor is a year ("the UN's 2026 plan"): a sentence giving its figure need not say it.
        about = [
            t
            for t in weights
            if t not in ignore and t not in dated and t in present and not _A_YEAR.fullmatch(t)
        ]
        return set(sorted(about, key=lambda t: -weights[t])[:n])

    def _where_held(self, question: str, name: Name) -> bool:
        """Whether the name says where a gathering asked about was held: "the rounds in Abu
        Dhabi and Riyadh". One no source mentions is a gathering that never was, not a side
        the answer may leave out ("what did ISW and CSIS say"); nor is one who takes part
        ("the talks in Geneva and Zelensky's team", "in Geneva and Moscow": a side)."""
        after = question[name.start + len(name.text) :]
        if OWNS.match(after) or len(speakers(name, self.aliases)) > 1:
            return False
        return bool(_HELD_IN.search(_JOINED_NAMES.sub("", question[: name.start])))

    def _abstention(
        self, question: str, retrieved: tuple[Passage, ...], together: list[tuple[Name, ...]]
    ) -> Answer:
        """No answer; with the names no source mentions (together), so the reader can rephrase."""
        unmet = _unmet(together, _by_source((p.chunk, p.chunk.text) for p in retrieved))
        if not unmet:
            return abstention(question, retrieved)
        suffix = " together" if len(unmet) > 1 else ""
        return abstention(
            question, retrieved, note=f"Nothing I found mentions {listed(unmet)}{suffix}."
        )

    def _distinctive(self, words: Iterable[str]) -> set[str]:
        """The words that fewer than `distinctive_share` of the passages contain; and the names
        of several words ("UN Security Council") that fewer write, of those the corpus writes
        as names."""
        if self.config.distinctive_share <= 0:
            return set()
        words = set(words)
        names = {w for w in words if " " in w}
        tokens = {w: keyword_tokens(w) for w in words - names}
        shares = self.term_share({t for ts in tokens.values() for t in ts} | names)
        limit = self.config.distinctive_share
        rare = {w for w, ts in tokens.items() if any(shares[t] < limit for t in ts)}
        return rare | {n for n in names if shares.get(n, 1.0) < limit}

    def _said_at_the_record(
        self, question: str, passages: Sequence[Passage], candidates: list[_Candidate]
    ) -> list[_Premise]:
        """The sentences of the record of the day the question names most like what is asked
        of it, each to be taken first (none declines the answer)."""
        record = record_of_the_day(question, passages)
        if not record or self.vectors is None or self.config.record_sentences <= 0:
            return []
        # Only those near enough the best to be taken at all.
        floor = candidates[0].score - self.config.keep_within if candidates else 0.0
        own = [c for c in candidates if c.passage.chunk.doc_id == record and c.score >= floor]
        if not own:
            return []
        asked = asked_of_the_record(question, own[0].passage.chunk.title)
        like = self.vectors(asked, [c.passage for c in own], [c.text for c in own]).likeness()
        like = np.nan_to_num(like, nan=-1.0)
        best = np.argsort(-like, kind="stable")[: self.config.record_sentences]
        return [
            _Premise("", partial(_is, own[i]), declines=False)
            for i in best
            if like[i] >= self.config.record_likeness
        ]

    def relevant(self, question: str, passages: Sequence[Passage]) -> bool:
        """Whether some sentence of the passages is relevant enough to answer the question
        (an answer declined though one is was declined for a premise)."""
        return self._relevant_enough(question, self.candidates(question, passages), passages)

    def _relevant_enough(
        self, question: str, candidates: list[_Candidate], passages: Sequence[Passage]
    ) -> bool:
        """Whether some sentence is relevant enough to the question, or to one of its parts:
        what answers one side of a comparison, or one of two things asked, is judged poorly
        against the whole question."""
        floor = self.config.min_relevance
        if candidates and _best_relevance(candidates) >= floor:
            return True
        # (A part of one word, "... differ from Ukraine's?", would find any sentence naming it.)
        parts = [p for p in question_parts(question) if len(keyword_tokens(p)) > 1]
        parts = parts if len(parts) > 1 else []
        # The dates asked are premises of their own, and they distract the judge: "How did
        # Zelensky on 24 February 2022 and Lavrov at the end of June 2022 each use ..."
        bare = undated(question)
        if bare != question:
            parts.append(bare)
        return any(
            (found := self.candidates(part, passages)) and _best_relevance(found) >= floor
            for part in parts
        )

    def candidates(
        self,
        question: str,
        passages: Sequence[Passage],
        keep: Callable[[str, str], bool] | None = None,
    ) -> list[_Candidate]:
        """Every usable sentence of the passages (only those `keep` takes, given a sentence and
        who it is quoted from), best first."""
        return self._scored(question, self._weights(question), passages, keep)

    def _scored(
        self,
        question: str,
        weights: dict[str, float],
        passages: Sequence[Passage],
        keep: Callable[[str, str], bool] | None = None,
    ) -> list[_Candidate]:
        total = sum(weights.values()) or 1.0
        found: list[tuple[str, Passage, int, int]] = []
        seen: dict[tuple[str, int], int | None] = {}  # where in `found`, if it is
        # Each passage's sentences in order, found or not, for neighbours to inherit from: a
        # sentence two overlapping passages share counts in both, so the one after it in the
        # second is still its neighbour.
        at: dict[tuple[str, int], int | None] = {}
        place: list[int] = []  # of each found sentence among all its passage's sentences
        voiced: list[str] = []
        labels = turn_labels(p.chunk for p in passages)
        turns = transcript_turns((p.chunk for p in passages), labels)
        # Sentences of a turn putting a question, that `keep` leaves out or that are the
        # question itself ("So how will it affect us?"): judged for the answer after them to
        # inherit, never given, nor lent to their neighbours.
        asking: set[int] = set()
        # A photo's caption (see `photo_captions`): never given, as it describes what the
        # reader can't see, but judged for its neighbours, as it often names what the
        # passage is about.
        captions: set[int] = set()
        spans = [sentence_spans(p.chunk.text) for p in passages]
        caption_offsets = _caption_offsets(passages, spans)
        for rank, (p, sentences) in enumerate(zip(passages, spans, strict=True)):
            speakers_of = voices(p.chunk.text, p.chunk.speaker, labels[p.chunk.doc_id])
            for n, (start, raw) in enumerate(sentences):
                offset = p.chunk.start + start
                if (p.chunk.doc_id, offset) in seen:
                    # the same sentence in two overlapping passages
                    at[(p.chunk.chunk_id, n)] = seen[(p.chunk.doc_id, offset)]
                    continue
                sentence = quotable(raw)
                voice = unaccented(speakers_of.at(offset - p.chunk.start))
                index = None
                kept = sentence is not None and (keep is None or keep(sentence, voice))
                caption = kept and (p.chunk.doc_id, offset) in caption_offsets
                asks = (
                    not kept
                    and self.config.answer_drop >= 0
                    and (sentence is not None or raw.rstrip().endswith("?"))
                    and turns.asks(p.chunk.doc_id, offset)
                )
                if kept or asks:
                    index = len(found)
                    if asks:
                        asking.add(index)
                    if caption:
                        captions.add(index)
                    found.append((sentence or raw.strip(), p, rank, offset))
                    place.append(n)
                    voiced.append(voice)
                seen[(p.chunk.doc_id, offset)] = at[(p.chunk.chunk_id, n)] = index
        if not found:
            return []
        # An acronym asked is in a text that spells it out: "the International Monetary Fund"
        # answers for the IMF, in the words it shares with the question and the sentences
        # a count's subject is looked for in.
        # (Also the first word: "IMF emergency funding for Ukraine - how much?")
        words = dict.fromkeys(re.findall(r"\w+", question))
        acronyms = [Name(w, (w,), 0) for w in words if is_acronym(w)]

        def tokens(text: str) -> frozenset[str]:
            plain = unaccented(text)
            spelled = [n.text for n in acronyms if mentions(plain, n)]
            return frozenset(keyword_tokens(" ".join([text, *spelled])))

        title_terms = {p.chunk.chunk_id: tokens(p.chunk.title) for p in passages}
        priors = []
        for sentence, p, rank, _ in found:
            terms = tokens(sentence)
            titled = terms | title_terms[p.chunk.chunk_id]
            prior = self.config.coverage_weight * sum(weights[t] for t in titled & weights.keys())
            prior = prior / total + self.config.rank_weight / (1 + rank)
            if _DANGLING_START.match(sentence):
                prior -= 1.0
            priors.append((prior, terms, titled))
        vectors = (
            self.vectors(question, passages, [s for s, *_ in found])
            if self.vectors is not None
            else None
        )
        judged = list(range(len(found)))
        if 0 < self.config.judged_sentences < len(found):
            promise = np.array([prior for prior, *_ in priors])
            similar = vectors.likeness() if vectors is not None else np.full(len(found), np.nan)
            if not np.isnan(similar).all():
                # A sentence stored without a vector counts as typical.
                similar = np.nan_to_num(similar, nan=float(np.nanmedian(similar)))
                promise = promise + self.config.similarity_weight * similar
            judged = sorted(judged, key=lambda i: -promise[i])[: self.config.judged_sentences]
        asked = question if self.config.judge_the_day else without_day(question)
        relevance = self.score_sentences(asked, [found[i][0] for i in judged])
        titled_as: dict[str, float] = {}  # each source's title, as judged against the question
        if self.config.title_weight > 0:
            # Only the titles of passages with a judged sentence: other passages' sentences,
            # neither judged nor near one, are not kept. (No titles judged, none lent.)
            titles = list(dict.fromkeys(found[i][1].chunk.title for i in judged))
            titles = [t for t in titles if t]
            if titles:
                judged_titles = self.score_sentences(asked, titles)
                titled_as = {t: float(v) for t, v in zip(titles, judged_titles, strict=True)}
        unit = (
            np.nan_to_num(vectors.rows, nan=0.0)
            if vectors is not None
            else np.zeros((len(found), 0), dtype=np.float32)
        )
        # What each judged sentence was judged, for its neighbours to inherit (a question's
        # only for the answer after it: the sentence before it is its asker's, or another's).
        judged_as_at = {i: float(rel) for i, rel in zip(judged, relevance, strict=True)}
        lent = {i: rel for i, rel in judged_as_at.items() if i not in asking}
        answering = (
            self._answering(found, judged_as_at, turns) if self.config.answer_drop >= 0 else {}
        )
        reach = self.config.context_reach
        out = []
        for i, (sentence, p, rank, offset) in enumerate(found):
            near = [(d, at.get((p.chunk.chunk_id, place[i] + d))) for d in range(-reach, reach + 1)]
            inherited = [
                rel - self.config.context_drop * abs(d)
                for d, j in near
                if j is not None and (rel := lent.get(j)) is not None
            ]
            if i in answering:
                inherited.append(answering[i])
            if self.config.title_drop >= 0 and p.chunk.title in titled_as:
                inherited.append(titled_as[p.chunk.title] - self.config.title_drop)
            if not inherited or i in asking or i in captions:
                continue
            prior, terms, titled = priors[i]
            judged_as = max(inherited)
            score = judged_as + prior
            if p.chunk.title in titled_as:
                # Past a logit of 5 either way a title is as telling as it gets.
                title_judged = min(5.0, max(-5.0, titled_as[p.chunk.title]))
                score += self.config.title_weight * title_judged / 5.0
            out.append(
                _Candidate(
                    sentence,
                    p,
                    rank,
                    offset,
                    terms,
                    titled,
                    judged_as,
                    score,
                    unit[i],
                    voiced[i],
                    judged_as_at.get(i, -np.inf),
                )
            )
        out.sort(key=lambda c: -c.score)
        return out

    def _answering(
        self,
        found: Sequence[tuple[str, Passage, int, int]],
        judged_as: dict[int, float],
        turns: Turns,
    ) -> dict[int, float]:
        """What each sentence of a transcript's answer inherits from the question the turn
        before it put, by index in `found`."""
        by_turn: dict[tuple[str, int], list[int]] = {}  # sentences by the turn they are in
        for i, (_, p, _, offset) in enumerate(found):
            turn = turns.of(p.chunk.doc_id, offset)
            if turn is not None:
                by_turn.setdefault((p.chunk.doc_id, turn), []).append(i)
        inherited: dict[int, float] = {}
        for (doc, turn), members in by_turn.items():
            asked = turns.answered(doc, turn)
            if asked is None:
                continue
            judged = [judged_as[j] for j in by_turn.get((doc, asked), []) if j in judged_as]
            if not judged:
                continue
            members.sort(key=lambda j: found[j][3])
            for n, i in enumerate(members):
                step = self.config.answer_drop + self.config.answer_step * n
                inherited[i] = max(judged) - step
        return inherited

    def _select(
        self,
        candidates: list[_Candidate],
        names: list[Name],
        together: list[tuple[Name, ...]],
        premises: Sequence[_Premise] = (),
    ) -> list[_Candidate]:
        best = candidates[0].score
        pool = [c for c in candidates if c.score >= best - self.config.keep_within]
        chosen: list[_Candidate] = []

        take = partial(self._take, chosen)
        take(pool[0])
        # What the question takes for granted comes first: a date, a count.
        for premise in premises:
            if not any(premise.met_by(c) for c in chosen):
                take_it = partial(self._take, chosen, figures_differ=premise.new_figures)
                for c in pool:
                    if premise.met_by(c) and (take_it(c) or self._instead(chosen, c, premises)):
                        break
        # Names asked about together are answered from a sentence naming them together, and a
        # rare name asked about alone from one naming it, even where an actor's own sentences
        # lead ("What did Russia say at the Munich conference?").
        for need in together:
            if _unmet([need], _sources(chosen)):
                for c in pool:
                    if not _unmet([need], _sources([c])) and take(c):
                        break
        # Each actor the question names gets its best sentence, so a question about two
        # sides' positions is answered from both sides.
        for name in names:
            if not any(mentions(c.plain, name) for c in chosen):
                for c in pool:
                    if mentions(c.plain, name) and take(c):
                        break
        self._fill(pool, chosen, take)
        return chosen

    def _instead(
        self, chosen: list[_Candidate], c: _Candidate, premises: Sequence[_Premise]
    ) -> bool:
        """Put the candidate in place of the one chosen sentence it says again, where that one
        meets no premise: "when Putin repeatedly claimed ..." for "when he repeatedly claimed
        ...", as the question asks what Putin claimed."""
        alike = [o for o in chosen if repeats(c.terms, o.terms) > self.config.redundancy]
        if len(alike) != 1 or any(p.met_by(alike[0]) for p in premises):
            return False
        if float(alike[0].vector @ c.vector) < _SAME_STATEMENT:
            return False  # sharing words, saying another thing
        words = sum(words_in(o.text) for o in chosen) - words_in(alike[0].text)
        if len(chosen) > 1 and words + words_in(c.text) > self.config.max_words:
            return False
        chosen[chosen.index(alike[0])] = c
        return True

    def _take(self, chosen: list[_Candidate], c: _Candidate, figures_differ: bool = False) -> bool:
        """Add the candidate to those chosen if it fits and says something new (with
        `figures_differ`, a figure the sentence it repeats does not give is new)."""
        if c in chosen or len(chosen) >= self.config.max_sentences:
            return False
        if any(
            repeats(c.terms, o.terms) > self.config.redundancy
            and not (figures_differ and figures(c.text) - figures(o.text))
            for o in chosen
        ):
            return False
        words = sum(words_in(o.text) for o in chosen)
        if chosen and words + words_in(c.text) > self.config.max_words:
            return False
        chosen.append(c)
        return True

    def _top_up(self, candidates: list[_Candidate], chosen: list[_Candidate]) -> None:
        """Add to the chosen sentences as many more as fit of those the judge itself found
        relevant enough to answer alone (not by a neighbour or title), best first."""
        floor = self.config.min_relevance
        more = [c for c in candidates if c not in chosen and c.own >= floor]
        self._fill(more, chosen, partial(self._take, chosen))

    def _fill(
        self, pool: list[_Candidate], chosen: list[_Candidate], take: Callable[[_Candidate], bool]
    ) -> None:
        """Take the rest of the pool best first, each scored down by how closely it says again
        what a chosen sentence says unless it gives a figure none of them gives."""
        rest = [c for c in pool if c not in chosen]
        if not rest:
            return
        scores = np.array([c.score for c in rest], dtype=np.float32)
        rows = np.stack([c.vector for c in rest])
        closest = np.zeros(len(rest), dtype=np.float32)

        def said(c: _Candidate) -> None:
            np.maximum(closest, rows @ c.vector, out=closest)

        # A sentence giving a figure no chosen one gives says something new however alike it
        # reads: "a 31% increase compared to 2024" beside "2025 was the deadliest year".
        given = [figures(c.text) for c in rest]
        figures_said: set[str] = set()
        for c in chosen:
            said(c)
            figures_said |= figures(c.text)
        left = np.ones(len(rest), dtype=bool)
        cut, floor = self.config.paraphrase_penalty, self.config.paraphrase_cosine
        while left.any() and len(chosen) < self.config.max_sentences:
            penalised = np.array([g <= figures_said for g in given])
            value = scores - cut * np.maximum(0.0, closest - floor) * penalised
            i = int(np.argmax(np.where(left, value, -np.inf)))
            left[i] = False
            if take(rest[i]):
                said(rest[i])
                figures_said |= given[i]


def _caption_offsets(
    passages: Sequence[Passage], spans: Sequence[Sequence[tuple[int, str]]]
) -> set[tuple[str, int]]:
    """Where the passages' photo captions start, by document and offset, given each
    passage's `sentence_spans`: a caption ending one passage is known by the next,
    overlapping passage, which repeats it with its credit."""
    found = set()
    for p, sentences in zip(passages, spans, strict=True):
        for n in photo_captions([sentence for _, sentence in sentences]):
            found.add((p.chunk.doc_id, p.chunk.start + sentences[n][0]))
    return found


def _by_source(texts: Iterable[tuple[Chunk, str]]) -> list[str]:
    """Each document's publisher, site, title and the texts taken from it, as one unaccented
    string ("the Lowy Institute's piece" is met by the Lowy Institute's page, which never
    names it, and "per CSIS" by a brief at www.csis.org, whose passages read may not)."""
    return list(_by_document(texts).values())


def _by_document(texts: Iterable[tuple[Chunk, str]]) -> dict[str, str]:
    """`_by_source`, by document id."""
    said: dict[str, str] = {}
    for chunk, text in texts:
        # Unaccented piece by piece: the same sentences are looked at again and again.
        known = said.get(
            chunk.doc_id, unaccented(f"{chunk.publisher} {chunk.site()} {chunk.title}")
        )
        said[chunk.doc_id] = f"{known} {unaccented(text)}"
    return said


def _present(candidates: Iterable[_Candidate]) -> set[str]:
    """Every word some sentence holds."""
    return set().union(*(c.terms for c in candidates))


def _no_number(clause: str, candidates: list[_Candidate], against: bool) -> str:
    """What the answer says when no sentence gives the number asked for: for a number set
    against another side's ("Klitschko's figure vs Shevchuk's"), whose is missing."""
    if against:
        unmet = [
            n
            for n in question_names(clause)
            if not any(has_quantity(c.text) and mentions(c.plain, n) for c in candidates)
        ]
        if unmet:
            return f"Nothing I found gives that number for {listed(unmet)}."
    return "Nothing I found gives that number."


def _set_against(clause: str, question: str) -> bool:
    """Whether what follows the clause asks the same of another side: "Klitschko's figure
    vs Shevchuk's?"."""
    return _AGAINST.match(question.replace(clause, " ")) is not None


def _asked_alone(clause: str, question: str, *, of_speakers: bool = False) -> bool:
    """Whether the clause is all the question asks: asked beside other things ("what did
    the Pentagon say, and how many generals ...?"), what it lacks is said, not the whole
    answer declined; nor is one asked of a side set against another. Of what speakers said,
    a part asking more of them ("what did Medinsky say? was he upbeat?") asks nothing new."""
    rest = question.replace(clause, " ")
    if of_speakers:
        rest = " ".join(
            part
            for part in CLAUSE_BREAK.split(rest)
            if not (
                _OF_THE_SPEAKER.search(part)
                and not question_names(part)
                and not quantity_clauses(part)
            )
        )
    return not ASKS.search(rest) and not _set_against(clause, question)


def _unnamed_part(question: str, missing: Sequence[tuple[Name, ...]]) -> bool:
    """Whether a part of a question asking several things names none of the missing names
    (not a side set against another: "how many Leopards vs how many Challengers")."""
    if _SET_AGAINST.search(question):
        return False
    parts = question_parts(question)
    named = [n.text for need in missing for n in need]

    def unnamed(part: str) -> bool:
        # "..., and what did he say?" still asks about the missing one; "And where?" asks
        # nothing of its own.
        asks = [t for t in keyword_tokens(part) if t not in QUESTION_WORDS]
        return bool(asks) and not _REFERS_BACK.search(part) and not any(n in part for n in named)

    return len(parts) > 1 and any(unnamed(part) for part in parts)


def _sources(chosen: Iterable[_Candidate]) -> list[str]:
    return _by_source((c.passage.chunk, c.text) for c in chosen)


def _passages_of(chosen: Sequence[_Candidate], retrieved: Sequence[Passage] = ()) -> list[str]:
    """Each document's title and passages chosen from, with the others read of its documents."""
    documents = {c.passage.chunk.doc_id for c in chosen}
    passages = {c.passage.chunk.chunk_id: c.passage.chunk for c in chosen}
    passages |= {p.chunk.chunk_id: p.chunk for p in retrieved if p.chunk.doc_id in documents}
    return _by_source((chunk, chunk.text) for chunk in passages.values())


def _unmet(together: list[tuple[Name, ...]], sources: list[str]) -> tuple[Name, ...]:
    """The first set of names that no one source mentions together, or ()."""
    for names in together:
        if not any(all(mentions(text, n) for n in names) for text in sources):
            return names
    return ()


@dataclass(frozen=True)
class _Premise:
    """Something the question takes for granted, and the note when no source states it."""

    note: str
    met_by: Callable[[_Candidate], bool]
    declines: bool = True  # unmet, the answer is declined; else it is given with the note
    about: Name | None = None  # whom the note is about: "Nothing I found quotes Fico."
    # A sentence meeting it that repeats a chosen one's words but gives other figures is new:
    # "about 60,000 residents have already left the city" beside "600,000 people had".
    new_figures: bool = False


def _meets_any(premises: Sequence[_Premise], c: _Candidate) -> bool:
    """Whether the candidate meets one of the premises."""
    return any(p.met_by(c) for p in premises)


def _preferred(
    candidates: list[_Candidate], bonus: float, wanted: Callable[[_Candidate], bool]
) -> list[_Candidate]:
    """The candidates best first, those `wanted` scoring `bonus` more."""
    out = [replace(c, score=c.score + bonus) if wanted(c) else c for c in candidates]
    return sorted(out, key=lambda c: -c.score)


def _quotes(c: _Candidate, names: Sequence[Name], about: Sequence[tuple[Name, ...]] = ()) -> bool:
    """Whether the candidate gives the words or stated position of one of the names, in a
    passage naming all of some set of names `about` (when there are any)."""
    if states_position(c.plain, names) is None and not speaks_for(c.voice, names):
        return False
    if any(another_of_that_name(unaccented(c.passage.chunk.text), n) for n in names):
        return False  # "Musk stated ..." where the passage means Elon Musk
    return not about or any(not _unmet([need], _passages_of([c])) for need in about)


def _figures_said(question: str, clause: str, spoke: Name) -> frozenset[str]:
    """The figures the question has the speaker give in what it says they said (its dates and
    labels aside): "why did Macron say in May 2022 it would take 15 to 20 years" -> 15, 20;
    none in "what did Zelensky tell the 27 EU leaders" or "say about the 20-point plan"."""
    end = question.index(clause) + len(clause)
    said = _SAID_THAT.match(question, spoke.start + len(spoke.text), end)
    return figures(_LABEL.sub(" ", said.group("what"))) if said else frozenset()


def _quotes_figures(c: _Candidate, quoted: _Premise, said: frozenset[str]) -> bool:
    """Whether the candidate gives the speaker's words, with the figures asked in them."""
    return said <= figures(c.text) and quoted.met_by(c)


def _about(subject: set[str], c: _Candidate) -> bool:
    """Whether the sentence or its title holds one of the subject's words, a name's however
    its ending is transliterated ("Zelenskyy" for "Zelensky")."""
    if subject & c.titled:
        return True
    ends = {one_ending(t) for t in subject}
    return any(one_ending(t) in ends for t in c.titled)


def _quotes_to(
    c: _Candidate,
    names: Sequence[Name],
    about: Sequence[tuple[Name, ...]],
    told: Sequence[Sequence[Name]],
    documents: dict[str, str],
) -> bool:
    """`_quotes`, in a document that names (as far as it was read) one of each of `told`."""
    document = documents.get(c.passage.chunk.doc_id, "")
    named = all(any(mentions(document, n) for n in side) for side in told)
    return named and _quotes(c, names, about)


def _reported(
    encounter: Encounter,
    candidates: Sequence[_Candidate],
    periods: Sequence[Period],
    years: range,
    earlier: Callable[[_Candidate], str],
    about: Sequence[Sequence[Name]] = (),
    documents: dict[str, str] | None = None,
) -> bool:
    """Whether a candidate's passage reports the meeting, visit or dismissal asked about,
    made when asked (in a document naming one of each of `about`, as far as it was read)."""
    # By passage: each is unaccented and dated once, not once per sentence; by document, each
    # is searched for what it was about once.
    read: dict[str, tuple[str, str] | None] = {}
    touching: dict[str, bool] = {}
    for c in candidates:
        chunk = c.passage.chunk
        if about:
            if chunk.doc_id not in touching:
                document = documents.get(chunk.doc_id, chunk.text) if documents else chunk.text
                named = unaccented(f"{chunk.title} {document}")
                touching[chunk.doc_id] = all(
                    any(mentions(named, n) for n in side) for side in about
                )
            if not touching[chunk.doc_id]:
                continue
        if chunk.chunk_id not in read:
            title, text = unaccented(chunk.title), unaccented(chunk.text)
            # Of several days asked, the meeting's is one: "his call with Čaputová in early
            # February vs his call with Heger on February 21".
            dated = not periods or any(_dated_as_asked(chunk, [p], years) for p in periods)
            # "the outcomes of the June 2021 summit in Geneva" places no December meeting there.
            placed = all(
                any(
                    mentions(sentence, place)
                    and not _dated_otherwise(_near(sentence, [place]), periods, years)
                    for sentence in [title, *split_sentences(text)]
                )
                for place in encounter.places
            )
            read[chunk.chunk_id] = (title, text) if dated and placed else None
        passage = read[chunk.chunk_id]
        # (A sentence dating it otherwise reports another one.)
        if (
            passage is not None
            and reports(c.plain, *passage, encounter)
            and not _dated_otherwise(_near(c.plain, encounter.places), periods, years)
            and not _referred_otherwise(c, periods, years, earlier)
        ):
            return True
    return False


def _referred_otherwise(
    c: _Candidate, periods: Sequence[Period], years: range, earlier: Callable[[_Candidate], str]
) -> bool:
    """Whether the sentence tells its time by a day its document names just before it ("later
    in the month", "that night") that lies outside the periods asked about."""
    m = THAT_TIME.search(c.text)
    if not periods or m is None:
        return False
    # "On February 14 they met in Munich and, later in the month, in Miami": its own date.
    named = question_periods(c.text[: m.start()]) or question_periods(earlier(c))
    return bool(named) and _dated_otherwise(named[-1].text, periods, years)


def _names_the(c: _Candidate, noun: str, asked: str) -> bool:
    """Whether the candidate names one of what the question asks the name of."""
    return names_the(c.text, noun, asked)


def _of_a_namesake(c: _Candidate, namesakes: Sequence[Name]) -> bool:
    """Whether the candidate names one of the namesakes' surnames in a passage that never
    writes that namesake's first name: it speaks of the other person."""
    text = unaccented(c.passage.chunk.text)
    return any(
        mentions(c.plain, Name(n.keys[-1], n.keys[-1:], n.start)) and not writes_first_name(text, n)
        for n in namesakes
    )


def _with_namesakes_in_full(encounter: Encounter | None, texts: Sequence[str]) -> Encounter | None:
    """The encounter, each who met whose surname the (unaccented) passages mostly give another
    person found by the full name only: "Trump talks of Putin contact" names Donald Trump, not
    the Melania Trump asked about."""
    if encounter is None:
        return None
    between = tuple(
        replace(n, keys=(n.text,)) if known_by_another(n, texts) else n for n in encounter.between
    )
    return replace(encounter, between=between)


def _dated_as_asked(chunk: Chunk, periods: Sequence[Period], years: range) -> bool:
    """Whether the passage's source is from the periods asked, or names them; a source written
    before a period may name it for plans, not report what happened then."""
    where = f"{chunk.title} {unaccented(chunk.text)}"
    return all(
        p.holds(chunk.date, years) or (not p.after(chunk.date, years) and p.mentioned_in(where))
        for p in periods
    )


def _joint_figure(text: str, side: FigureSide, others: Sequence[FigureSide]) -> bool:
    """Whether the text names the side and another asked as one ("Hungary and Slovakia"),
    giving their figure together, not each its own ("..., respectively")."""
    if _RESPECTIVELY.search(text):
        return False
    lowered = unaccented(text).lower()
    written = [re.escape(unaccented(s.text).lower()) for s in [side, *others] if s.name is not None]
    if len(written) < 2:
        return False
    one = "|".join(written)
    return any(
        m.group(1) != m.group(2)
        # ("A and B", or "A, B and C": not "In Hungary, Slovakia's share was 28%".)
        for m in re.finditer(
            rf"\b({one})(?:\s+(?:and|&)\s+(?:the\s+)?|\s*,\s*)({one})\b(?!['’])", lowered
        )
    )


def _before_first_figure(text: str) -> str:
    """The text up to its first number."""
    m = re.search(r"\d", text)
    return text[: m.start()] if m else text


_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)


def _given_by_a_group(text: str, givers: Sequence[Sequence[Name]]) -> bool:
    """Whether the sentence gives what was given by a group as a whole, as its subject, and
    not by one of the givers asked (anyone of their side): "Ukraine's European allies pledged
    38 billion euros" (not "EU member states pledged", asked of the EU)."""
    return any(
        _GROUP.search(giver)
        and not _ONE_OF.search(giver)
        and not any(mentions(unaccented(giver), n) for side in givers for n in side)
        for giver in (m.group("giver") for m in _GIVEN.finditer(text))
    )


def _is_source(clause: str, name: Name) -> bool:
    """Whether the clause asks the name as the source of what it asks: "the Guardian said",
    "according to CSIS", "per csis"."""
    after = clause[name.start + len(name.text) :]
    before = clause[: name.start]
    return bool(
        _SOURCE_SAYS.match(after)
        or ACCORDING_TO.search(before)
        or _PER_SOURCE.search(before)
        or _TOLD_POLLSTER.search(before)
    )


def _periods_of_count(clause: str, question: str) -> list[Period]:
    """The dates a clause asking for a number names, or else those of the question's parts
    that ask nothing of their own: "How many drones did Russia launch at Ukraine, and Ukraine
    at Russia, on 24 February 2026?" asks the first count of that day too (not "how many tanks
    has Germany sent so far, and what did Scholz promise in January 2023?")."""
    # (And the year a figure is asked for: "the growth forecast for 2027".)
    own = question_periods(clause, months_alone=True) + years_for(clause)
    if own or _ASKS_TOTAL.search(clause):
        return own
    return [
        p
        for part in CLAUSE_BREAK.split(question)
        if part != clause and not ASKS.search(part)
        for p in question_periods(part, months_alone=True)
    ]


def _counted_over_longer(sentence: str, periods: Sequence[Period], years: range) -> bool:
    """Whether the sentence dates what it tells by a stretch holding a period asked and
    longer than it, and names none of the periods asked or a part of one."""
    named = question_periods(sentence)
    longer = any(_holds_longer(a, p, years) for a in named for p in periods)
    own = any(
        not _holds_longer(a, p, years) and a.overlaps(p, years) for a in named for p in periods
    )
    return longer and not own


def _holds_longer(big: Period, small: Period, years: range) -> bool:
    """Whether a span of `big` holds one of `small` and more days besides."""
    return any(
        a <= c and d <= b and (b - a) > (d - c)
        for a, b in big.spans(years)
        for c, d in small.spans(years)
    )


def _as_from(period: str) -> str:
    """A period as written, put after "from": "in 2026" as "2026", "11 and 15 February" as
    "11 to 15 February"."""
    bare = re.sub(r"^(?:in|during|throughout)\s+", "", period, flags=re.I)
    return re.sub(r"\s+and\s+", " to ", bare)


def _dated_otherwise(sentence: str, periods: Sequence[Period], years: range) -> bool:
    """Whether the sentence dates what it tells only outside the periods asked about: "the
    outcomes of the June 2021 summit in Geneva", in a December report, is no December meeting."""
    if not periods:
        return False
    named = told_periods(sentence)
    return bool(named) and not any(a.overlaps(p, years) for a in named for p in periods)


def _near(sentence: str, places: Sequence[Name]) -> str:
    """What the sentence says near where it names a place asked, or all of it when it names
    none: "following the talks in the UAE, ..., which had been suspended since late 2021"
    dates the talks by no other year."""
    spans = [span for place in places for span in mention_spans(sentence, place)]
    if not spans:
        return sentence
    pieces = []
    for a, b in spans:
        lo, hi = max(0, a - _DATE_REACH), min(len(sentence), b + _DATE_REACH)
        # Whole words at the edges: "in June 2021" cut to "in June 20" would read as a day.
        while lo > 0 and not sentence[lo - 1].isspace():
            lo -= 1
        while hi < len(sentence) and not sentence[hi].isspace():
            hi += 1
        pieces.append(sentence[lo:hi])
    return " ".join(pieces)


def _best_relevance(candidates: Sequence[_Candidate]) -> float:
    return max(c.relevance for c in candidates)


def _meets(
    c: _Candidate,
    *,
    period: Period,
    years: range,
    plans: bool = True,
    earlier: Callable[[_Candidate], str] | None = None,
) -> bool:
    """Whether the candidate's source is from the period, or the sentence names it (and, for
    a question about what happened then, was written after it began, or tells what was done
    on the day in a source dated only weeks before it); a sentence referring back to "that
    night" names the day its document read names just before it."""
    chunk = c.passage.chunk
    if period.holds(chunk.date, years):
        return True
    if not plans and period.after(chunk.date, years):
        # Unless it tells what was done that day ("Shmyhal said on February 12 that ...") and
        # is dated only weeks before it: then its date is its crawl's, not its own.
        return (
            not period.after(_days_later(chunk.date, _CRAWL_SLACK_DAYS), years)
            and period.mentioned_in(c.text)
            and _done_on(c.text)
        )
    where = f"{chunk.title} {c.text}"
    # A dated source telling of a year without naming one tells of its own: "Russian forces
    # suffered 415,000 casualties" in a January 2026 brief is no count of 2024 alone ("last
    # year" in it is 2025).
    day = source_day(chunk.date)
    if period.whole_year() and day and not states_a_year(where):
        return period.year in relative_years(where, day)
    if period.mentioned_in(where):
        return True
    # "... the January 9 attack. [...] Russia launched 242 drones and 36 missiles that night":
    # the day is often named a passage before the count.
    if not (earlier and THAT_TIME.search(c.text)):
        return False
    # The night of the last day named before it: "the January 9 attack. On January 20 ...
    # that night" is January 20's.
    named = question_periods(earlier(c))
    return bool(named) and period.mentioned_in(named[-1].text)


# Words telling of a swap.
_SWAPPED = re.compile(r"\b(?:swap\w*|exchang\w*|in return|traded)\b", re.IGNORECASE)


def _given_as_another(text: str, before: str, countries: frozenset[str]) -> bool:
    """Whether the figures the text gives were given just before it as those of countries
    other than the ones asked, and as none of theirs (not in a swap, where the sides' equal
    numbers are the point: "84 Russian servicemen for 84 prisoners")."""
    if _SWAPPED.search(f"{before} {text}"):
        return False
    owned = owned_figures(before)
    owners = [owned[f] for f in figures(text) if f in owned]
    return bool(owners) and not any(row & countries for row in owners)


def _read_before(passages: Sequence[Passage]) -> Callable[[_Candidate], str]:
    """The text of the candidate's document read just before it (`_REFERRED_WITHIN`
    characters, across passages read next to each other)."""
    texts: dict[str, dict[int, str]] = {}
    for p in passages:
        texts.setdefault(p.chunk.doc_id, {})[p.chunk.start] = p.chunk.text

    def before(c: _Candidate) -> str:
        start = c.offset - _REFERRED_WITHIN
        pieces = texts.get(c.passage.chunk.doc_id, {})
        return " ".join(
            text[max(0, start - at) : max(0, c.offset - at)]
            for at, text in sorted(pieces.items())
            if at < c.offset and at + len(text) > start
        )

    return before


# A gathering told of: a count after it is of it ("Another round of talks was held on February
# 4 ... The delegations agreed to exchange 314 prisoners of war"; not "the talks" again, nor
# "another round of strikes", "a new round of sanctions").
_ANOTHER_GATHERING = re.compile(
    r"\b(?:another|new|next|second|third|fourth|fifth|latest)\s+(?:round|session|summit)\b"
    r"(?!\s+of\s+(?!(?:peace\s+)?(?:talks|negotiations)\b))",
    re.IGNORECASE,
)
_GATHERING_IN = re.compile(rf"\b(?i:{GATHERING_WORDS})\s+(?:in|at)\s+(?:the\s+)?[A-Z]")
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
# A question asking a running total: "as of 24 February, how many days since the invasion".
_ASKS_TOTAL = re.compile(r"\b(?:since|as\s+of|so\s+far|to\s+date|in\s+total)\b", re.IGNORECASE)
_GATHERING_NAMED = re.compile(rf"\s+(?:{GATHERING_WORDS})\b", re.IGNORECASE)
# Where a gathering was held, after it: "the rounds in", "talks at the".
_HELD_IN = re.compile(
    rf"\b(?:{GATHERING_WORDS}|meeting)s?\s+(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE
)
# Other places listed before it: "in Abu Dhabi and", "in Kyiv, Minsk or".
_JOINED_NAMES = re.compile(
    r"(?:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2}(?:,\s*|\s+(?:and|or|vs\.?|&)\s+))+$"
)


def _names_last(text: str, subject: Set[str]) -> bool:
    """Whether the text names the subject, and tells of no other gathering after the sentence
    naming it: what follows the last told of belongs to that one."""
    sentences = split_sentences(text)
    naming = [i for i, s in enumerate(sentences) if subject & set(keyword_tokens(s))]
    if not naming:
        return False
    after = " ".join(sentences[naming[-1] + 1 :])
    return not (_ANOTHER_GATHERING.search(after) or _GATHERING_IN.search(after))


def _done_on(text: str) -> bool:
    """Whether the text tells something done on a day, not one to be done ("will be held on")."""
    return any(not _TO_BE_DONE.search(text[: m.start()]) for m in _DONE_ON.finditer(text))


def _days_later(iso: str, days: int) -> str:
    """The date `days` after the one a source is dated (as it was, if unreadable)."""
    day = source_day(iso)
    return (day + timedelta(days=days)).isoformat() if day else iso


def _is(wanted: _Candidate, c: _Candidate) -> bool:
    """Whether the candidate is the one wanted (a premise met by one sentence only)."""
    return c is wanted


def _written_before(c: _Candidate, *, periods: Sequence[Period], years: range) -> bool:
    """Whether the candidate's source was written before every period, each of a known year
    (a day typed without one may be any year's), none of which it or its title names (a
    source's date may be its crawl's, not its own)."""
    chunk = c.passage.chunk
    return all(p.year and p.after(chunk.date, years) for p in periods) and not any(
        p.mentioned_in(f"{chunk.title} {c.text}") for p in periods
    )


def _years(passages: Sequence[Passage]) -> range:
    """The years the passages are dated in: what a date given without a year may mean."""
    found = [int(p.chunk.date[:4]) for p in passages if p.chunk.date[:4].isdigit()]
    return range(min(found), max(found) + 1) if found else range(0)


def repeats(new: frozenset[str], old: frozenset[str]) -> float:
    return len(new & old) / max(1, len(new))
