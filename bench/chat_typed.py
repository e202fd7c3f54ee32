"""The gold questions as a hurried chat user types them, to measure how answers hold up.

Usage:
  .venv/bin/python -m bench.chat_typed ../shared/eval/dev.jsonl [--seed N] > chat.jsonl
  BRIEFBOT_DATA_DIR=data/eval .venv/bin/python -m bench.tune_quality chat.jsonl

Each question is typed in lower case, one name of six letters or more gets a typo (two letters
swapped, one dropped or one doubled), apostrophes are left out half the time, and the final
question mark is dropped, kept or doubled. Ids, splits, styles and gold answers are kept, so
the figures compare one for one with the questions as written.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

# A capitalised word of six letters or more that doesn't start the question: a name to misspell.
_NAME = re.compile(r"\b[A-Z][a-z]{5,}\b")


def typo(word: str, rng: random.Random) -> str:
    """The word with one slip of the fingers inside it (never its first or last letter)."""
    i = rng.randrange(1, len(word) - 2)
    slip = rng.choice(["swap", "drop", "double"])
    if slip == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if slip == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def chat_typed(question: str, rng: random.Random) -> str:
    """The question as typed in a hurry in a chat."""
    names = [m for m in _NAME.finditer(question) if m.start() > 0]
    if names:
        m = rng.choice(names)
        question = question[: m.start()] + typo(m.group(), rng) + question[m.end() :]
    question = question.lower()
    if rng.random() < 0.5:
        question = question.replace("'", "").replace("’", "")
    return re.sub(r"\?$", rng.choice(["", "?", "??"]), question)


def main() -> None:
    """Print the gold file's questions as chat-typed JSONL."""
    parser = argparse.ArgumentParser(prog="python -m bench.chat_typed")
    parser.add_argument("gold", type=Path, help="gold questions (JSONL)")
    parser.add_argument("--seed", type=int, default=7, help="which typos (default 7)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for line in args.gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            row["question"] = chat_typed(row["question"], rng)
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
