"""Reading the meeting or call a question takes for granted."""

from __future__ import annotations

from retrieval.encounters import (
    Act,
    Encounter,
    asked_encounter,
    asked_event,
    asked_gathering,
    asked_signing,
    asked_speech,
    reports,
)
from retrieval.names import Name


def _reports_alone(sentence: str, encounter: Encounter) -> bool:
    """Whether a sentence that is its whole passage, untitled, reports the encounter."""
    return reports(sentence, "", sentence, encounter)


def _read(question: str) -> tuple[list[str], list[str]] | None:
    encounter = asked_encounter(question)
    if encounter is None:
        return None
    return [n.text for n in encounter.between], [n.text for n in encounter.places]


def test_who_met_and_where() -> None:
    assert _read("what did Putin and Zelensky agree when they met face to face in Geneva?") == (
        ["Putin", "Zelensky"],
        ["Geneva"],
    )
    assert _read("What came out of the Trump–Putin summit in Alaska in August 2025?") == (
        ["Trump", "Putin"],
        ["Alaska"],
    )
    assert _read("the Berlin meeting between Zelenskiy and Witkoff/Kushner?") == (
        ["Berlin", "Zelenskiy", "Witkoff", "Kushner"],
        [],
    )
    assert _read("Ben Stiller met Zelensky in June 2022? in what role") == (
        ["Stiller", "Zelensky"],
        [],
    )
    # "They" are the names the question opens with.
    assert _read("what did Biden and Putin discuss on their phone call in March 2022?") == (
        ["Biden", "Putin"],
        [],
    )
    assert _read("did Le Pen meet Putin during the 2022 campaign?") == (["Le Pen", "Putin"], [])
    assert _read("At the Sochi meeting of Putin, Aliyev and Pashinyan, what did Putin say?") == (
        ["Sochi", "Putin", "Aliyev", "Pashinyan"],
        [],
    )
    # A videoconference is one of theirs; an address by video link is no meeting.
    assert _read("What did Zelensky and Xi agree during their videoconference in 2021?") == (
        ["Zelensky", "Xi"],
        [],
    )
    assert _read("What did Zelensky tell Biden and Congress by video link?") is None
    # On the sidelines of talks somewhere is there.
    assert _read(
        "How did Zelensky and Putin describe their meeting on the sidelines of the Abu Dhabi talks?"
    ) == (["Zelensky", "Putin"], ["Abu Dhabi"])
    # Where it was is said right after it, not in what it was about.
    assert _read("What did Putin and Xi agree at their meeting about the war in Ukraine?") == (
        ["Putin", "Xi"],
        [],
    )
    assert _read("what came out of the Normandy Four advisers' meeting in Minsk?") == (
        ["Normandy Four"],
        ["Minsk"],
    )
    # A joint press conference is held where both are.
    assert _read("What did Scholz and Putin say at their joint press conference in Moscow?") == (
        ["Scholz", "Putin"],
        ["Moscow"],
    )
    # Whose call it was, and with whom.
    assert _read("What did Macron's call with Putin achieve?") == (["Macron", "Putin"], [])
    assert _read("How did Putin's phone call with Swedish PM Magdalena Andersson go?") == (
        ["Putin", "Swedish PM Magdalena Andersson"],
        [],
    )
    # A call for something is a demand, no call held.
    assert _read("What came of Biden and Macron's call for a ceasefire?") is None
    # What they talked about is no one who met, unless "they" takes it in; a comma ends it.
    assert _read("What did Biden say about Putin when they met in Geneva?") == (
        ["Biden", "Putin"],
        ["Geneva"],
    )
    assert _read(
        "After talking about Ukraine, Putin and Biden met in Geneva; what did they agree?"
    ) == (
        ["Putin", "Biden"],
        ["Geneva"],
    )
    assert _read(
        "what did Putin tell Boris Johnson about NATO and Ukraine in their call on Dec 13 2021"
    ) == (["Putin", "Boris Johnson"], [])
    # A kind of meeting named after a place is no one who met.
    assert _read("What was pledged at the Ramstein-format meeting?") is None
    # One person's hyphenated name is one person.
    assert _read("What did Al-Sisi and Putin discuss when they met?") == (["Al-Sisi", "Putin"], [])
    # A hyphenated pair is two who met.
    assert _read("readouts of the Biden-Putin summit in Geneva?") == (
        ["Biden", "Putin"],
        ["Geneva"],
    )
    # "She" who met him is the one named before: she met him too.
    assert _read("what did Jill Biden say after she met Macron in Paris?") == (
        ["Jill Biden", "Macron"],
        ["Paris"],
    )
    assert _read("what did Scholz promise when he met Sunak in London?") == (
        ["Scholz", "Sunak"],
        ["London"],
    )
    # Not whose someone else is: "Trump's envoy" met Putin, not Trump.
    assert _read("what did Trump's envoy say after he met Putin in Moscow?") == (
        ["Putin"],
        ["Moscow"],
    )


