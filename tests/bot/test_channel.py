"""The helpers both channels share."""
from __future__ import annotations

import asyncio
import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.channel import (
    REDACTED,
    KeyedLocks,
    SeenIds,
    button_title,
    option_number,
    redact,
    redact_secrets_in_logs,
    require_secret,
    split_text,
    with_numbered_options,
)
from nlp.errors import MissingSecret

words = st.text(alphabet="abcdefghij", min_size=1, max_size=12)
separators = st.sampled_from([" ", " ", " ", "\n", "\n\n"])


@given(st.lists(st.tuples(words, separators), max_size=200), st.integers(min_value=20, max_value=300))
def test_split_text_keeps_every_word_and_respects_the_limit(pieces: list[tuple[str, str]], limit: int) -> None:
    text = "".join(word + sep for word, sep in pieces)
    chunks = split_text(text, limit)
    assert all(len(chunk) <= limit for chunk in chunks)
    assert " ".join(chunks).split() == text.split()          # no word lost, cut or duplicated
    assert all(chunk == chunk.strip() for chunk in chunks)


def test_split_text_prefers_paragraphs_then_lines_then_words() -> None:
    paragraph = "word " * 15                                   # 75 characters
    assert split_text(f"{paragraph}\n\n{paragraph}", 100) == [paragraph.strip()] * 2
    assert split_text("line one\nline two is here", 20) == ["line one", "line two is here"]
    assert split_text("alpha beta gamma", 11) == ["alpha beta", "gamma"]
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]   # one huge word: hard cuts
    assert split_text("short", 4096) == ["short"]
    assert split_text("", 10) == [""]


def test_options_are_numbered_in_the_text_and_titles_cut() -> None:
    assert with_numbered_options("Pick one:", ["SGD", "Adam"]) == "Pick one:\n\n1. SGD\n2. Adam"
    assert with_numbered_options("No options", []) == "No options"
    assert button_title(2, "Adam", 20) == "2. Adam"
    title = button_title(12, "stochastic gradient descent", 20)
    assert len(title) == 20 and title.startswith("12. stochastic") and title.endswith("…")


@pytest.mark.parametrize(("data", "count", "expected"), [
    ("2", 3, "2"), (" 3 ", 3, "3"), ("4", 3, None), ("0", 3, None), ("-1", None, None),
    ("two", None, None), ("", None, None), ("7", None, "7"), ("99999", None, None),
])
def test_option_number_accepts_only_a_valid_choice(data: str, count: int | None, expected: str | None) -> None:
    assert option_number(data, count) == expected


def test_require_secret_names_the_missing_variable() -> None:
    assert require_secret("TOKEN_X", {"TOKEN_X": " abc "}) == "abc"
    with pytest.raises(MissingSecret, match="TOKEN_X"):
        require_secret("TOKEN_X", {"TOKEN_X": ""})
    with pytest.raises(MissingSecret, match="TOKEN_Y"):
        require_secret("TOKEN_Y", {})


async def test_keyed_locks_keep_each_key_in_order_and_let_keys_overlap() -> None:
    locks = KeyedLocks()
    log: list[str] = []

    async def work(key: str, name: str, delay: float) -> None:
        async with locks.hold(key):
            log.append(f"start {name}")
            await asyncio.sleep(delay)
            log.append(f"end {name}")

    await asyncio.gather(work("a", "a1", 0.05), work("a", "a2", 0), work("b", "b1", 0.01))
    assert log.index("end a1") < log.index("start a2")          # same key: one at a time, in order
    assert log.index("start b1") < log.index("end a1")          # other key: concurrently
    assert len(locks) == 0                                      # nothing kept once idle


def test_seen_ids_remember_a_bounded_number() -> None:
    seen = SeenIds(capacity=3)
    assert [seen.first_time(i) for i in ("a", "b", "a", "c", "d")] == [True, True, False, True, True]
    assert len(seen) == 3
    assert seen.first_time("b") is True                          # the least recently seen was forgotten
    assert seen.first_time("d") is False


def test_registered_secrets_and_token_shapes_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    redact_secrets_in_logs(["my-page-secret-value"])
    assert redact("token my-page-secret-value!") == f"token {REDACTED}!"
    assert redact("https://api.telegram.org/bot987654321:AAbbccddeeffgghhiijjkkllmmnnooppqq/getMe") \
        == f"https://api.telegram.org/bot{REDACTED}/getMe"
    assert redact("/me/messages?access_token=EAAxyz&x=1") == f"/me/messages?access_token={REDACTED}&x=1"
    assert redact("GET /webhook?hub.verify_token=vv&hub.challenge=4") == f"GET /webhook?hub.verify_token={REDACTED}&hub.challenge=4"
    with caplog.at_level(logging.INFO):
        logging.getLogger("some.library").info("calling %s", "https://h/?k=my-page-secret-value")
        try:
            raise ValueError("failed on my-page-secret-value")
        except ValueError:
            logging.getLogger("other").exception("oops")
    assert "my-page-secret-value" not in caplog.text
    assert f"calling https://h/?k={REDACTED}" in caplog.text
    assert f"ValueError: failed on {REDACTED}" in caplog.text       # tracebacks too
