"""Questions answered in the thread of what is being taught: an answer about the lesson or concept in hand is
given below the confidence a question out of the blue needs, whatever intent the NLU read the message as (a
question, chat, "explain again", a quiz request for code); a card or answer that would name the open question's
right option waits until it is answered; "you didn't say" is owned up to; encouragement is for struggling only."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.core import open_core
from nlp.types import Analysis, AnswerContext, AnswerHit, IntentScore
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw, read_as
from tutor.dialogue import chat_texts, texts
from tutor.dialogue.chat_cues import CLAIM_TO_CHECK
from tutor.dialogue.moves.talk import asks_back

STEP_SIZE = AnswerHit("d1-step-size", "Yes: any step size works if it is small enough to converge.", 0.25, False,
                      "l2", ("gradient_descent",), "what")
CODE = AnswerHit("d1-gd-code", "w = w - lr * grad(w), repeated until the loss stops falling.", 0.5, False, "l2",
                 ("gradient_descent",), "howto")
WHY_NOT_TASK = AnswerHit("d1-why-not-t", "The task is what is done, not how well.", 0.8, False, "l1", ("etp",), "why")
WHY_NAMING_IT = AnswerHit("d1-why-p", "Because P is the performance measure.", 0.8, False, "l1", ("etp",), "why")


class ScriptedNLU(RuleNLU):
    """The rule NLU, with messages read as the intent ``intents`` gives and answered from ``hits``."""

    def __init__(self, intents: dict[str, str], hits: dict[str, AnswerHit]) -> None:
        super().__init__()
        self.intents, self.hits = intents, hits
        self.components = {"answers": None}

    def __call__(self, text: str) -> Analysis:
        analysis = RuleNLU.__call__(self, text)
        return read_as(analysis, self.intents[text]) if text in self.intents else analysis

    def answer(self, text: str, context: AnswerContext | None = None) -> AnswerHit | None:
        return self.hits.get(text)


@pytest.fixture
async def scripted(tmp_path: Path):
    cores = []

    async def make(intents: dict[str, str], hits: dict[str, AnswerHit], curriculum=None) -> Chat:
        core = open_core(None, tmp_path / f"t{len(cores)}.db", pipeline=ScriptedNLU(intents, hits),
                         curriculum=curriculum or build_curriculum(), draw=fake_draw)
        cores.append(core)
        return Chat(core)

    yield make
    for core in cores:
        await core.close()


async def test_an_unsure_answer_about_the_lesson_in_hand_is_given_there_and_only_there(scripted) -> None:
    message = "can I use 0.9 instead?"
    chat = await scripted({message: "ask_concept"}, {message: STEP_SIZE})
    await chat("/lesson l2")
    assert await chat(message) == STEP_SIZE.answer
    other = await scripted({message: "ask_concept"}, {message: STEP_SIZE})
    await other("/lesson l1")
    assert STEP_SIZE.answer not in await other(message)


async def test_a_question_on_the_lesson_read_as_chat_gets_the_course_s_answer(scripted) -> None:
    message = "can it be something else?"
    chat = await scripted({message: "smalltalk"}, {message: STEP_SIZE})
    await chat("/lesson l2")
    assert await chat(message) == STEP_SIZE.answer


async def test_code_asked_for_is_given_not_a_quiz(scripted) -> None:
    chat = await scripted({"give me the code for gradient descent": "quiz"},
                          {"give me the code for gradient descent": CODE})
    await chat("/lesson l2")
    assert await chat("give me the code for gradient descent") == CODE.answer
    assert chat.state().pending is None


async def test_a_why_question_read_as_explain_again_is_answered_during_its_quiz(scripted) -> None:
    message = "wait, why is the task not P?"
    chat = await scripted({message: "repeat"}, {message: WHY_NOT_TASK})
    await chat("/quiz etp")                                  # "In E/T/P, what is P?"
    text = await chat(message)
    assert text.startswith(WHY_NOT_TASK.answer) and "Back to your question" in text   # not the next hint


async def test_an_answer_naming_the_right_option_waits_though_read_as_explain_again(scripted) -> None:
    message = "wait, why do we need P?"
    chat = await scripted({message: "repeat"}, {message: WHY_NAMING_IT})
    await chat("/quiz etp")
    text = await chat(message)
    assert WHY_NAMING_IT.answer not in text and "as soon as you've had a go" in text


async def test_the_card_of_the_quizzed_concept_waits_when_it_names_the_right_option(scripted) -> None:
    curriculum = build_curriculum()
    etp = curriculum.concepts["etp"]
    curriculum.concepts["etp"] = replace(etp, definition="E is the data, T the task, P the performance measure.")
    chat = await scripted({}, {}, curriculum)
    await chat("/quiz etp")
    text = await chat("what is etp")
    assert "performance measure" not in text and "as soon as you've had a go" in text
    text = await chat("2")                                   # answered: the card comes now
    assert text.index("Correct") < text.index("E is the data, T the task, P the performance measure.")


async def test_the_card_that_names_no_option_is_given_during_the_quiz(scripted) -> None:
    chat = await scripted({}, {})
    await chat("/quiz etp")
    assert "Mitchell's definition of learning." in await chat("what is etp")


async def test_you_didnt_say_is_owned_up_to_first(scripted) -> None:
    chat = await scripted({}, {})
    await chat("/lesson l1")
    text = await chat("you didnt say what P is")
    assert text.splitlines()[0] in chat_texts.SORRY_MISSED


@pytest.mark.parametrize("message, encouraged", [
    ("I'm not confused at all. go to day 2", False),        # negative words, no struggle
    ("ugh I am lost, this is too hard", True),
])
async def test_encouragement_is_for_struggling_only(scripted, message: str, encouraged: bool) -> None:
    chat = await scripted({}, {})
    await chat("/lesson l1")
    first_line = (await chat(message)).splitlines()[0]
    assert any(first_line.startswith(text) for text in texts.ENCOURAGE) is encouraged


async def test_how_are_you_with_a_hello_is_chat_not_the_course_s_answer(scripted) -> None:
    message = "hello! how are you today?"
    chat = await scripted({message: "greet"}, {message: replace(CODE, confidence=0.8)})
    assert CODE.answer not in await chat(message)


@pytest.mark.parametrize("message", ["oh ok this is better. so for my shop, E is the old sales?",
                                     "is that like the computer making a mistake too?"])
def test_claims_later_in_the_message_or_by_likeness_are_claims_to_check(message: str) -> None:
    assert CLAIM_TO_CHECK.search(message)


def test_a_line_that_invites_more_is_not_followed_by_back_to_the_course() -> None:
    assert asks_back("😂 That's a good one! Tell me more.") and not asks_back("That's a good one!")


async def test_it_right_after_a_card_is_that_concept_not_another_answer(scripted) -> None:
    backprop = AnswerHit("d2-why-bp", "Because one backward pass gives every derivative.", 0.9, False, "l3",
                         ("backpropagation",), "why")
    chat = await scripted({}, {"why do we need it?": backprop})
    await chat("what is gradient descent")
    assert backprop.answer not in await chat("why do we need it?")      # "it" is gradient descent
    assert chat.state().lesson_id == "l2"                               # its lesson, from the start


@pytest.mark.parametrize("message, asks", [
    ("show me a picture of it", True), ("can you plot the sigmoid", True), ("draw it", True), ("picture please", True),
    ("so for the cats, E is the pictures with labels, T is say cat or dog?", False),   # the word, not a request
    ("I ask if the mountain picture is a good comparison for gradient descent", False),
])
def test_a_picture_is_asked_for_by_a_request_not_by_the_word(message: str, asks: bool) -> None:
    from tutor.dialogue.cues import PICTURE_REQUEST
    assert bool(PICTURE_REQUEST.search(message)) is asks


async def test_thanks_with_a_question_to_the_tutor_answers_both(scripted) -> None:
    chat = await scripted({"thanks that helps! what's your favourite neural network?": "thanks"}, {})
    await chat("/lesson l1")
    text = await chat("thanks that helps! what's your favourite neural network?")
    assert "favourite neural network?" in text.lower()              # the question answered, not only the thanks


async def test_a_likeness_read_as_explain_again_is_a_claim_to_compare(scripted) -> None:
    message = "so it's like walking down a mountain in the fog?"
    chat = await scripted({message: "repeat"}, {})
    await chat("/lesson l2")
    text = await chat(message)
    assert text.startswith("I can't check that sentence word for word") and "Walk downhill." in text


@pytest.mark.parametrize("message, sad", [("always the step where it goes down most?", False),
                                          ("feeling a bit down today", True), ("I'm so down", True)])
def test_down_is_a_mood_only_when_someone_feels_it(message: str, sad: bool) -> None:
    from tutor.dialogue.cues import read_acts
    assert ("feeling_bad" in read_acts(message)) is sad      # "goes down most" had got "everyone finds this hard"


async def test_no_i_mean_with_a_question_is_a_correction_not_a_no(scripted) -> None:
    message = "no I mean careers. which one fits me?"   # the knowledge base reads what is meant, "no I mean" left out
    chat = await scripted({message: "deny"}, {"careers. which one fits me?": replace(CODE, answer="Data scientist or "
                                                                                              "ML engineer.")})
    await chat("/lesson l2")
    assert await chat(message) == "Data scientist or ML engineer."


@pytest.mark.parametrize("confidence, given", [(0.33, False), (0.8, True)])
async def test_a_verdict_on_the_learner_s_claim_only_when_sure(scripted, confidence: float, given: bool) -> None:
    message = "so it's like memorizing the homework?"
    verdict = AnswerHit("d1-confirm-memorises", "Not quite: memorising is what we do not want.", confidence, False,
                        "l2", ("gradient_descent",), "confirm", verdict="no")
    chat = await scripted({message: "smalltalk"}, {message: verdict})
    await chat("/lesson l2")
    assert ((await chat(message)) == verdict.answer) is given     # unsure: the claim compared with the course


async def test_a_day_skipped_is_no_destination(scripted) -> None:
    chat = await scripted({}, {})
    assert "Day 2: Neural networks." in await chat("I know this stuff. skip day 1, go to day 2")


async def test_teach_me_read_as_a_quiz_request_teaches(scripted) -> None:
    chat = await scripted({"can you teach me gradient descent now?": "quiz"}, {})
    assert "Walk downhill." in await chat("can you teach me gradient descent now?")
    assert chat.state().pending is None                               # a lesson, no question posed


@pytest.mark.parametrize("message, harder, struggling", [
    ("more data (number 3), because then is harder to memorise all", False, False),   # an answer's reason
    ("I know this. Give me a hard numeric backprop question.", True, False),
    ("Numeric question: conv output shapes and parameter counts. Hard.", False, False),
])
def test_hard_in_a_request_or_a_reason_is_no_struggle(message: str, harder: bool, struggling: bool) -> None:
    from tutor.dialogue.chat_cues import NOT_STRUGGLING, STRUGGLE
    from tutor.dialogue.cues import ASKS_HARDER
    assert bool(ASKS_HARDER.search(message)) is harder
    assert (bool(STRUGGLE.search(message)) and not NOT_STRUGGLING.search(message)) is struggling


def test_a_yes_or_no_question_after_and_asks_to_confirm() -> None:
    from tutor.dialogue.cues import ASKS_TO_CONFIRM
    assert ASKS_TO_CONFIRM.search("and do I need a PhD to be an ML engineer?")   # a "No: ..." entry may answer it
    assert not ASKS_TO_CONFIRM.search("and what is a PhD for?")


async def test_stop_quiz_ends_the_question_without_a_miss(scripted) -> None:
    chat = await scripted({}, {})
    await chat("/quiz etp")
    await chat("stop quiz")
    assert chat.state().pending is None and chat.state().misses == 0   # it had been graded as a wrong answer


async def test_progress_asked_among_thanks(chat: Chat) -> None:
    await chat("/lesson l1")
    text = await chat("thanks, this week was really fun, how far did i get?")
    assert "welcome" not in text.lower() and text == (await chat("/progress"))


class UnsureNLU(RuleNLU):
    """Reads every message as two weak guesses, the second one "out of scope"."""

    def __call__(self, text: str) -> Analysis:
        analysis = RuleNLU.__call__(self, text)
        analysis.intent = IntentScore("goto_day", 0.35)
        analysis.intent_ranking = [analysis.intent, IntentScore("out_of_scope", 0.3)]
        return analysis


async def test_a_clarifying_question_offers_something_else_once(tmp_path: Path) -> None:
    """"Is P the percentage, yes or no?" had got "Did you want to…" with "Something else" twice (the out-of-scope
    guess carries that label)."""
    core = open_core(None, tmp_path / "t.db", pipeline=UnsureNLU(), curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    await chat("the task")
    assert chat.options == ["Jump to a day or topic", "Something else"]
    await core.close()