def test_no_meeting_taken_for_granted() -> None:
    assert asked_encounter("what did Trump say when asked if he had talked to Putin?") is None
    assert asked_encounter("What is Russia's position on NATO?") is None
    assert asked_encounter("what did the summit decide?") is None  # no one named
    # One name alone says where the answer is, not who met.
    assert asked_encounter("What did Zelensky say at the G7 summit?") is None
    # Asked whether, or why not, a meeting happens.
    for question in [
        "Is a Trump–Putin summit planned?",
        "Will there be a Trump-Putin meeting in Budapest?",
        "Why did Putin refuse to meet Zelensky?",
        "Why won't Putin meet Zelensky?",
        "Are Putin and Zelensky going to meet?",
    ]:
        assert asked_encounter(question) is None, question


def test_a_sentence_reports_a_meeting_held_not_one_hoped_for() -> None:
    putin, zelensky, geneva_ = (Name(n, (n,), 0) for n in ("Putin", "Zelensky", "Geneva"))
    met = Encounter((putin, zelensky), (geneva_,))

    def held(sentence: str, rest: str = " Talks opened in Geneva.") -> bool:
        return reports(sentence, "", sentence + rest, met)

    assert held("Putin and Zelensky met on Tuesday.")
    assert not held("Putin and Zelensky could meet on Tuesday.")
    assert not held("Putin has never met Zelensky.")
    # Both named, but not as the two who met.
    assert not held(
        "Trump hosted Zelensky and other European leaders in Washington and said he would "
        "ask Putin to agree to a trilateral summit."
    )
    # A meeting the sentence dates to another year than the question's is another meeting.
    in_2022 = Encounter((putin, zelensky), (geneva_,), ("2022",))
    recalled = "In the 2017 talks in Geneva, Putin and Zelensky met."
    assert not _reports_alone(recalled, in_2022)
    assert reports(recalled.replace("2017", "2022"), "", recalled.replace("2017", "2022"), in_2022)
    # Doubt about something else is no doubt about the meeting.
    assert held("Putin and Zelensky met on Tuesday but did not agree a ceasefire.")
    # Where they met must be named by the passage.
    assert not held("Putin and Zelensky met on Tuesday.", " Talks opened.")
    # "in May" is when, not a maybe.
    assert held("Putin and Zelensky met in May.")
    # Words for a meeting used for something else.
    assert not held("Putin said his conditions must be met by Zelensky in Geneva.")
    assert not held("Zelensky talks about Putin's demands in Geneva.")
    assert held("Putin and Zelensky talked in Geneva.")
    # A meeting called needed is not yet held (but one may be about what is needed).
    assert not held("Zelensky: meeting Putin essential for a settlement in Geneva.")
    assert not held("A meeting between Putin and Zelensky is necessary, Geneva says.")
    assert held("Putin and Zelensky met in Geneva to discuss necessary steps.")
    # Nor is one a web address names, and its words cast no doubt on one held.
    assert not held("Geneva Daily](https://daily.example/putin-and-zelensky-met-in-geneva)")
    assert held("Putin and Zelensky met in Geneva ([Wire](https://wire.example/possible-deal)).")
    # A meeting asked for is not held, nor is a call for one a phone call.
    assert not held("This might explain Mr Zelensky's call for a face-to-face meeting with Putin.")
    assert not held("Zelensky urged a meeting with Putin in Geneva.")
    assert held("Putin and Zelensky held urgent talks in Geneva.")


