"""The words people are called by before their names: roles and the words that go with them."""

from __future__ import annotations

import re

# What people are called by what they do: "which Russian general", "spokesman Peskov".
ROLES = (
    "generals?|officials?|ministers?|commanders?|leaders?|diplomats?|envoys?|negotiators?"
    "|spokesman|spokeswoman|spokesperson|ambassadors?|officers?|president|chancellor|senator"
    "|lawmakers?|politicians?|oligarchs?|advis[eo]rs?|aides?|journalists?|chairman|chairperson"
    "|secretary(?:-general)?|directors?(?:-general)?|representative|prosecutor|judge|mayor"
    "|governor|lieutenant|colonel|admiral"
    "|marshal|captain|sergeant|mr|mrs|ms|dr|sir|lady|pope|patriarch|archbishop|cardinal|bishop"
)
ROLE_WORDS = frozenset(re.findall(r"\w+", ROLES.replace("s?", "").replace("[eo]", "o")))
# Words that go with a role without being one: "Foreign Minister", "senior Kremlin official".
DESCRIBING = frozenset(
    re.findall(
        r"\w+",
        "senior special first vice acting former deputy chief head prime foreign defence defense "
        "state press top extraordinary plenipotentiary",
    )
)
# Bodies named after a role ("General Staff", "Foreign Ministry") are not people.
BODIES = frozenset(
    re.findall(
        r"\w+",
        "ministry department staff office council service committee agency administration "
        "base headquarters directorate command",
    )
)
# Every word of a title before a name, for finding speakers too: "Kremlin spokesman Dmitry",
# "Swedish PM Magdalena".
TITLE_WORDS = ROLE_WORDS | {"advisers", "advisors", "pm", "fm"} | DESCRIBING
