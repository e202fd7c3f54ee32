"""Settings: defaults, environment, and `.env.example` documenting every field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings
from tests.conftest import PROJECT


def test_defaults_run_offline_on_the_bundled_corpus() -> None:
    s = Settings(_env_file=None)
    assert s.chroma_url == ""
    assert s.data_dir == Path("data")
    assert s.corpus_paths == [Path("corpus")]


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", "/tmp/elsewhere")
    monkeypatch.setenv("CHROMA_URL", "http://127.0.0.1:8123")
    monkeypatch.setenv("BRIEFBOT_CORPUS", '["a", "b"]')
    s = Settings(_env_file=None)
    assert s.data_dir == Path("/tmp/elsewhere")
    assert s.chroma_url == "http://127.0.0.1:8123"
    assert s.corpus_paths == [Path("a"), Path("b")]


def test_out_of_range_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_DENSE_WEIGHT", "1.5")
    with pytest.raises(ValidationError, match="BRIEFBOT_DENSE_WEIGHT"):
        Settings(_env_file=None)


def test_env_example_lists_every_field_with_a_comment() -> None:
    lines = (PROJECT / ".env.example").read_text(encoding="utf-8").splitlines()
    documented = {}
    for n, line in enumerate(lines):
        m = re.match(r"^([A-Z][A-Z0-9_]*)=", line)
        if m:
            documented[m.group(1)] = n
    aliases = {f.alias for f in Settings.model_fields.values()}
    assert aliases == set(documented)
    for name, n in documented.items():
        above = lines[n - 1] if n else ""
        assert above.startswith("#") or re.match(r"^[A-Z_]+=", above), f"{name} has no comment"


def test_every_field_has_a_description() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description, name


def test_env_example_loads_as_settings() -> None:
    s = Settings(_env_file=PROJECT / ".env.example")
    assert s.dense_weight == Settings(_env_file=None).dense_weight