def test_whom_one_met_is_named_anywhere_in_the_words_after_met_with() -> None:
    zelensky, blinken = Name("Zelensky", ("Zelensky",), 0), Name("Blinken", ("Blinken",), 0)
    met = Encounter((zelensky, blinken), ())
    assert _reports_alone(
        "President of Ukraine Volodymyr Zelenskyy met with Secretary of State of the United "
        "States Anthony Blinken.",
        met,
    )
    # Not past the name: "... talks in Kyiv ... demanded last week in Moscow by Vladimir Putin"
    # is no meeting with Putin, nor is a meeting with someone who later phoned him.
    putin = Name("Putin", ("Putin",), 0)
    assert not _reports_alone(
        "Zelensky held talks in Kyiv on Friday about the ceasefire terms demanded last week in "
        "Moscow by Vladimir Putin.",
        Encounter((zelensky, putin), ()),
    )
    assert not _reports_alone(
        "President of Ukraine Volodymyr Zelenskyy met with the Secretary of the National "
        "Security Council of Ukraine Oleksiy Danilov, who later phoned Anthony Blinken.",
        met,
    )


def test_a_surname_after_another_first_name_is_someone_else() -> None:
    melania, putin = Name("Melania Trump", ("Melania", "Trump"), 0), Name("Putin", ("Putin",), 0)
    met = Encounter((melania, putin), ())
    assert not _reports_alone("Donald Trump and Vladimir Putin held a meeting in Osaka.", met)
    assert _reports_alone("Melania Trump met Vladimir Putin.", met)
    assert _reports_alone("First lady Trump met Vladimir Putin.", met)


def test_a_title_may_report_the_meeting_or_be_its_record() -> None:
    lublin = Name("Lublin Triangle", ("Lublin", "Triangle"), 0)
    summit = Encounter((lublin,), ())
    title = "Zelensky took part in the first summit of the Lublin Triangle"
    assert reports("The parties agreed to keep coordinating.", title, "", summit)
    assert not reports("The parties agreed to keep coordinating.", "Joint statement", "", summit)
    putin, khan = Name("Putin", ("Putin",), 0), Name("Imran Khan", ("Imran", "Khan"), 0)
    visit = Encounter((putin, khan), ())
    # The Kremlin's record of a meeting names only who it was with.
    record = "Meeting with Prime Minister of Pakistan Imran Khan"
    assert reports("The leaders discussed bilateral ties.", record, "The leaders met.", visit)
    assert not reports(
        "The leaders discussed bilateral ties.", "Meeting with Olaf Scholz", "", visit
    )
    # Where it was, named after whom, is no one else on it.
    in_islamabad = "Meeting with Prime Minister of Pakistan Imran Khan in Islamabad Capital"
    assert reports("The leaders discussed bilateral ties.", in_islamabad, "", visit)


def test_two_known_names_side_by_side_are_two_who_met() -> None:
    # As a chat writes it, the question read with its names capitalised: "the zelensky putin
    # meeting" is a meeting of two, each of whom a report must name.
    assert _read("what came out of the Zelensky Putin face to face in Abu Dhabi?") == (
        ["Zelensky", "Putin"],
        ["Abu Dhabi"],
    )
    assert _read("what came out of the Putin Zelensky meeting in Moscow?") == (
        ["Putin", "Zelensky"],
        ["Moscow"],
    )
    meeting = asked_encounter("what came out of the Putin Zelensky meeting in Moscow?")
    assert meeting is not None
    # Zelensky speaking of talks in Moscow is no meeting with Putin there.
    assert not _reports_alone("Zelensky said the Moscow talks were constructive.", meeting)
    assert _reports_alone("Putin met Zelensky in Moscow on Tuesday.", meeting)
    # One person's first name and surname stay one person; two names of one side stay one
    # name ("the Moscow Kremlin meeting with Witkoff" is a meeting with Witkoff there).
    assert _read("what did Vladimir Putin say when he met Zelensky in Geneva?") == (
        ["Vladimir Putin", "Zelensky"],
        ["Geneva"],
    )
    assert _read("what came out of the Moscow Kremlin meeting with Witkoff?") == (
        ["Moscow Kremlin", "Witkoff"],
        [],
    )
    # A summit known by where and whose it was is one summit, not a meeting of the two.
    assert _read("what was agreed at the Washington NATO summit in July 2024?") is None
    assert asked_gathering("what was agreed at the Washington NATO summit in July 2024?")
    assert asked_gathering("what was agreed at the US Ukraine talks in March 2025?")


