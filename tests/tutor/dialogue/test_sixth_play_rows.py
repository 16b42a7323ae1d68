"""Rows from a teacher's sixth play-through: "a genuinely hard day 2 question" is on Day 2; "what did we do last
time?" sums up the lessons reached; in the final project, a question instead of a part is answered and the part
asked again (it had been saved as the performance measure), a question instead of a pick is answered; whether to go
on to a day names the lessons not yet seen; "... gracias. what is next?" goes on; "let's do backprop" goes there; a
quiz right after a step prefers items the step does not answer; a claim put as a second question gets no definition."""
from __future__ import annotations

from nlp.types import AnswerHit
from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tests.tutor.test_dialogue import Chat

PICK = AnswerHit("d5-project-choose", "Let the data decide: ...", 0.7, False, "l3", (), "howto")


async def test_a_hard_question_on_a_named_day_is_on_that_day(chat: Chat) -> None:
    await chat("/lesson l1")
    await chat("that was too easy. give me a genuinely hard day 2 question before I move on")
    assert chat.pending().exercise_id == "ex-typed"                 # Day 2's item, not Day 1's


async def test_what_we_did_last_time_is_summed_up(chat: Chat) -> None:
    assert "no lessons on record" in await chat("hey, I'm back. what did we do last time?")
    await chat("/lesson l2")
    assert "• Gradient descent:" in await chat("ok but what did we cover last time exactly?")


async def test_a_question_instead_of_a_projects_part_is_answered_not_saved(chat: Chat) -> None:
    await chat("/project quote generation")
    await chat("ok")
    text = await chat("what's a sub-word token exactly?")
    assert "Noted" not in text and "Representation (how an example becomes numbers)?" in text
    assert set(chat.state().context["project"]["answers"]) == {"E"}


async def test_a_question_instead_of_a_pick_is_answered_and_the_pick_asked_again(scripted) -> None:  # noqa: F811
    message = "something with RNNs, doable in a weekend on a laptop. which one would you pick?"
    chat = await scripted({message: "ask_concept"}, {message: PICK})
    await chat("/project")
    text = await chat(message)
    assert PICK.answer in text and "didn't recognise" not in text and "Which one will it be?" in text


async def test_whether_to_go_on_names_the_lessons_not_yet_seen(chat: Chat) -> None:
    """"is ok if I go to Day 2 now? or I need finish day 1 first?" had got Day 2's goals and the progress table."""
    await chat("/lesson l1")
    text = await chat("is ok if I go to Day 2 now? or I need finish day 1 first?")
    assert "haven't seen “Gradient descent” (Day 1)" in text and chat.options == ["Study “Gradient descent”", "Start Day 2"]
    await chat("/lesson l2")
    assert "Yes, go ahead" in await chat("am I ready for day 2?")


async def test_what_is_next_after_other_words_goes_on_with_the_lesson(chat: Chat) -> None:
    """"ok now I understand, a line cant make a circle. gracias. what is next?" had got the circle answer again."""
    await chat("/lesson l2")
    assert "x ← x − λ·∇y" in await chat("ok now I understand, walk downhill. gracias. what is next?")


async def test_lets_do_a_topic_goes_to_it(scripted) -> None:  # noqa: F811
    """"never mind. let's do word2vec" in the LSTM lesson (read as "yes") had gone on to the LSTM lesson's next step."""
    message = "never mind. let's do backprop"
    chat = await scripted({message: "affirm"}, {})
    await chat("/lesson l1")
    assert "Backpropagation (1/3)" in await chat(message)


def test_an_item_the_step_just_shown_answers_word_for_word_is_an_echo() -> None:
    """"Why can an LSTM remember longer?" with the option "Its cell state is updated by addition, controlled by gates"
    right after the step that says so had only tested reading it again: such items go after the others."""
    from tutor.dialogue.moves.questions import echoes
    from tutor.dialogue.request_cues import stems
    from tutor.exercises import ExerciseSpec
    spec = ExerciseSpec("x", "choice", "lstm", "d4-lstm", 4, 2, {
        "prompt": "Why can an LSTM remember longer?", "answer": 2,
        "options": ["It has more layers", "Its cell state is updated by addition, controlled by gates"]})
    step = stems("Because the cell state is updated by addition and controlled by gates, gradients survive.")
    assert echoes(spec, step) and not echoes(spec, stems("Three gates, each a sigmoid between 0 and 1."))


async def test_a_claim_put_as_a_second_question_gets_no_definition_after_the_verdict(scripted) -> None:  # noqa: F811
    """"so for cats, E is the pictures and T is say cat or dog? P is the % correct?" had got "Yes: ..." and then P's
    definition as the answer to its "other question"."""
    message = "so for cats, E is the pictures and T is say cat or dog? P is the % correct?"
    verdict = AnswerHit("d1-confirm-cats-etp", "Yes: E is the labelled pictures ...", 0.8, False, "l1", ("etp",),
                        "confirm", "yes")
    card = AnswerHit("d1-what-is-p", "P, the performance measure, is the number ...", 0.8, False, "l1", ("etp",), "what")
    chat = await scripted({message: "ask_concept"}, {message: verdict, "P is the % correct?": card})
    await chat("/lesson l1")
    text = await chat(message)
    assert verdict.answer in text and card.answer not in text
