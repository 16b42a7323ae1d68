"""Rows from a teacher's eighth play-through, where a tired learner could not get out of a quiz: "No quiz please. I
ask about ECG." stops it; "stop quiz! I am tired" stops it (small talk about tiredness had come first, then the
question again); "skip" right after a question that was itself skipped stops the quiz instead of posing another;
"ok, forget LSTM." sets LSTM aside; "What is the running summary?" asks what a word means, it asks for no summary."""
from __future__ import annotations

from pathlib import Path

from bot.core import open_core
from tests.tutor.test_dialogue import Chat
from tutor.dialogue.request_cues import SETS_ASIDE_FIRST, STOP_FIRST, SUMMARY_ASKED


def test_the_words_that_stop_a_quiz_set_a_topic_aside_or_ask_a_summary() -> None:
    assert STOP_FIRST.match("No quiz please. I ask about ECG.") and STOP_FIRST.match("stop quiz! I am tired")
    assert not STOP_FIRST.match("no questions is ok")
    assert SETS_ASIDE_FIRST.match("ok, forget LSTM.") and SETS_ASIDE_FIRST.match("no, not boundary.")
    assert not SUMMARY_ASKED.search("What is the running summary?") and SUMMARY_ASKED.search("summary of day 4 please")


async def test_no_quiz_please_stops_the_quiz(chat: Chat) -> None:
    await chat("/quiz etp")
    assert "no more questions" in await chat("No quiz please. I ask about something else.")
    assert chat.state().pending is None


async def test_skipping_twice_in_a_row_stops_the_quiz(chat: Chat) -> None:
    await chat("/quiz gradient descent")
    first = await chat("skip")
    assert "worked answer" in first and chat.state().pending is not None     # the worked answer, one like it
    assert "no more questions" in await chat("skip")
    assert chat.state().pending is None


async def test_stop_quiz_said_with_tiredness_stops_the_quiz(tmp_path: Path) -> None:
    chat = Chat(open_core(None, tmp_path / "t.db"))           # the seminar's own curriculum and small talk
    await chat("/quiz lstm")
    text = await chat("stop quiz! I am tired, I work night shift. Just tell me about AI and ECG please.")
    assert "no more questions" in text and "Back to your question" not in text and chat.state().pending is None
    await chat.core.close()