def test_their_calls_are_calls_between_them() -> None:
    assert _read("what did Putin and Ramaphosa say about Ukraine on their calls in Dec 2021") == (
        ["Putin", "Ramaphosa"],
        [],
    )
    calls = asked_encounter("what did Putin and Ramaphosa say about Ukraine on their calls?")
    assert calls is not None
    assert not _reports_alone("Putin and Ramaphosa met at the BRICS summit.", calls)
    assert _reports_alone("Putin and Ramaphosa had a telephone conversation.", calls)
    assert _read("what did Putin discuss in his phone calls with Macron?") == (
        ["Putin", "Macron"],
        [],
    )
    # Calls for something, or to do something, are demands.
    assert _read("what did Macron and Scholz say about their calls for a ceasefire?") is None
    demand = "how did Zelensky respond to Trump's calls to hold elections in Ukraine?"
    assert _read(demand) is None


def test_a_call_asked_about_is_reported_as_a_call_by_one_of_those_on_it() -> None:
    call = asked_encounter("what did Putin and Boris Johnson talk about on their phone call?")
    assert call is not None
    on_it = "Putin and Boris Johnson spoke by telephone about the situation around Ukraine."
    assert _reports_alone(on_it, call)
    # A summit one of them left is no call, nor is a name one of them gave the other.
    left = "Johnson said as he departed the summit that he feared Putin would level the cities."
    assert not _reports_alone(left, call)
    assert not _reports_alone("Boris Johnson called Vladimir Putin a tyrant.", call)
    assert not _reports_alone("Boris Johnson called on Putin to pull back his troops.", call)
    assert not _reports_alone("Johnson condemned the so-called Putin doctrine.", call)
    assert _reports_alone("Putin and Boris Johnson held telephone talks on Ukraine.", call)
    # Speaking to others is no call between them.
    assert not reports(
        "Putin set out his terms when he spoke to the Russian Foreign Ministry.",
        "Boris Johnson talks of Putin contact",
        "",
        call,
    )
    assert _reports_alone("Putin spoke with Prime Minister of Britain Boris Johnson.", call)
    assert _reports_alone("Putin spoke with Macron, Scholz and Boris Johnson by phone.", call)
    # A call named by who took part, joined.
    assert _read("what was the Trump–Putin call about?") == (["Trump", "Putin"], [])
    assert asked_encounter("will the Trump-Putin call happen?") is None
    # Another leader's record of a call with one of them is no record of theirs.
    biden, putin = Name("Biden", ("Biden",), 0), Name("Putin", ("Putin",), 0)
    theirs = Encounter((biden, putin), ())
    kremlin = "Telephone conversation with US President Joseph Biden"
    assert reports("The presidents discussed Ukraine.", kremlin, "", theirs)
    titled = "Russian President Holds Telephone Conversation With Joseph Biden"
    assert reports("The presidents discussed Ukraine.", titled, "", theirs)
    kyiv = "Volodymyr Zelenskyy had a phone conversation with US President Joseph Biden"
    assert not reports("The presidents discussed Ukraine.", kyiv, "", theirs)
    # Nor is the record of a call with another leader.
    zelensky = Name("Zelensky", ("Zelensky",), 0)
    briefing = "Briefing by Aide Yury Ushakov following a telephone conversation between "
    with_biden = briefing + "Vladimir Putin and Joseph Biden"
    assert not reports("Thank you.", with_biden, "", Encounter((putin, zelensky), ()))
    assert reports("Thank you.", with_biden, "", theirs)


def _event(question: str) -> tuple[str, list[str], list[str]] | None:
    event = asked_event(question)
    if event is None:
        return None
    return event.kind, [n.text for n in event.between], [n.text for n in event.places]


def test_touring_a_place_is_visiting_it() -> None:
    visit = asked_event("Guterres went to Borodianka right? what did he call the war")
    assert visit is not None
    assert visit.kind == "visit"
    assert _reports_alone("Antonio Guterres was touring Borodianka on Thursday.", visit)
    assert not _reports_alone("Antonio Guterres spoke of Borodianka on Thursday.", visit)


