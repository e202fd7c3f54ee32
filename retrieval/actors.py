"""Questions about an actor's position, and the sentences that speak for that actor."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

import yaml

from retrieval.names import Name, mentions, question_names, unaccented

# "Russia's position on NATO", "Moscow's line", "kyiv's demands": the possessor is the actor.
_POSITION = (
    r"(?:position|stance|line|view|views|demands?|proposals?|plan|offer|terms|conditions"
    r"|red lines|goals|aims|response|reaction|estimate|figure|case|objections?|approach)"
)
_POSSESSED = re.compile(rf"['’]s\s+(?:[\w-]+\s+){{0,2}}{_POSITION}\b", re.IGNORECASE)
# "What does Moscow want?", "what is Kyiv offering"
_WANTS = re.compile(r"\b(?:does|do|did|is|are)\s+$", re.IGNORECASE)
_WANT_VERB = re.compile(
    r"^\s+(?:want|wants|demand|demands|demanding|offer|offering|propose|proposing|say|think"
    r"|insist|insisting|expect|expecting|ask|asking)\b",
    re.IGNORECASE,
)

Aliases = Mapping[str, Sequence[str]]


def load_aliases(path: Path | None = None) -> dict[str, list[str]]:
    """The actor table: the bundled one, or the YAML file at `path`."""
    if path is None:
        text = resources.files("retrieval").joinpath("actors.yaml").read_text("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
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


def speakers(actor: Name, aliases: Aliases) -> list[Name]:
    """The names that, in a sentence, show it speaks for the actor: its own and its aliases."""
    wanted = {unaccented(actor.text).lower(), *(unaccented(k).lower() for k in actor.keys)}
    found = [actor]
    for key, names in aliases.items():
        group = [key, *names]
        if wanted & {unaccented(n).lower() for n in group}:
            found.extend(Name(n, (n,), 0) for n in group)
    return found


def speaks_for(text: str, names: Sequence[Name]) -> bool:
    """Whether an (unaccented) text names the actor or one of its own."""
    return any(mentions(text, n) for n in names)
