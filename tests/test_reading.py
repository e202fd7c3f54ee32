"""Reading questions as people type them: typos, lower-case names, dates and quantities."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from retrieval.actors import restated
from retrieval.documents import Document
from retrieval.embedding import BgeEmbedder
from retrieval.ingest import ingest
from retrieval.keyword import KeywordIndex, keyword_tokens
from retrieval.lexicon import Lexicon
from retrieval.names import country_row
from retrieval.periods import (
    absolute_dates,
    question_periods,
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
    person_clause,
)
from retrieval.quantities import (
    counted_terms,
    counts,
    counts_for_another,
    has_quantity,
    new_figures,
    of_kind,
    quantity_clause,
)
from retrieval.search import HybridSearcher
from tests.conftest import SMALL_CHUNKS, make_index
from tests.corpus_factory import passage

CORPUS = [
    "Talks in Abu Dhabi ended, said Witkoff. The team from Russia was led by Igor Kostyukov.",
    "Kostyukov met Witkoff in Abu Dhabi, and the Kremlin said Kostyukov would report to Putin.",
    "In Geneva, Vladimir Medinsky led the delegation, and Medinsky said talks were difficult.",
    "The negotiations in Geneva were difficult, officials from Russia and NATO said.",
    "Officials said negotiations would resume. The United States hosted negotiations before.",
    "Allies of NATO met in Brussels and said it would support Ukraine. Us and them.",
    "Russia's delegation and Russia's allies met in Geneva.",
    "Ukraine's delegation and Ukraine's allies met in Geneva.",
    "Officials said Russians met Ukrainians in Geneva, and Russians left.",
    "Mr Smith and Mr Bergs met in Geneva, where Smith and Bergs spoke, and so did Anna.",
    "Anna said the talks went well.",
    "The EU's envoys and the EU's leaders met in Geneva.",
]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.build(CORPUS)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        # Lower-case names get the corpus's capitals; other words stay as typed.
        ("who led russia in abu dhabi?", "who led Russia in Abu Dhabi?"),
        ("what did medinsky say in geneva", "what did Medinsky say in Geneva"),
        # A misspelled name is the corpus's nearest name.
        ("what did medinksy say", "what did Medinsky say"),
        ("kostyokov and witkoff", "Kostyukov and Witkoff"),
        # Two letters swapped are one typo; a short name may have lost a letter.
        ("what happened in genvea", "what happened in Geneva"),
        ("talks in abu dabi", "talks in Abu Dhabi"),
        # A short word near no single name is left as typed.
        ("gud news from abu dhabi", "gud news from Abu Dhabi"),
        # A misspelled ordinary word is corrected, and stays lower case.
        ("when do negotations resume", "when do negotiations resume"),
        # Acronyms the corpus writes in capitals; short words are never guessed at.
        ("nato position", "NATO position"),
        ("tell us about it", "tell us about it"),
        # Chat shorthand is spelled out.
        ("how many ppl r held at nato hq", "how many people are held at NATO headquarters"),
        ("did they agree smth in geneva", "did they agree something in Geneva"),
        ("wats the nato count", "what's the NATO count"),
        ("medinsky n witkoff in geneva", "Medinsky and Witkoff in Geneva"),
        ("did n korea, in n israel, rock 'n' roll", "did n korea, in n israel, rock 'n' roll"),
        ("russia v ukraine, v. nato", "Russia vs Ukraine, vs. NATO"),
        # A plus typed between words is "and" (not one glued to a number).
        ("which hotel + who led russia", "which hotel and who led Russia"),
        ("medinsky + witkoff, 65+ delegates", "Medinsky and Witkoff, 65+ delegates"),
        ("2 + 2 talks, on 1 + 1 tv", "2 + 2 talks, on 1 + 1 tv"),
        (
            "medinsky met w witkoff in geneva, w/o kostyukov",
            "Medinsky met with Witkoff in Geneva, w/o Kostyukov",
        ),
        (
            "nato sec gen in geneva, the secgen",
            "NATO secretary general in Geneva, the secretary general",
        ),
        # An abbreviation no source spells out beside it is spelled out, typed in any case.
        ("how many pows got swapped", "how many prisoners of war got swapped"),
        ("a POW camp, a PoW", "a prisoner of war camp, a prisoner of war"),
        # Four letters without a vowel are shorthand, not a name a letter short ("Bergs").
        ("brgs in geneva", "brgs in Geneva"),
        ("do they wanna meet in geneva", "do they want to meet in Geneva"),
        # A typo keeps its word's first letter: "hanna" is not "Anna".
        ("hanna in geneva", "hanna in Geneva"),
        # So are contractions typed without their apostrophe, which no typo rule should touch.
        ("whats nato doing, dont guess", "what's NATO doing, don't guess"),
        ("Whats russias position, im asking", "What's Russia's position, I'm asking"),
        ("were its talks over", "were its talks over"),
        # A name's possessive typed without its apostrophe.
        ("what is russias nato position", "what is Russia's NATO position"),
        # An acronym's too.
        ("the eus position on nato", "the EU's position on NATO"),
        # ... and misspelled as well.
        ("rsusias and ukraines positions", "Russia's and Ukraine's positions"),
        # ... but a word the typo is nearer to is that word.
        ("russinas in geneva", "Russians in Geneva"),
        # A letter of shorthand is a word alone, not part of a token: "u-24" is no "you-24".
        ("what is the u-24 group, r u sure", "what is the u-24 group, are you sure"),
        ("u–24 and u2, can u.", "u–24 and u2, can you."),
        ("the u.s. r&d budget", "the u.s. r&d budget"),
        ("govt-funded media", "government-funded media"),
        # A unit glued to its number stays as the sources write it.
        ("a 90bn loan, 5 bn now", "a 90bn loan, 5 billion now"),
        # Marks typed over are typed once.
        ("medinsky in geneva?? why", "Medinsky in Geneva? why"),
        ("really?! in geneva!!", "really? in Geneva!"),
        ("really?? what did the u.s. say, r u sure", "really? what did the u.s. say, are you sure"),
        # Words typed with care are left alone.
        ("What did NATO say?", "What did NATO say?"),
        # A request around the question is no part of what is asked.
        ("tell me about kostyukov", "Kostyukov"),
        ("can you tell me who led russia in geneva?", "who led Russia in Geneva?"),
        ("what do you know about the talks in abu dhabi", "the talks in Abu Dhabi"),
        ("what did medinsky tell witkoff", "what did Medinsky tell Witkoff"),
    ],
)
def test_questions_are_read_as_the_corpus_writes(lexicon: Lexicon, typed: str, read: str) -> None:
    assert lexicon.read(typed) == read


@pytest.mark.parametrize(
    ("texts", "typed"),
    [
        # A name the corpus never writes with 's: "saudis" is a plural.
        (["In Riyadh, Saudi officials met Saudi envoys."], "the saudis said"),
        # A plural the corpus writes as often as the name's possessive.
        (
            ["The President's aides and the President's staff met.", "The presidents met."],
            "the presidents met",
        ),
    ],
)
def test_a_plural_is_no_possessive(texts: list[str], typed: str) -> None:
    assert "'s" not in Lexicon.build(texts).read(typed)


def test_a_short_word_a_letter_short_of_a_name_and_a_word_is_left_alone() -> None:
    lexicon = Lexicon.build(["Mr Frost said it first, and Mr Frost spoke first."])
    assert lexicon.read("who spoke frst") == "who spoke frst"


def test_a_clipped_word_is_no_typo_of_a_name() -> None:
    # "rehab" is the corpus's "rehabilitation", not the "Rehak" a letter away.
    lexicon = Lexicon.build(
        [
            "Mr Rehak spoke, and Mr Rehak left.",
            "Rehabilitation centres help rehabilitation.",
            "Mr Lavrov spoke, and Mr Lavrov left.",
        ]
    )
    assert lexicon.read("how many rehab centres") == "how many rehab centres"
    # A name typed a letter short is still the name; a word the corpus writes only with an
    # ending is typed right.
    assert lexicon.read("what did lavro say") == "what did Lavrov say"
    assert lexicon.read("which rehabilitation centre") == "which rehabilitation centre"


def test_a_word_only_a_title_writes_is_no_typo() -> None:
    texts = ["Mr Coates spoke, and Mr Coates left.", "The speech to parliament was long."]
    typed = "companies named in the cortes speech"
    assert Lexicon.build(texts).read(typed) == "companies named in the Coates speech"
    titled = Lexicon.build(texts, ["Speech by the President in the Cortes Generales of Spain"])
    assert titled.read(typed) == typed


def test_a_typo_as_near_a_name_as_a_common_word_is_the_name() -> None:
    # People type "being" right; it is the names they cannot spell.
    lexicon = Lexicon.build(
        ["Being there is being seen, being heard, being counted.", "Games in Beijing, by Beijing."]
    )
    assert lexicon.read("who was at the bejing games") == "who was at the Beijing games"
    assert lexicon.read("just bein there") == "just bein there"  # too short to guess at


def test_a_name_typed_without_its_accents_is_the_corpus_s_with_them() -> None:
    lexicon = Lexicon.build(
        [
            "President Zuzana Čaputová spoke to Zelensky.",
            "Slovakia's Čaputová said it would help.",
            "A call with Čaputová followed.",
        ]
    )
    assert lexicon.read("what did caputova tell zelensky") == "what did Čaputová tell zelensky"
    assert Lexicon.from_json(lexicon.to_json()).read("caputova") == "Čaputová"
    # A mark that is all accent is no word of its own.
    assert Lexicon.build(["a \uff9e b"] * 5).read("a b") == "a b"


def test_names_of_several_words_are_counted_once_a_text() -> None:
    lexicon = Lexicon.build(
        [
            "The UN Security Council met. The UN Security Council's envoys spoke.",
            "At the UN Security Council, the White House's envoy spoke.",
            "Sweden Nato bid stalls",
        ]
    )
    assert lexicon.phrases["un security council"] == 2
    assert lexicon.phrases["security council"] == 2
    assert "white house" not in lexicon.phrases  # written once: maybe a slip
    assert "sweden nato" not in lexicon.phrases


def test_keyword_search_finds_a_british_spelling_by_the_american_and_back() -> None:
    texts = [
        "The new defense centers will open in spring.",
        "Defence spending rose, and so did spending on labour.",
        "The labor ministry organized a new program.",
    ]
    index = KeywordIndex.build([passage(f"d{i}", text).chunk for i, text in enumerate(texts)])

    def first(query: str) -> str:
        return index.doc_ids[index.top(query, 1)[0][0]]

    assert first("when do the defence centres open") == "d0"
    assert first("what programme did the labour ministry organise") == "d2"
    # A word's family stays one: the plural with the singular, "adviser" with "advise".
    assert keyword_tokens("advisers, organisers, neighbourhoods") == keyword_tokens(
        "adviser, organizer, neighborhood"
    )
    assert keyword_tokens("advise") == keyword_tokens("adviser")


def test_a_keyword_index_saved_by_an_older_version_is_rebuilt(tmp_path: Path) -> None:
    directory = tmp_path / "keyword"
    KeywordIndex.build([passage("d0", "Defence centres open.").chunk]).save(directory)
    assert KeywordIndex.load(directory) is not None
    records = directory / "records.json"
    saved = json.loads(records.read_text(encoding="utf-8"))
    del saved["version"]
    records.write_text(json.dumps(saved), encoding="utf-8")
    assert KeywordIndex.load(directory) is None


def test_a_name_of_several_words_has_its_share_of_passages_where_it_is_written_as_one() -> None:
    texts = [
        "The UN Security Council met on Monday.",
        "Envoys at the UN Security Council spoke.",
        "The UN Security Council adjourned.",
        "The UN sent aid. Security was tight.",
        *[f"Sweden Nato bid stalls, day {i}." for i in range(4)],
        *[f"Sweden waits for Nato, day {i}." for i in range(100)],
    ]
    chunks = [passage(f"d{i}", text).chunk for i, text in enumerate(texts)]
    index = KeywordIndex.build(chunks)
    shares = index.share(["UN Security Council", "Sweden Nato", "Red Cross", "sweden"])
    assert shares["UN Security Council"] == pytest.approx(3 / len(texts))
    # Two names typed side by side are not one name, however often a headline runs them
    # together (here 4 times, beside 104 of "Sweden"); nor is a name the corpus never writes.
    assert "Sweden Nato" not in shares
    assert "Red Cross" not in shares
    assert shares["sweden"] == pytest.approx(104 / len(texts))


def test_a_name_of_several_words_typed_in_lower_case_gets_its_capitals() -> None:
    lexicon = Lexicon.build(
        [
            *[f"The UN Security Council met for the {i}th time." for i in range(4)],
            "Security at the council was tight, and the UN said so.",
            "Sweden Nato bid stalls. Sweden Nato row goes on.",
            *[f"Neutral Sweden waits for Nato, day {i}." for i in range(40)],
            *[f"The Lend-Lease Act was signed, report {i} said." for i in range(3)],
        ]
    )
    read = lexicon.read("what did the un security council say about the lend-lease act?")
    assert read == "what did the UN Security Council say about the Lend-Lease Act?"
    # Words the corpus writes as a name only now and then are left as typed: "sweden" and
    # "nato" are names each, not one together.
    assert lexicon.read("sweden nato timing") == "Sweden Nato timing"
    assert lexicon.read("the un security council") == "the UN Security Council"
    assert lexicon.read("the UN security council") == "the UN Security Council"


def test_a_lexicon_survives_saving(lexicon: Lexicon) -> None:
    again = Lexicon.from_json(lexicon.to_json())
    assert again.read("medinksy in geneva") == "Medinsky in Geneva"


def test_a_word_no_source_writes_typed_where_a_place_goes_is_a_name(lexicon: Lexicon) -> None:
    # Read as a name, it must be found; left a lower-case word, the question was answered
    # from talks elsewhere.
    assert lexicon.read("what was agreed at the talks in riyadh?").endswith("in Riyadh?")
    assert lexicon.read("what was agreed in riyadh?") == "what was agreed in Riyadh?"
    assert "zzkw" in lexicon.read("what is zzkw")  # not where a place goes
    # Nor a word followed by more words of its phrase.
    assert "in zzkw terms" in lexicon.read("explain it in zzkw terms")
    assert "in zzkw to" in lexicon.read("what was said in zzkw to the plan")


def test_a_name_the_actor_table_lists_is_a_name_though_the_corpus_seldom_writes_it() -> None:
    # A one-article corpus names Moscow once: too seldom to learn its capital from it.
    small = Lexicon.build(
        ["Moscow requires guarantees, the White House said. Kyiv refuses: it worked, it worked."]
    )
    names = ["Moscow", "Kyiv", "US", "White House", "Worked", "Beijing"]
    read = small.with_names("what does moscow want vs what is kyiv offering?", names)
    assert read == "what does Moscow want vs what is Kyiv offering?"
    assert small.with_names("the white house told us", names) == "the White House told us"
    # A word the corpus writes in lower case is no name, however the table lists it; and a
    # name no source writes is left as typed.
    assert small.with_names("it worked in beijing", names) == "it worked in beijing"


def test_an_empty_lexicon_changes_nothing() -> None:
    assert Lexicon().read("what did medinksy say") == "what did medinksy say"


@pytest.mark.parametrize(
    ("question", "texts", "first", "last"),
    [
        (
            "talks in Abu Dhabi on 23–24 January 2026?",
            ["23–24 January 2026"],
            "2026-01-23",
            "2026-01-24",
        ),
        ("what did putin say on feb 24 2022?", ["feb 24 2022"], "2022-02-24", "2022-02-24"),
        ("the round on March 29, 2022", ["March 29, 2022"], "2022-03-29", "2022-03-29"),
        ("agreed at the early-march 2026 round", ["early-march 2026"], "2026-03-01", "2026-03-10"),
        ("a call in mid-march 2022", ["mid-march 2022"], "2022-03-11", "2022-03-20"),
        ("nov 2021 coup plot", ["nov 2021"], "2021-11-01", "2021-11-30"),
        ("aid in 2024?", ["in 2024"], "2024-01-01", "2024-12-31"),
        ("an offensive in spring 2022", ["spring 2022"], "2022-03-01", "2022-05-31"),
        # Two months or seasons joined are one period, from the first to the last.
        ("start (spring/summer 2026?)", ["spring/summer 2026"], "2026-03-01", "2026-08-31"),
        ("in march or april 2022", ["march or april 2022"], "2022-03-01", "2022-04-30"),
        ("over winter/spring 2023", ["winter/spring 2023"], "2022-12-01", "2023-05-31"),
        # A month and two digits after an apostrophe is a month of that year; without it, a
        # day first ("in feb 24" is as often the invasion's day as February 2024).
        ("stoltenberg vs johnson in june '22", ["june '22"], "2022-06-01", "2022-06-30"),
        ("during march ’22?", ["march ’22"], "2022-03-01", "2022-03-31"),
        ("what happened in feb 24?", ["feb 24"], "2020-02-24", "2020-02-24"),
        ("what happened in june 22, 2022", ["june 22, 2022"], "2022-06-22", "2022-06-22"),
        # A year before the word for an occasion dates it.
        (
            "what did he say at the 2023 Munich Security Conference?",
            ["2023"],
            "2023-01-01",
            "2023-12-31",
        ),
        ("their 2019 meeting in paris", ["2019"], "2019-01-01", "2019-12-31"),
        # A part of a year is a third of it.
        ("russian gains in late 2025", ["late 2025"], "2025-09-01", "2025-12-31"),
        ("a lull in mid-2025", ["mid-2025"], "2025-05-01", "2025-08-31"),
        ("the offensive of early 2022", ["early 2022"], "2022-01-01", "2022-04-30"),
        # A stretch across a month's end, or a year's.
        ("strikes nov 30 to dec 6 2026", ["nov 30 to dec 6 2026"], "2026-11-30", "2026-12-06"),
        (
            "over 28 December - 3 January 2026",
            ["28 December - 3 January 2026"],
            "2025-12-28",
            "2026-01-03",
        ),
        (
            "4 December 2025 - 3 December 2026",
            ["4 December 2025 - 3 December 2026"],
            "2025-12-04",
            "2026-12-03",
        ),
        # A stretch written by its ends is one period.
        (
            "gains between 11 and 15 February 2026",
            ["11 and 15 February 2026"],
            "2026-02-11",
            "2026-02-15",
        ),
        (
            "from 3 February to 9 March 2022",
            ["3 February to 9 March 2022"],
            "2022-02-03",
            "2022-03-09",
        ),
        # Over years too: a total pledged over four years is no figure of either month.
        (
            "aid pledged between February 2022 and March 2026",
            ["February 2022 and March 2026"],
            "2022-02-01",
            "2026-03-31",
        ),
        ("bilateral aid from 2010 to 2021", ["2010 to 2021"], "2010-01-01", "2021-12-31"),
        (
            "strikes from December 2025 to February 2026",
            ["December 2025 to February 2026"],
            "2025-12-01",
            "2026-02-28",
        ),
    ],
)
def test_dates_in_questions(question: str, texts: list[str], first: str, last: str) -> None:
    periods = question_periods(question)
    assert [p.text for p in periods] == texts
    assert periods[0].spans(range(2020, 2027))[0] == (
        date.fromisoformat(first),
        date.fromisoformat(last),
    )


def test_a_year_a_text_marks_a_point_by_does_not_date_it() -> None:
    (days,) = question_periods("how much did ukraine regain between 11 and 15 February 2026?")
    assert days.mentioned_in(
        "They gained 201 sq km between February 11 and 15, the most since a 2023 offensive."
    )
    # A year said of a thing still dates it.
    (july,) = question_periods("what did nato agree in July 2024?")
    assert not july.mentioned_in("At the 2023 summit in Vilnius in July, NATO agreed a plan.")
    (year,) = question_periods("how much did russia spend on defence in 2024?")
    assert not year.mentioned_in("Russia's 2023 defence budget was 10.8 trillion roubles.")


def test_a_year_before_a_plan_or_a_line_is_no_period() -> None:
    assert question_periods("what does the 2026 budget allocate for defence?") == []
    assert question_periods("will russia accept the 2014 borders?") == []
    # Nor is an occasion asked about, or one that marks a point in time.
    assert question_periods("what did putin say about the 2014 talks in minsk?") == []
    assert question_periods("how many troops did russia mass before the 2022 summit?") == []
    assert question_periods("how many troops did russia mass before the 2022 invasion?") == []
    assert question_periods("who leads ahead of the 2028 election?") == []
    # What changed from one year to the next asks of each end, not of the stretch.
    assert question_periods("how did uk aid change from 2023 to 2024?") == []


def test_in_a_month_and_two_digits_is_that_day_or_that_month_of_a_year() -> None:
    years = range(2021, 2027)
    (either,) = question_periods("stoltenberg vs johnson in june 22 - how long will it last")
    assert either.holds("2022-06-18", years)  # June 2022
    assert either.holds("2024-06-23", years)  # a report of June 22nd
    assert not either.holds("2024-06-10", years)
    assert either.mentioned_in("In June 2022 Stoltenberg spoke.")
    # Two digits not of a year the corpus may hold are a day only: "in march 15".
    (march,) = question_periods("what happened in march 15?")
    assert not march.holds("2015-03-10", range(2015, 2016))
    # "On" a day is only the day.
    (day,) = question_periods("what did johnson say on june 22?")
    assert not day.holds("2022-06-18", years)


def test_a_source_dated_at_the_calendars_ends_is_no_error() -> None:
    # Some pages carry Go's zero time or a far-future placeholder as their date.
    (period,) = question_periods("what happened at the talks on February 12?")
    assert period.after("0001-01-01", range(2022, 2027))
    assert not period.after("9999-12-31", range(2022, 2027))


def test_a_date_without_a_year_may_be_any_year_of_the_corpus() -> None:
    (period,) = question_periods("what was agreed around feb 12?")
    assert period.holds("2026-02-13", range(2021, 2027))
    assert period.holds("2022-02-12", range(2021, 2027))
    assert not period.holds("2026-03-12", range(2021, 2027))
    # A leap day without a year is read in every year, as its month's last day where there is
    # none (it raised, and the question got no answer at all).
    (leap,) = question_periods("what happened on feb 29?")
    assert leap.holds("2024-02-29", range(2023, 2027))
    assert leap.holds("2025-03-01", range(2023, 2027))


def test_a_month_asked_without_a_year_is_that_month_of_any_year() -> None:
    # Read so for the premises an answer must meet, not for search: too many months match.
    assert question_periods("what did they agree at the round in mid feb?") == []
    (mid_feb,) = question_periods("what did they agree at the round in mid feb?", True)
    assert mid_feb.holds("2026-02-14", range(2021, 2027))
    assert mid_feb.holds("2022-02-18", range(2021, 2027))
    assert not mid_feb.holds("2026-02-02", range(2021, 2027))
    (march,) = question_periods("did he pledge it at the summit in March??", months_alone=True)
    assert not march.holds("2022-06-30", range(2021, 2027))
    # Not a place, a march, or a month whose year follows in words.
    for other in (
        "what was said in Mar-a-Lago?",
        "how many were in the march on Kyiv?",
        "what did Putin say in March of 2025?",
        "what did he say in march last year?",
    ):
        assert not [p for p in question_periods(other, True) if not p.year]
    # Counting on someone, or what something amounts to, asks no number.
    assert quantity_clause("can Ukraine still count on US support?") == ""
    assert quantity_clause("what does that amount to for Ukraine?") == ""
    # The day a figure was given does not make it a part of the year's.
    assert not tells_part_of("On 30 December 2025 it put this year's losses at 420,000.", 2025)
    assert tells_part_of("It spent 163bn in the first three quarters of 2025.", 2025)
    # A month set against another in a sentence is still no time the sentence tells of.
    assert told_periods("It lost 28,400 last month, down from 31,680 in January.") == []


@pytest.mark.parametrize(
    "question",
    [
        "how many drones were used?",
        "what is 45% of it?",
        "feb 45 strike",
        "talks in may",
        # Where a stretch up to now starts: a report from any day since answers.
        "how much territory has russia seized since late 2023?",
        "how many strikes since the start of 2026",
        "what has zelensky said since feb 24 2022",
        # Not a shorter date read inside it either: "February 2022" of "24 February 2022".
        "how many strikes since 24 February 2022?",
        "what changed since spring/summer 2023",
    ],
)
def test_no_date_where_there_is_none(question: str) -> None:
    assert question_periods(question) == []


def test_a_period_is_met_by_a_report_a_few_days_later_or_a_sentence_naming_it() -> None:
    (period,) = question_periods("what happened on 3 March 2022?")
    years = range(2021, 2023)
    assert period.holds("2022-03-05", years)
    assert not period.holds("2022-04-05", years)
    assert period.mentioned_in("On 3 March 2022 the second round opened.")
    assert period.mentioned_in("The second round opened on March 3.")
    assert not period.mentioned_in("The second round opened in Belarus.")
    # A day is named by its number: the month alone is any day of it ("what did Zelensky say
    # on 2 December" was answered from a sentence about a December call of another day).
    assert not period.mentioned_in("In March, the second round opened.")
    assert not period.mentioned_in("The second round opened on March 30.")
    (month,) = question_periods("what happened in March 2022?")
    assert month.mentioned_in("In March, the second round opened.")
    # Part of a month is named by the month alone, or by a day within it, not by another day
    # of the month ("the April 26 meeting" in a May record is no call in mid April).
    (part,) = question_periods("what did they discuss in mid April 2022?")
    assert part.mentioned_in("In April, the two presidents spoke.")
    assert part.mentioned_in("The two presidents spoke on 15 April.")
    assert not part.mentioned_in("as agreed during the April 26 meeting")
    assert not part.mentioned_in("as agreed on the 30th of April")
    assert part.mentioned_in("Some 1,000 troops left in April 1,000 km away.")
    # A month is named by its short name too, where a day or year follows it: an undated
    # report's photo caption "in Munich on Feb. 14, 2026" dates it to that February.
    (february,) = question_periods("how many drones did russia launch in feb 2026")
    assert february.mentioned_in("Zelensky is pictured in Munich on Feb. 14, 2026.")
    assert february.mentioned_in("Talks resumed in Feb 2026.")
    assert not february.mentioned_in("Talks resumed on Mar. 3, 2026.")
    # (Alone, a short name is no month: "Mar-a-Lago" names no March.)
    (march,) = question_periods("what did trump say in march 2026")
    assert not march.mentioned_in("Trump spoke at Mar-a-Lago in 2026.")
    assert march.mentioned_in("Trump spoke at Mar-a-Lago on Mar. 3, 2026.")
    (september,) = question_periods("what happened in september 2025")
    assert september.mentioned_in("They met on Sept. 14, 2025.")


@pytest.mark.parametrize(
    ("asked", "judged"),
    [
        (
            "What did Johnson announce when he visited Kyiv on 1 February 2022?",
            "What did Johnson announce when he visited Kyiv?",
        ),
        (
            "russia's march 4 2022 laws on fakes - what do they punish?",
            "russia's laws on fakes - what do they punish?",
        ),
        ("On 28 April 2022, what did Guterres see?", "what did Guterres see?"),
        ("what happened in abu dhabi on jan 23?", "what happened in abu dhabi?"),
        # A month or a year is often what the sentences themselves say ("gains in 2025").
        (
            "russia's gains in 2025 vs what ISW measured?",
            "russia's gains in 2025 vs what ISW measured?",
        ),
        # Several dates tell the question's parts apart.
        (
            "scholz's feb 14-15 trip to kyiv and moscow",
            "scholz's feb 14-15 trip to kyiv and moscow",
        ),
        (
            "feb 3 vs feb 7 strikes - how big was each?",
            "feb 3 vs feb 7 strikes - how big was each?",
        ),
        ("feb 7?", "feb 7?"),
    ],
)
def test_the_day_a_question_names_is_left_to_the_sources_dates(asked: str, judged: str) -> None:
    assert without_day(asked) == judged


# Thursday 3 December 2026.
TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("what did zelensky say yesterday", "what did zelensky say on 2 December 2026"),
        ("strikes last night?", "strikes on 2 December 2026?"),
        ("since the day before yesterday", "since 1 December 2026"),
        ("talks 3 days ago", "talks on 30 November 2026"),
        ("what came out of last week's talks", "what came out of 23-29 November 2026's talks"),
        ("anything new this week", "anything new in 30 November - 3 December 2026"),
        ("strikes in the past week", "strikes in 26 November - 3 December 2026"),
        ("what changed last month", "what changed in November 2026"),
        ("russia demands last year", "russia demands in 2025"),
        ("talks over the past year", "talks over 4 December 2025 - 3 December 2026"),
        ("strikes in the last 3 days", "strikes in 30 November - 3 December 2026"),
        # "today" and "now" are as often "these days" as a date: left alone.
        ("where do talks stand today", "where do talks stand today"),
    ],
)
def test_days_said_relative_to_today_are_read_as_dates(typed: str, read: str) -> None:
    assert absolute_dates(typed, TODAY) == read
    # As a period, but for where a stretch up to now starts.
    if read != typed and not read.startswith("since"):
        assert question_periods(read)


@pytest.mark.parametrize(
    ("question", "sentence", "counted"),
    [
        ("how many monitors would be deployed?", "About 300 monitors would be deployed.", True),
        ("how many monitors would be deployed?", "The mission would have 300 vehicles.", False),
        ("how many tonnes of grain were shipped?", "Some 20 million tonnes were shipped.", True),
        ("how many people were extradited?", "Turkey wants 73 people extradited.", True),
        ("how many soldiers are awol?", "Two hundred thousand soldiers are awol, he said.", True),
        ("how many soldiers are awol?", "On 12 March soldiers were said to be awol.", False),
        # "How many times" counts what happened; "how many times larger" asks a ratio.
        ("how many times was the grid hit?", "There were 217 attacks on the grid.", True),
        ("the fleet is how many times larger?", "The fleet has 600 tankers.", False),
        # Words after "how many" that count nothing: any number about the subject answers.
        ("white deaths from hypothermia, how many so far", "At least 10 died of cold.", True),
        ("kiis poll - how many said no?", "54 percent of those polled rejected it.", True),
        ("how many actually made it out of the city?", "Some 5,000 residents escaped.", True),
        # "how many of the 37k women": women are counted, not whatever else was killed.
        ("how many of the 37k women were killed?", "Some 55,000 troops were killed.", False),
        ("how many of the 37k women were killed?", "At least 100 women were killed.", True),
        # Spelt the British way or the American.
        ("how many rehab centres will it equip?", "It will equip 24 rehabilitation centers.", True),
        ("how many defense programs are there?", "There are 3 defence programmes.", True),
        # "The number of X" asked for counts X as "how many" does (not one whose change is).
        (
            "by what percentage did the number of refugees fall?",
            "The refugee population fell 12% in 2024.",
            True,
        ),
        ("what figure did he give for the number of soldiers wounded?", "Soldiers: 55,000.", True),
        (
            "what figure did he give for the number of soldiers wounded?",
            "Strikes cut heat to hundreds of thousands of homes.",
            False,
        ),
    ],
)
def test_a_count_must_count_what_was_asked(question: str, sentence: str, counted: bool) -> None:
    clause = quantity_clause(question)
    assert clause
    assert counts(sentence, counted_terms(clause)) is counted


@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        ("By what vote did parliament approve it?", "Parliament voted 188-8 to join.", True),
        ("By what vote did parliament approve it?", "It passed on 16 May with 3 parties.", False),
        ("what $ level did the g7 set for the cap?", "The cap was set at $60 a barrel.", True),
        ("what $ level did the g7 set for the cap?", "The G7 set the cap at low levels.", False),
        ("What share of Russians backed talks?", "Support reached 66 percent.", True),
        ("What share of Russians backed talks?", "Two-thirds of Russians backed talks.", True),
        ("What share of Russians backed talks?", "Some 1,600 Russians were polled.", False),
        ("what was the turnout in the referendum?", "Turnout was 65.8%.", True),
        # Asked with a contraction, as chat types it.
        ("what's the turnout in the referendum?", "Turnout was 65.8%.", True),
        ("what's the turnout in the referendum?", "Turnout was high on 16 May.", False),
        # A turnout is no share of the vote, and may be asked as a heading.
        ("what was the turnout in the referendum?", "Voters backed it by 66.9% to 33.1%.", False),
        ("denmark referendum turnout?", "Some 65.8% of voters turned out.", True),
        ("denmark referendum turnout?", "Voters backed it by 66.9% to 33.1%.", False),
        # A word or two may stand before what is asked for.
        ("no-confidence vote - what was the final vote count", "It fell 123-116.", True),
        ("no-confidence vote - what was the final vote count", "It fell on 22 June.", False),
        ("what was the official death toll?", "The toll rose to 41.", True),
        # What something was worth asks for a sum: "the dollar value of the trade".
        ("what was the dollar value of the trade?", "Trade grew to $2.1 billion.", True),
        ("what was the dollar value of the trade?", "Trade grew by 24 percent.", False),
        # A cost or a price is a sum of money, not any number the source gives.
        ("what was the launch cost of the satellite?", "It cost $40 million to launch.", True),
        ("what was the launch cost of the satellite?", "It is the first in ten years.", False),
        ("what's the price of the new drones", "Each costs about €20,000.", True),
        ("what does a Flamingo missile cost?", "Each costs about $500,000.", True),
        ("what does a Flamingo missile cost?", "It carries a 1,150 kg warhead.", False),
        ("what money did Johnson announce?", "He announced £88 million in new funding.", True),
        ("what money did Johnson announce?", "He announced it on 1 February.", False),
        ("what money did Johnson announce?", "He announced help for 3 regions.", False),
        # A sum in any currency, in digits or in words.
        ("how much money do they get?", "They get six and a half thousand hryvnias.", True),
        ("how much money do they get?", "Pensions rise to 4,000 roubles.", True),
        ("how much money do they get?", "Some 4,000 families get help.", False),
        ("how much money do they get?", "Some hundred million people live there.", False),
        # A question that asks for no particular kind takes any number.
        ("how much has the fund raised?", "The fund has raised 100 million so far.", True),
        # A percentage the question quotes asks for none.
        ("how many were killed when 40 percent of the grid failed?", "Some 1,200 died.", True),
        # A share typed as chat types it.
        ("kiis poll - what % would back freezing the front line?", "54% reject it.", True),
        ("kiis poll - what % would back freezing the front line?", "2,000 were polled.", False),
        ("what percent of Finns back joining?", "Support reached 76 per cent.", True),
        # A rate of interest is a share; the loan's sum is not one.
        ("what interest rate does the loan carry?", "The loan is worth 90 billion.", False),
        ("what interest rate does the loan carry?", "It carries 2.5% a year.", True),
        ("what key rate did the bank set?", "It raised it by 350 basis points.", True),
        # A rate mentioned but not asked asks for no share.
        ("how many jobs were lost as the unemployment rate rose?", "Some 40,000 were.", True),
        # A vote count typed as a heading; a sum the question gives asks for none.
        ("senate vote count on the $40bn aid package??", "The Senate passed it 86-11.", True),
        ("senate vote count on the $40bn aid package??", "The Senate passed the $40bn.", False),
        ("kharkiv death toll after the strike on 5 march", "The toll rose to 41.", True),
        ("how many people did the $40bn package help?", "It helped 3 million people.", True),
        # A count of millions of people is no sum of money.
        ("what was the cost of rebuilding?", "The UN has helped 3.4 million people.", False),
        ("what was the cost of rebuilding?", "It will cost 3.4 million to rebuild.", True),
        # A toll of one fate does not count another; casualties or losses may be either.
        ("how many soldiers were wounded?", "Some 55,000 soldiers were killed.", False),
        ("how many soldiers were wounded?", "Some 55,000 soldiers were injured.", True),
        ("how many soldiers were wounded?", "It had 55,000 casualties.", True),
        ("how many soldiers were wounded?", "It has 55,000 soldiers.", True),
        ("how many died of the cold?", "Two people were killed by the frost.", True),
        ("how many died of the cold?", "Two people were injured by the frost.", False),
        # What befell those a number counts is said beside it.
        ("how many POWs came home?", "246 servicemen came home, 12 of them injured.", True),
        # By the fate words nearest the number on each side, short of another number: the
        # dead are counted here, and the missing only named.
        (
            "how many soldiers are missing in action?",
            "Some 40,000 of its soldiers have been killed, and many more are missing.",
            False,
        ),
        ("how many soldiers are missing?", "Missing: 7,000; 40,000 were killed.", True),
        # Either side's nearest fate may be the number's: the one before it counts too.
        ("how many were killed?", "A strike killed at least 12 people and injured 60.", True),
        ("how many were killed?", "The strike killed 3, wounded 12.", True),
        ("how many were killed?", "The shelling claimed the lives of 12, injuring 40.", True),
    ],
)
def test_a_number_must_be_of_the_kind_asked_for(
    question: str, sentence: str, answers: bool
) -> None:
    clause = quantity_clause(question)
    assert clause
    assert of_kind(sentence, clause) is answers


def test_only_the_quantity_part_of_a_question_asks_for_a_number() -> None:
    question = "Who mediated, and how many prisoners were exchanged?"
    assert quantity_clause(question) == "how many prisoners were exchanged?"
    assert quantity_clause("Who mediated the exchange?") == ""
    # Without a comma too: the number is about the days, not "the most valuable lesson".
    both = "how many days had the war lasted and what does it call its most valuable lesson?"
    assert quantity_clause(both) == "how many days had the war lasted"
    # What something was worth, or cost, is a number too.
    assert quantity_clause("What was the total value of the contracts signed?")
    assert quantity_clause("what's the price of the new drones")
    assert quantity_clause("What unit cost per missile has been reported for the Flamingo?")
    assert quantity_clause("what does a Flamingo missile cost?")
    assert quantity_clause("what did the Nord Stream pipeline cost to build?")
    # A cost that is no sum asks for none.
    assert not quantity_clause("what does it mean for the cost of living?")
    assert not quantity_clause("what does the cost of the war mean for Russia?")
    assert not quantity_clause("what did the war cost Russia politically?")
    assert not quantity_clause("what would a ceasefire cost Ukraine?")
    assert not quantity_clause("what political cost did Zelensky pay?")
    # A turnout typed as a heading asks for one; asked why, or whether, it asks no number.
    assert quantity_clause("denmark referendum turnout?")
    assert quantity_clause("what did Fitch rate Ukraine's debt?") == ""  # a verb
    assert not quantity_clause("why was there such a low turnout?")
    assert not quantity_clause("did the rally draw a big turnout?")
    # Not after a bare question word: that is one thing asked.
    one = "How much and what kind of aid did the US give Ukraine?"
    assert quantity_clause(one) == one
    # One figure or estimate someone gave is a number; a figure who is a person is not.
    assert quantity_clause("What figure did Medvedev give for Russian losses?")
    # Counts set side by side: "which ... more X" counts X.
    assert counted_terms(quantity_clause("which side lost fewer tanks in 2025?")) == {"tank"}
    assert quantity_clause("feb 3 vs feb 7 strikes - which one killed more people?")
    assert not quantity_clause("which country offered more support?")
    assert not quantity_clause("which side made more progress in 2025?")
    assert not quantity_clause("which leader was more serious about peace?")
    # A number of something asked for by name.
    assert quantity_clause("What maximum troop number did the plan set for Ukraine's army?")
    assert quantity_clause("What estimate of Russian losses has the Pentagon given?")
    # Typed as in chat, or asked of whose estimate or what total.
    assert quantity_clause("whats the central bank growth forecast for 2027?")
    assert quantity_clause("What was Ukraine's General Staff estimate of Russian casualties?")
    assert quantity_clause("What total in euros did the BND estimate Russia's spending reached?")
    assert quantity_clause("What did the BND estimate Russia's real military spending to be?")
    assert not quantity_clause("what total war did Putin threaten?")
    assert not quantity_clause("What is Budanov's forecast for the war?")
    assert not quantity_clause("What did the latest US estimate conclude about Putin's aims?")
    assert not quantity_clause("What was the key figure behind the grain deal?")
    assert not quantity_clause("what historical figure did Putin mention in his speech?")
    assert not quantity_clause("What figure did Trump send to meet Putin?")
    # A level or rate something was set to is a number; a level of something is not.
    assert quantity_clause("To what level did the central bank cut its key rate?")
    assert not quantity_clause("What level of support did Kyiv expect?")
    assert not quantity_clause("At what level were the Istanbul talks held?")


@pytest.mark.parametrize(
    ("sentence", "another"),
    [
        ("Russian military casualties reached 1.2 million.", True),
        ("Ukrainian military casualties reached 500,000.", False),
        ("Casualties on the front reached 500,000.", False),
        ("Russian and Ukrainian casualties reached 1.7 million.", False),
        # Whose the count is stands right before what it counts.
        ("Russia says 500,000 Ukrainian soldiers were lost.", False),
        # A country doing something to those counted is not whose they are; one owning them is.
        ("Russia killed 12 Ukrainian soldiers in Dnipro.", False),
        ("Russia killed 12 soldiers in Dnipro.", False),
        ("Ukraine's military casualties reached 400,000.", False),
    ],
)
def test_a_count_of_another_country_is_no_count_of_the_one_asked(
    sentence: str, another: bool
) -> None:
    casualties = frozenset(keyword_tokens("military casualties soldiers"))
    assert counts_for_another(sentence, casualties, country_row("Ukrainian")) is another


def test_a_figure_quoted_to_compare_against_asks_for_another() -> None:
    quoted = "csis said russia had 415k casualties in 2025 - how does that compare with ukraine's?"
    assert quantity_clause(quoted)
    # A comparison without a figure given asks for none, nor does one not of the figure.
    assert not quantity_clause("how did putin's 2022 speech compare with his 2023 one?")
    assert not quantity_clause("truss vs ardern after the 3 summits - how did their words compare")
    # The figure the question gives does not answer it, however it is written.
    assert not new_figures("Russia had some 415,000 casualties in 2025.", quoted)
    assert new_figures("Ukraine had 500,000 to 600,000 casualties.", quoted)
    assert new_figures("Ukraine had some 41,500 casualties.", quoted)
    # A figure after what asks for one is given to be confirmed: "the Guardian said 600bn?".
    confirm = "how big was putin's war chest, the guardian said something like 600bn?"
    assert new_figures("Putin sits on a $600bn war chest.", confirm)
    # A number in words cannot be told from the one quoted.
    assert new_figures("Some four hundred thousand were wounded.", quoted)
    # Nor does one the question states in a sentence after it.
    after = "how many were on ukraine's team at the talks? russia brought like 20"
    assert quantity_clause(after)
    assert not new_figures("At least 20 people have contacted the embassy.", after)
    assert new_figures("Ukraine's team had 12 members.", after)
    # (Not at an abbreviation's full stop, nor a sentence before the ask.)
    roughly = "how many troops did the U.S. send to Poland in 2022, roughly 4,700?"
    assert new_figures("The US sent 4,700 troops.", roughly)
    assert new_figures("2 people were killed.", "Quick one. How many people were killed?")
    # Nor one it gives as the occasion of what it asks.
    occasion = "how many were missing when zelensky put the number killed at 55,000?"
    assert not new_figures("Zelensky said about 55,000 soldiers had been killed.", occasion)
    assert new_figures("Zelensky said 18,000 were missing.", occasion)
    # (To a comma: one after it is given to be confirmed.)
    confirmed = "how many were evacuated after the dam burst, was it 2,000?"
    assert new_figures("About 2,000 people were evacuated after the dam burst.", confirmed)


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("How many were freed, and who mediated?", "who mediated"),
        ("what was agreed and who signed it?", "who signed it"),
        ("whos handling the prisoner swap", "whos handling the prisoner swap"),
        (
            "which russian general was behind the leaks?",
            "which russian general was behind the leaks?",
        ),
        ("Which senior Kremlin official opposed it?", "Which senior Kremlin official opposed it?"),
        # A "who" that describes someone asks for no one, nor does a "which" of things.
        ("what did the envoy who met Putin say?", ""),
        ("What did Zelensky, who met Putin, say?", ""),
        ("What does the plan, which state media praised, include?", ""),
        ("which major city was hit?", ""),
        ("feb 3 vs feb 7 strikes - which one killed more people?", ""),
        ("which countries offered guarantees?", ""),
    ],
)
def test_the_part_of_a_question_asking_for_a_person(question: str, clause: str) -> None:
    assert person_clause(question) == clause


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("The Russian delegation is led by Igor Kostyukov.", True),
        ("The talks were opened by Foreign Minister Cassis.", True),
        ("Ursula von der Leyen said the talks were over.", True),
        # Roles, nationalities, acronyms, dates and the question's own words name no one.
        ("Leaked messages from a senior Russian general mention severed ears.", False),
        ("He admitted abusing Ukrainian POWs, he said on February 19.", False),
        ("Based in Kyiv, the NRU is headed by the NATO Senior Representative.", False),
        ("The Secretary General met the Prime Minister on Monday.", False),
        ("The Foreign Ministry and the Russian General Staff said so.", False),
        ("The leaks came from a senior Kremlin official.", False),
        ("Kremlin spokesman Dmitry Peskov said so.", True),
        ("Talks moved from Geneva, Riyadh to Kyiv.", False),
        ("The Ambassador Extraordinary and Plenipotentiary of Croatia returned.", False),
    ],
)
def test_a_sentence_names_someone_the_question_did_not(sentence: str, named: bool) -> None:
    question = "who is the nato senior representative in kyiv and which general leaked it?"
    assert names_someone(sentence, question) is named


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("names of the 2 tankers France seized from Russia's shadow fleet?", "tankers"),
        ("What is the name of the suspected shooter detained after the attack?", "shooter"),
        ("what's the name of Croatia's ambassador who went back to Kyiv", "ambassador"),
        ("what's the name of the 41 yr old man who died in Ostroh", "man"),
        # Whose they are may come first, as a name: what they are follows.
        ("names of the NABU guys Zelensky gave awards to in may 2022?", "guys"),
        ("names of the Abu Dhabi negotiators", "negotiators"),
        # Naming done, not a name asked for.
        ("how many soldiers were named by BBC Russian?", ""),
        ("what did they name the operation?", ""),
    ],
)
def test_what_a_question_asks_the_name_of(question: str, noun: str) -> None:
    assert named_thing(question) == noun


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("France seized the tanker Boracay off Brittany.", True),
        ("The tanker, Eventin, was seized in January.", True),
        ("The tankers Boracay and Eventin were seized in January.", True),
        # Not beside the tankers: the flags they fly, where they were, who seized them.
        ("The two tankers were seized by Andriy Naumov's men.", False),
        ("Many of the tankers sail under the flags of Comoros, Gabon and Liberia.", False),
        ("The tankers were seized off Brittany near Saint-Nazaire.", False),
        ("Four tankers were seized, the navy said. Emmanuel Macron praised the navy.", False),
        # A name holding the noun is a kind or a unit, not one of them.
        ("The tankers, of the Sovcomflot Tankers Group, were seized.", False),
    ],
)
def test_a_sentence_names_one_of_what_was_asked(sentence: str, named: bool) -> None:
    asked = "names of the 2 tankers France seized?"
    assert names_the(sentence, named_thing(asked), asked) is named


def test_the_part_of_a_question_asking_for_a_name() -> None:
    question = "what did Macron say, and what are the names of the tankers?"
    assert name_clause(question) == "what are the names of the tankers"
    assert name_clause("what did Macron say about the tankers?") == ""


def test_a_who_may_be_answered_by_a_country_where_a_role_needs_a_person() -> None:
    sentence = "The talks were mediated by Qatar in May."
    assert names_someone(sentence, "who mediated the talks?", one_word=True)
    assert not names_someone(sentence, "which official mediated the talks?")
    # A country may open the sentence, or be written short.
    assert names_someone("Qatar mediated the talks.", "who mediated?", one_word=True)
    assert names_someone("The UAE mediated the talks.", "who mediated?", one_word=True)
    assert not names_someone("The UAE mediated the talks.", "which official mediated?")
    assert asks_for_a_role("which official mediated the talks?")
    assert asks_for_a_role("Who is the NATO Senior Representative in Kyiv?")
    assert not asks_for_a_role("who mediated the talks?")


def test_the_index_reads_a_misspelled_lower_case_name_and_finds_it(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    docs = [
        Document(f"doc-{i}", title, text, f"https://news.example/{i}", "2026-01-24", "Alpine Wire")
        for i, (title, text) in enumerate(CORPUS_DOCS)
    ]
    index = make_index(tmp_path)
    ingest(docs, index, embedder, SMALL_CHUNKS)
    searcher = HybridSearcher(index, embedder)
    read = searcher.read("what did kostyokov say in abu dhabi")
    assert read == "what did Kostyukov say in Abu Dhabi"
    assert searcher.search(read, 1)[0].chunk.doc_id == "doc-0"
    # Given the day, "yesterday" is read as its date; without one it is left as typed.
    assert searcher.read("kostyukov yesterday") == "Kostyukov yesterday"
    dated = HybridSearcher(index, embedder, today=lambda: date(2026, 1, 25))
    assert dated.read("kostyukov yesterday") == "Kostyukov on 24 January 2026"


CORPUS_DOCS = [
    (
        "Russian team in Abu Dhabi",
        "The team sent by Russia to Abu Dhabi was led by Igor Kostyukov, and officials said "
        "Kostyukov spoke of constructive talks.",
    ),
    (
        "Weather in Abu Dhabi",
        "It was hot in Abu Dhabi this week, and residents of Abu Dhabi stayed indoors.",
    ),
]


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("What is Russia's NATO position?", "What does Russia say and demand about NATO?"),
        (
            "What's Moscow's line on Europe's role?",
            "What does Moscow say and demand about Europe's role?",
        ),
        (
            "What is the Kremlin's official stance on the ceasefire?",
            "What does the Kremlin say and demand about the ceasefire?",
        ),
        # Opening with the holder's possessive.
        ("Russia's NATO position", "What does Russia say and demand about NATO?"),
        ("EU's position on sanctions", "What does EU say and demand about sanctions?"),
        ("What's NATO position?", "What's NATO position?"),
        # Typed as keywords, without the possessive.
        ("Russia NATO position", "What does Russia say and demand about NATO?"),
        ("what is the Kremlin NATO position?", "What does the Kremlin say and demand about NATO?"),
        ("White House Ukraine position", "What does White House say and demand about Ukraine?"),
        ("Moscow stance on the ceasefire?", "What does Moscow say and demand about the ceasefire?"),
        (
            "the Kremlin position on Europe's role",
            "What does the Kremlin say and demand about Europe's role?",
        ),
        # Nouns that carry their own meaning, and questions built otherwise, stay as asked.
        ("Russia front line", "Russia front line"),
        ("Ukraine peace position", "Ukraine peace position"),
        ("NATO Russia position talks", "NATO Russia position talks"),
        ("What are Russia's demands on NATO?", "What are Russia's demands on NATO?"),
        ("Zelensky's estimate vs what partners say?", "Zelensky's estimate vs what partners say?"),
        ("Why did Russia's position on NATO harden?", "Why did Russia's position on NATO harden?"),
        ("What is the NATO position of Finland?", "What is the NATO position of Finland?"),
        # Several questions in one message, each read on its own.
        (
            "What is Russia's NATO position? also what does Ukraine want?",
            "What does Russia say and demand about NATO? also what does Ukraine want?",
        ),
        (
            "who mediated? and what is Kyiv's stance on the ceasefire?",
            "who mediated? What does Kyiv say and demand about the ceasefire?",
        ),
    ],
)
def test_a_position_is_asked_as_what_its_holder_says_and_demands(question: str, read: str) -> None:
    assert restated(question) == read


def test_a_position_question_finds_what_the_actor_demands_not_pages_about_the_position(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    docs = [
        Document(f"doc-{i}", title, text, f"https://news.example/{i}", "2026-01-24", "Alpine Wire")
        for i, (title, text) in enumerate(POSITION_DOCS)
    ]
    index = make_index(tmp_path)
    ingest(docs, index, embedder, SMALL_CHUNKS)
    searcher = HybridSearcher(index, embedder)
    for typed in ["what is russia's nato position?", "russia nato position"]:
        read, passages = searcher.context(typed, 2)
        assert read == "What does Russia say and demand about NATO?"
        assert passages[0].chunk.doc_id == "doc-0"


POSITION_DOCS = [
    (
        "Kremlin sets out its demands",
        "The Kremlin said Russia demands that NATO stop its eastward expansion, and that Russia "
        "wants written guarantees that Ukraine never joins the alliance.",
    ),
    (
        "NATO's position on Ukraine",
        "What is NATO's position? NATO's position is firm support for Ukraine. The alliance's "
        "position on Russia is stated at every summit: the position of NATO is unchanged.",
    ),
]


def test_a_question_without_its_dates() -> None:
    asked = "How did Zelensky on 24 February 2022 and Lavrov at the end of June 2022 each react?"
    assert undated(asked) == "How did Zelensky and Lavrov each react?"
    assert undated("what did peskov say in feb 2026 about the talks?") == (
        "what did peskov say about the talks?"
    )
    assert undated("what happened?") == "what happened?"
    # (Not the words before what a date names.)
    assert undated("What was agreed at the 2023 Vilnius summit?") == (
        "What was agreed at the Vilnius summit?"
    )


def test_zero_is_a_figure_and_zero_sum_none() -> None:
    assert has_quantity("Last year, US spending on the war was near zero.")
    assert not has_quantity("Putin sees it as a zero-sum game.")


def test_what_number_of_asks_a_count() -> None:
    clause = quantity_clause("What number of Russian soldiers killed did Zelensky give?")
    assert counted_terms(clause) >= {"soldier", "russian"}


def test_how_much_names_what_is_measured_unless_sources_name_it_otherwise() -> None:
    assert counted_terms("How much bilateral aid did the UK provide?") == {"bilater", "aid"}
    assert counted_terms("how much Russian gas did Germany get") == {"russian", "gas"}
    # Land is measured in square kilometres, money in its currency, time in its units.
    assert counted_terms("how much southern territory has Ukraine liberated") == set()
    assert counted_terms("how much money did Germany pledge") == set()
    assert counted_terms("how much longer will the war last") == set()
    assert counted_terms("how much did Germany pledge") == set()


def test_a_year_a_figure_is_asked_for_is_no_date_of_the_question() -> None:
    assert question_periods("what target did he set for 2022?") == []
    (year,) = years_for("whats the growth forecast for 2027?")
    assert (year.year, year.start, year.end) == (2027, (1, 1), (12, 31))


def test_a_sentence_is_dated_by_a_month_it_names_alone() -> None:
    (january,) = told_periods("Russia suffered 31,680 casualties in January, it estimated.")
    assert (january.start, january.end) == ((1, 1), (1, 31))
    assert [p.text for p in told_periods("In January 2026 it said so.")] == ["January 2026"]
    # A month only where something is dated by it, not a start nor a name.
    assert told_periods("Since January, the front has held.") == []
    # Nor one set against the time told of.
    assert told_periods("It lost 28,400 last month, down from 31,680 in January.") == []
    assert told_periods("The January Initiative was signed.") == []