def test_a_visit_or_a_dismissal_taken_for_granted() -> None:
    assert _event("what did Biden and Zelensky discuss when Biden visited Kyiv in May 2022?") == (
        "visit",
        ["Biden"],
        ["Kyiv"],
    )
    assert _event("Kremlin vs Berlin readouts of Scholz's May 2022 visit to Moscow?") == (
        "visit",
        ["Scholz"],
        ["Moscow"],
    )
    assert _event("did Macron visit Moscow in March 2022?") == ("visit", ["Macron"], ["Moscow"])
    assert _event("why did Putin fire Shoigu as defence minister?") == (
        "dismissal",
        ["Shoigu"],
        [],
    )
    assert _event("why was Melnyk recalled from Berlin?") == ("dismissal", ["Melnyk"], [])
    # Meetings are read as before.
    assert _event("what did Putin and Xi agree when they met in Beijing?") == (
        "meeting",
        ["Putin", "Xi"],
        ["Beijing"],
    )
    # Whose visit it was is who went.
    assert _event("How did the Kremlin react to Biden's visit to Kyiv?") == (
        "visit",
        ["Biden"],
        ["Kyiv"],
    )
    # "He", "his" and "they" are who the question names before them.
    for question, visitors in [
        ("what did Biden announce when he went to Kyiv in spring 2022?", ["Biden"]),
        ("What did Stoltenberg announce during his visit to Kyiv?", ["Stoltenberg"]),
        (
            "What did Witkoff and Kushner tell Zelensky when they visited Kyiv?",
            ["Witkoff", "Kushner"],
        ),
        (
            "How did Macron and Scholz each respond to Putin during their joint visit to Kyiv?",
            ["Macron", "Scholz"],
        ),
    ]:
        assert _event(question) == ("visit", visitors, ["Kyiv"]), question
    # Coming to a place is visiting it, said of one opening the question too.
    assert _event("Kishida came to Kyiv in 2022 right? what did he promise") == (
        "visit",
        ["Kishida"],
        ["Kyiv"],
    )
    assert _event("what did Metsola promise when she came to Kyiv") == (
        "visit",
        ["Metsola"],
        ["Kyiv"],
    )
    assert _event("Who came to power in Kyiv in 2019?") is None
    assert _event("What did Biden tell Duda when he visited Warsaw?") is None  # which "he"?
    # A place or a body named before is no visitor.
    assert _event("What was agreed in Rome when she visited Kyiv?") is None
    assert _event("What did the Kremlin say when he went to Beijing?") is None
    # A visit hoped for, refused, wished or of nobody named; aid or tanks that went somewhere:
    # none taken for granted.
    assert _event("will Trump visit Moscow?") is None
    assert _event("should Trump visit Moscow?") is None
    assert _event("why hasn't Trump visited Ukraine?") is None
    assert _event("is Trump's visit to Moscow planned?") is None
    assert _event("what did Zelensky say about inviting Trump to visit Ukraine?") is None
    assert _event("what did he pledge during his surprise visit to Kyiv?") is None
    assert _event("How much US aid went to Ukraine in 2023?") is None
    assert _event("How many Leopard tanks went to Ukraine?") is None
    # Missiles fired, claims dismissed, a massacre recalled, a cease-fire: no dismissal.
    assert _event("how many missiles did Ukraine fire at Votkinsk?") is None
    assert _event("Why did Russia fire Kinzhal missiles at Kyiv?") is None
    assert _event("Were ATACMS fired into Russia in 2024?") is None
    assert _event("which missiles were fired during the exercise with Putin?") is None
    assert _event("did Turkey want Sweden's defence minister fired?") is None
    assert _event("Why did Peskov dismiss Zelensky's claims?") is None
    assert _event("How did Zelensky recall Bucha at the anniversary?") is None
    assert _event("What did Zelensky say about the Easter cease-fire Putin declared?") is None
    assert _event("How did Russia try to oust Zelensky in 2022?") is None
    assert _event("Why didn't Putin fire Gerasimov?") is None


