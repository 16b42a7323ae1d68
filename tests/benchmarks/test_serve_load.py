"""The serve benchmark's verdicts: what counts as a lost turn, a duplicate reply and an order violation."""
from __future__ import annotations

from benchmarks.serve_load import SCENARIOS, Outcome, telegram_messages
from tutor.replies import Reply


def _outcome(sent: list[str], logged: list[str], answers: dict[str, set[str]] | None = None,
             unanswered: int = 0) -> Outcome:
    outcome = Outcome(SCENARIOS[0])
    outcome.sent["ada"] = sent
    outcome.logged = {"ada": logged}
    outcome.answers.update(answers or {})
    outcome.unanswered["ada"] = unanswered
    return outcome


def test_every_message_logged_once_in_order_is_clean() -> None:
    outcome = _outcome(["/start", "/help", "/help"], ["/start", "/help", "/help"], {"ada.0": {"[a]"}})
    assert (outcome.lost(), outcome.duplicates(), outcome.order_violations()) == (0, 0, 0)


def test_a_missing_turn_or_an_unanswered_message_is_lost_once() -> None:
    assert _outcome(["/start", "/help"], ["/start"]).lost() == 1
    assert _outcome(["/start", "/help"], ["/start"], unanswered=1).lost() == 1      # the same message
    assert _outcome(["/start", "/help"], ["/start", "/help"], unanswered=1).lost() == 1


def test_a_turn_run_twice_or_two_answers_to_one_id_are_duplicates() -> None:
    assert _outcome(["/start", "/help"], ["/start", "/help", "/help"]).duplicates() == 1
    assert _outcome(["/start"], ["/start"], {"ada.0": {"[a]", "[b]"}}).duplicates() == 1


def test_the_same_turns_in_another_order_are_an_order_violation() -> None:
    outcome = _outcome(["/start", "/help"], ["/help", "/start"])
    assert (outcome.lost(), outcome.duplicates(), outcome.order_violations()) == (0, 0, 1)


def test_telegram_messages_beyond_the_recorded_replies_are_duplicates_and_those_missing_unsent() -> None:
    outcome = _outcome(["/start"], ["/start"])
    outcome.messages_due["ada"] = 2
    outcome.messages_sent["ada"] = 3
    assert (outcome.duplicates(), outcome.unsent()) == (1, 0)
    outcome.messages_sent["ada"] = 1
    assert (outcome.duplicates(), outcome.unsent()) == (0, 1)


def test_telegram_messages_count_the_chunks_and_pictures_send_reply_sends() -> None:
    replies = [Reply("a" * 5000), Reply("", images=["p.png"]), Reply("pick", options=["x", "y"])]
    assert telegram_messages(replies) == 2 + 1 + 1