def test_a_sentence_reports_a_visit_or_a_dismissal_made() -> None:
    visit = asked_event("did Macron visit Moscow?")
    assert visit is not None
    arrived = "Macron arrived in Moscow on Monday."
    assert _reports_alone(arrived, visit)
    hoped = "Macron hopes to visit Moscow soon."
    assert not _reports_alone(hoped, visit)
    # A visit is somewhere: the passage must name the place, beside the word for it.
    assert not reports("Macron arrived on Monday.", "", "Macron arrived on Monday.", visit)
    further = "Macron went further on Monday."
    assert not reports(further, "", f"{further} Moscow disagreed.", visit)
    sacked = asked_event("why did Putin fire Shoigu?")
    assert sacked is not None
    replaced = "Putin replaced Shoigu with the economist Andrei Belousov."
    assert _reports_alone(replaced, sacked)
    demanded = "Critics said Putin should dismiss Shoigu."
    assert not _reports_alone(demanded, sacked)
    # A record of a meeting with him is no dismissal.
    assert not reports("They discussed the army.", "Meeting with Sergei Shoigu", "", sacked)


def test_a_call_is_no_meeting_held_somewhere() -> None:
    met = asked_event("what did Putin and Pope Francis discuss when they met at the Vatican?")
    assert met is not None
    passage = "Putin praised relations between Russia and the Vatican."
    called = "During a telephone conversation, Putin wished Pope Francis a happy birthday."
    assert not reports(called, "", f"{called} {passage}", met)
    record = "Telephone conversation with Pope Francis"
    assert not reports("They discussed Ukraine.", record, passage, met)
    visited = "Putin met Pope Francis at the Vatican."
    assert _reports_alone(visited, met)
    # A word of calling that is not a call leaves the meeting held.
    praised = "Putin met Pope Francis at the Vatican, in talks the Kremlin called warm."
    assert _reports_alone(praised, met)
    renewed = "At the Vatican, Putin met Pope Francis and renewed his call for peace."
    assert _reports_alone(renewed, met)
    # A meeting asked without a place may have been a call.
    anywhere = asked_event("what did Putin and Pope Francis discuss when they met?")
    assert anywhere is not None
    assert reports("They discussed Ukraine.", record, passage, anywhere)


def test_a_joint_press_conference_is_reported_by_one() -> None:
    asked = asked_event("What did Scholz and Putin say at their joint press conference in Moscow?")
    assert asked is not None
    held = "At a press conference with Putin in Moscow, Scholz said war was unthinkable."
    assert _reports_alone(held, asked)
    apart = "Scholz said in Berlin that Putin must withdraw his troops from Moscow's border."
    assert not _reports_alone(apart, asked)
    # A press conference of one of them is no meeting of both.
    alone = "At a press conference in Moscow, Putin said Scholz was afraid to come."
    assert not _reports_alone(alone, asked)


def _named_by(act: Act | None) -> tuple[str, ...]:
    return act.named_by if act is not None else ()


def test_a_signing_taken_for_granted_and_its_report() -> None:
    asked = "What terms were set out in the ceasefire agreement signed at the talks?"
    signed = asked_signing(asked)
    assert signed is not None
    assert signed.named_by == ("ceasefir",)
    assert _named_by(asked_signing("When was the 'energy truce' agreement formally signed?")) == (
        "energi",
        "truce",
    )
    assert _named_by(
        asked_signing("When Ukraine and Turkey signed their free trade agreement, who spoke?")
    ) == ("free", "trade")
    # Asking which one was signed takes one of that kind as signed.
    assert _named_by(
        asked_signing("what free trade deal did Zelensky sign with Plenkovic in Dec 2021")
    ) == ("free", "trade")
    # Asking when those who signed it did so takes it as signed too.
    assert _named_by(
        asked_signing("When did the US and Ukraine formally sign the security guarantees document?")
    ) == ("secur", "guarante")
    assert _named_by(
        asked_signing("What does the arms treaty that the US and Russia signed in 2026 say?")
    ) == ("arm",)
    # Asking whether it was signed, or who was pressed to sign it, takes no signing for granted.
    assert asked_signing("Did Ukraine sign the minerals deal?") is None
    assert asked_signing("When did Trump press Zelensky to sign the minerals deal?") is None
    assert asked_signing("What agreements did they sign in Istanbul?") is None  # of no kind
    # Not taken for granted: hoped for, or who signs is asked.
    assert asked_signing("Will the ceasefire agreement be signed in Geneva?") is None
    assert asked_signing("Who signed the ceasefire?") is None
    assert asked_signing("What did the deal say about those who signed it?") is None
    assert signed.told("The two sides signed a ceasefire on Monday.", "ceasefir")
    assert not signed.told("Kyiv refused to sign a ceasefire.", "ceasefir")
    assert not signed.told("A ceasefire could be signed next week.", "ceasefir")
    assert not signed.told("The ceasefire is ready but still needs to be signed.", "ceasefir")
    needs = "The ceasefire gives Kyiv what it needs, he said after signing the ceasefire."
    assert signed.told(needs, "ceasefir")
    assert not signed.told("The sides signed a prisoner swap deal.", "ceasefir")
    # Asking which one was reached takes one of that kind as reached.
    reached = asked_signing("What gas supply agreement did Putin and Berdimuhamedov reach?")
    assert _named_by(reached) == ("gas", "suppli")
    assert reached is not None
    assert reached.told("They agreed to extend the gas contract.", "gas")
    assert not reached.told("They discussed gas prices.", "gas")
    assert asked_signing("What did Putin and Berdimuhamedov reach agreement on?") is None
    assert asked_signing("what kind of agreement did Trump and Xi reach?") is None


def test_a_speech_taken_for_granted_and_its_report() -> None:
    # (Asked as read: the corpus's capitals restored.)
    speech = asked_speech("Zelensky's June 2022 speech to the Bundestag - main points?")
    assert speech is not None
    assert speech.named_by == ("bundestag",)
    assert asked_speech("What did Putin say in his address to the nation?") is None  # no name
    assert _named_by(
        asked_speech("What did he demand when he addressed the UN Security Council?")
    ) == ("un", "secur", "council")
    assert asked_speech("Will Zelensky address the Bundestag?") is None
    assert speech.told("Zelensky addressed the Bundestag by video link.", "bundestag")
    assert not speech.told("Zelensky met the speaker of the Bundestag.", "bundestag")
    assert not speech.told("A speech to the Bundestag is planned for June.", "bundestag")


def test_a_speech_placed_by_the_question_is_told_with_whose_it_was() -> None:
    speech = asked_speech("what did Biden say in his speech in Kyiv on March 26 2022?")
    assert speech is not None
    assert speech.named_by == ("kyiv",)
    assert speech.told("Biden gave a speech in Kyiv.", "kyiv")
    assert speech.told("In Kyiv he spoke of freedom.", "kyiv", title="Biden in Ukraine")
    assert not speech.told("Zelensky spoke in Kyiv on Saturday.", "kyiv")
    assert speech.by is not None
    assert speech.by.text == "Biden"
    owned = asked_speech("Zelensky's speech in Lviv - main points?")
    assert owned is not None
    assert owned.named_by == ("lviv",)
    assert owned.by is not None
    assert owned.by.text == "Zelensky"
    assert asked_speech("what was said in the speech in Kyiv?") is None  # whose, not said
    # "His" is the one asked as speaking, not the last name before it; a language is no place.
    about = asked_speech("What did Macron say about Zelensky in his speech in Paris?")
    assert about is not None
    assert about.by is not None
    assert about.by.text == "Macron"
    assert asked_speech("what did Zelensky say in his speech in English to Congress?") is None


def _gathering(question: str) -> list[str] | None:
    encounter = asked_gathering(question)
    return None if encounter is None else [n.text for n in encounter.places]


def test_a_summit_or_round_of_talks_named_by_one_name() -> None:
    assert _gathering("what did Nato agree at the Vilnius summit in June 2022") == ["Vilnius"]
    # As the corpus capitalises it, one name.
    assert _gathering("what did Nato agree at the Vilnius Summit in June 2022") == ["Vilnius"]
    assert _gathering("what came out of the trilateral talks in Miami on feb 12") == ["Miami"]
    assert _gathering("who led Russia's team at the Istanbul round?") == ["Istanbul"]
    # A word of what kind may stand between.
    assert _gathering("what did Peskov say after the Miami trilateral round on Feb 12") == ["Miami"]
    assert _gathering("what came of the Istanbul peace talks in March 2022") == ["Istanbul"]
    # Where it was names it before those taking part do.
    held = "What was agreed at the US-Ukraine-Russia talks held in Miami on 12 February 2026?"
    assert _gathering(held) == ["Miami"]
    assert _gathering(held.replace("-", "–")) == ["Miami"]
    # So it does where they are typed as one run of names, without hyphens (as read).
    typed = "what was agreed at the us Ukraine Russia talks in Istanbul in Feb 2026?"
    assert _gathering(typed) == ["Istanbul"]
    assert _gathering(typed.replace("us Ukraine Russia", "US Russia")) == ["Istanbul"]
    # Not a two-word name of one place or side: it names the gathering with the place after.
    assert _gathering("what was agreed at the Abu Dhabi talks in the UAE in Feb 2026?") is None
    assert _gathering("what came of the Saudi Arabia talks in Jeddah in March 2025?") is None
    # A place after a place names it by both: asked of two places, it is taken for granted
    # by neither.
    assert _gathering("What did Nato agree at the Vilnius summit in Lithuania in 2022?") is None
    # Hoped for, or planned, it is taken for granted by no one.
    assert _gathering("will the next round of talks be in Miami?") is None
    assert _gathering("is a summit in Budapest possible?") is None
    # (A power plant is no plan.)
    plant = "What was agreed about the power plant at the round held in Miami on 12 February?"
    assert _gathering(plant) == ["Miami"]
    # Two names say who met, which a meeting asked about reads.
    assert _gathering("what came out of the Putin-Trump summit?") is None
    # Where the next thing asked is, is not where this one was.
    compared = "what did Zelensky ask at the March 2022 Brussels summit vs at the Madrid summit"
    assert asked_event(compared) is None
    assert _gathering(compared) == ["Brussels"]


def test_a_summit_is_of_the_leaders_not_their_advisers() -> None:
    asked = "What did the four leaders agree at the Normandy Four summit in Paris on 26 January?"
    summit = asked_encounter(asked)
    assert summit is not None
    assert summit.summit
    advisers = (
        "On January 26, the meeting of political advisers to the leaders of the Normandy Four "
        "took place in Paris."
    )
    assert not _reports_alone(advisers, summit)
    assert not reports(
        "The talks lasted eight hours.",
        "Regarding the meeting of advisers to the leaders of the Normandy Four in Paris",
        "",
        summit,
    )
    # The same words report a meeting not asked as a summit.
    meeting = asked_encounter(asked.replace("summit", "meeting"))
    assert meeting is not None
    assert _reports_alone(advisers, meeting)
    assert _reports_alone(advisers.replace("political advisers to ", ""), summit)
    # The leaders said to have met are asked as a summit too; advisers met with are no leaders.
    leaders = asked_encounter("What was agreed when the Normandy Four leaders met in Paris?")
    assert leaders is not None
    assert leaders.summit
    # The leaders named meeting with their delegations or ministers is their own meeting.
    pair = asked_encounter("what was said when Trump and Putin met at the summit in Alaska?")
    assert pair is not None
    with_ministers = "In Alaska, Trump and Putin met along with their foreign ministers."
    assert _reports_alone(with_ministers, pair)
    assert not _reports_alone(
        "Yermak arrived in Paris to meet with advisers of the Normandy Four.", leaders
    )
    # Willing to go on negotiating is no report of a meeting held.
    assert not _reports_alone(
        "In Paris the Normandy Four reaffirmed their willingness to continue negotiations.", summit
    )


def test_who_hosted_a_round_is_not_where_it_was() -> None:
    # Who hosted a round is not where it was: "the US-hosted round of talks in Miami".
    assert _gathering("What did the US-hosted round of talks in Miami on 12 February produce?") == [
        "Miami"
    ]


def test_welcoming_something_is_no_meeting() -> None:
    putin, tokayev = (Name(n, (n,), 0) for n in ("Putin", "Tokayev"))
    met = Encounter((putin, tokayev), ())
    assert _reports_alone("Putin welcomed President Tokayev to the Kremlin.", met)
    assert not _reports_alone("Putin and Tokayev welcomed the intensification of trade.", met)
