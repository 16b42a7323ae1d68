"""Rows from a teacher's seventeenth play-through (a French radiographer, a backend engineer asking for derivations, a
maths-anxious psychology student) and from blind chit-chat set 32: a day remarked on is not a question about its
goals, a topic asked for beside small talk is taught, a question beside a "merci" is answered, one question said in
two sentences gets one answer, a trace of sizes is no parameter count, and the insults and chat the set found."""
from __future__ import annotations

import logging
import re

from bot.cli import configure_logging
from nlp.answers import _learners_own_thing
from nlp.types import AnswerHit
from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tests.tutor.test_dialogue import chat  # noqa: F401 - the fixture
from tests.tutor.test_dialogue import build_curriculum
from tutor.dialogue.cues import INSULT
from tutor.dialogue.knowledge_signals import _DUMMY_IT
from tutor.dialogue.request_cues import DAY_REMARKED, TOPIC_ASKED_BY_NAME
from tutor.dialogue.wording import _with_bare_follow_ups_joined
from tutor.layer_sums import read_layer_sums
from tutor.small_talk import SmallTalk, SmallTalkTopic

THANKS = SmallTalkTopic("thanks-other-language", "learner", (re.compile(r"\bmerci\b", re.I),), (),
                        ("You're welcome! 😊", "De rien! 😊"))
EXAM = SmallTalkTopic("exam-stress", "learner", (re.compile(r"\bexam\b.*\btomorrow\b", re.I),), (),
                      ("Good luck with the exam! 🍀", "You've got this! 💪"))


def with_small_talk(*topics: SmallTalkTopic):
    curriculum = build_curriculum()
    curriculum.small_talk = SmallTalk(topics)
    return curriculum


def test_a_day_remarked_on_is_told_apart_from_a_question_about_it() -> None:
    assert DAY_REMARKED.search("day 3 already?? time flies") and DAY_REMARKED.search("Goodness, Day 2 already?")
    assert not DAY_REMARKED.search("is day 2 already about backprop?")
    assert not DAY_REMARKED.search("what is day 3 about?")


async def test_a_day_remarked_on_gets_the_remark_answered_not_the_day_s_goals(scripted) -> None:
    chat = await scripted({}, {})
    reply = await chat("day 2 already?? time flies")
    assert "Time flies" in reply and "Its goals" not in reply
    assert "haven't started" in reply   # a new learner is told where they are
    await chat("/day 2")
    reply = await chat("Goodness, Day 2 already?")
    assert "Yes, Day 2 already" in reply


def test_a_topic_asked_for_by_name_is_read_and_a_request_for_help_is_not() -> None:
    assert TOPIC_ASKED_BY_NAME.search("can we do the gradient descent part, my friend said its important")["part"].strip() \
        == "gradient descent"
    assert TOPIC_ASKED_BY_NAME.search("gradient descent please")["named"] == "gradient descent"
    assert not any(TOPIC_ASKED_BY_NAME.search(text) for text in ("the answer please", "a hint please", "next lesson pls",
                                                                  "quiz me please"))


async def test_small_talk_beside_a_topic_asked_for_says_both(scripted) -> None:
    chat = await scripted({}, {}, curriculum=with_small_talk(EXAM))
    reply = await chat("so tired, exam tomorrow. can we do the gradient descent part?")
    assert reply.startswith(EXAM.replies[0]) and "Walk downhill." in reply


async def test_a_question_beside_a_merci_is_answered(scripted) -> None:
    message = "merci. question: do I have to divide the pixels by 4095 before the CNN?"
    hit = AnswerHit("d3-pixel-scaling", "Yes: scale the pixels to 0-1 first.", 0.7, False, "l1", ("etp",), "howto")
    chat = await scripted({message: "thanks"}, {message: hit}, curriculum=with_small_talk(THANKS))
    reply = await chat(message)
    assert THANKS.replies[0] in reply and hit.answer in reply


async def test_plain_words_asked_with_the_course_starts_it(scripted) -> None:
    message = "sorry, im really bad at maths... can we start from the beginning?"
    chat = await scripted({message: "start_lesson"}, {})
    reply = await chat(message)
    assert "What learning means" in reply and "Welcome back" not in reply


def test_one_question_in_two_sentences_is_one_question() -> None:
    assert _with_bare_follow_ups_joined(["and max pooling?", "what is it"]) == ["and max pooling? what is it"]
    assert len(_with_bare_follow_ups_joined(["why do we need the activation?", "why not just stack the sums"])) == 1
    assert len(_with_bare_follow_ups_joined(["what is overfitting?", "and how do I fix it?"])) == 2


def test_a_trace_of_sides_is_no_parameter_count() -> None:
    sums = read_layer_sums("ok so for 2048 I do pooling many times, 2048 -> 1024 -> 512... . Can I use a CNN on my "
                           "x-rays? with how many images?", None)
    assert sums is None or not sums.claims
    claimed = read_layer_sums("MaxPooling2D((2,2)) on 28x28x32: 14x14x32, right?", None)
    assert claimed is not None and claimed.claims


def test_a_question_with_a_dummy_it_reads_as_its_own() -> None:
    assert _DUMMY_IT.search("is it necessary to normalise the pixels before the CNN?")
    assert not _DUMMY_IT.search("how do I fix it?")


def test_insults_in_other_words_are_insults() -> None:
    assert INSULT.search("this bot is so annoying omg") and INSULT.search("are you stupid or just pretending")
    assert not INSULT.search("am I too stupid for this?") and not INSULT.search("are you smart enough to grade this?")


def test_the_learner_s_own_software_is_their_thing_not_a_method() -> None:
    assert _learners_own_thing("PACS", "is a kernel like a filter in our PACS software (sharpening)?")
    assert not _learners_own_thing("LoRA", "what is LoRA fine-tuning?")


def test_library_housekeeping_stays_out_of_the_conversation() -> None:
    configure_logging("INFO")
    assert logging.getLogger("matplotlib").getEffectiveLevel() >= logging.WARNING
    configure_logging("DEBUG")
    assert logging.getLogger("matplotlib").getEffectiveLevel() >= logging.WARNING


def test_the_harder_backprop_item_goes_through_two_layers() -> None:
    import math
    import random

    from tutor.generators import GENERATORS
    question = GENERATORS["chain_rule"](random.Random(0), {"layers": 2, "x": 1, "w1": 1.5, "b1": 0.5, "w2": -1, "b2": 0,
                                                            "y": 1})
    a = 1 / (1 + math.exp(2))   # z1 = 2, h = 2, z2 = -2
    assert "∂L/∂w1" in question.prompt and question.check(f"{(a - 1) * a * (1 - a) * -1 * 1:.2f}").correct
    assert not question.check(f"{(a - 1) * a * (1 - a) * 1:.2f}").correct   # w2 left out of the chain


def test_how_the_tutor_is_is_said_only_where_it_was_asked() -> None:
    from tutor.dialogue.cues import answers_another_act, read_acts
    cairo = "Salam! Greetings from Cairo. Do you know it is 40 degrees here today?"
    said = "Hi! All good here, thanks for asking. Ready to learn something new?"
    assert answers_another_act(read_acts(cairo), said, cairo)
    assert not answers_another_act(read_acts("hey there, how's it going"), said, "hey there, how's it going")


def test_how_the_tutor_is_asked_back_beside_news_is_read() -> None:
    from tutor.dialogue.cues import HOW_I_AM_ASKED_BACK
    assert HOW_I_AM_ASKED_BACK.search("Ciao!! I just eat a pizza and now I am very happy, and you?")
    assert HOW_I_AM_ASKED_BACK.search("just got off a 12 hour night shift, my feet are screaming, how's your day going")
    assert not HOW_I_AM_ASKED_BACK.search("I like cats, and you?")


async def test_an_answer_with_is_that_right_is_graded_not_the_item_before(chat) -> None:
    await chat("/quiz etp")
    assert "Correct" in await chat("I'm not sure of the notation, but I would guess the performance measure, option 2. Is "
                                    "that right?")


def test_the_number_claimed_is_read_among_numbers_about_the_working() -> None:
    from tutor.question import Question
    question = Question("typed", "stride_padding", "How wide is the output?", [], "3", [], "")
    assert question.check("ohh the +1. ok its 3. but ur hint was wrong, my padding was fine, the problem was the +1").correct
    assert not question.check("its 2 or its 3").understood


def test_an_explanation_for_someone_else_turns_no_plain_words_on() -> None:
    from tutor.dialogue.request_cues import FOR_SOMEONE_ELSE, PLAIN_WORDS
    message = "How would I explain backpropagation to my pupils without any calculus?"
    assert PLAIN_WORDS.search(message) and FOR_SOMEONE_ELSE.search(message)
    assert not FOR_SOMEONE_ELSE.search("can you explain it without the maths please")


def test_pooling_named_twice_is_one_layer_and_a_why_is_no_sums() -> None:
    from tutor.layer_sums import read_layer_stack
    assert read_layer_stack("whatever. pooling then. max pooling 2x2 has 4 params per channel right") is None
    before = read_layer_sums("Conv2D(32, (3,3)) on a 32x32x3 image: 288 params?", None).layer
    assert read_layer_sums("u just copy pasted the same thing. WHY does each channel 3x3 get its own weights??",
                           before) is None


def test_an_angry_customer_is_no_bad_mood_of_the_learner() -> None:
    from tutor.dialogue.cues import read_acts
    assert "feeling_bad" not in read_acts("Nice, this I understand. But still: angry customer, yes or no?")
    assert "feeling_bad" in read_acts("i am so angry today")


def test_an_option_in_slang_then_a_question_is_the_pick() -> None:
    from tutor.question import Question
    options = ["Unlabelled pictures grouped by similarity", "The test set", "Labelled examples", "Rewards for its actions"]
    question = Question("rl-learns-from", "reinforcement_learning", "What does a reinforcement-learning agent learn from?",
                        options, "Rewards for its actions", [], "")
    assert question.check("rewards ez 😎 did alphago learn like that too or did ppl teach it").correct
    assert question.check("from rewards").correct
    assert not question.check("labelled ez").correct


def test_something_about_a_topic_asks_whether_it_is_taught() -> None:
    from tutor.dialogue.request_cues import ASKS_IF_COVERED
    assert ASKS_IF_COVERED.search("day 1 sounds boring 😴 is there smth about alphago?")
    assert ASKS_IF_COVERED.search("do you have anything on GANs")


def test_a_trace_of_sides_after_several_layers_is_no_layer() -> None:
    assert read_layer_sums("I asked whether 5x5 is correct. 28 -> 26 -> 13 -> 11 -> 5 (the 11 is odd, so pooling floors "
                           "to 5). Yes or no?", None) is None


async def test_a_pick_in_slang_then_a_question_gets_the_verdict_and_the_answer(scripted) -> None:
    message = "the performance measure ez 😎 and what is E then?"
    e_hit = AnswerHit("d1-e", "E is the experience: the examples the program learns from.", 0.8, False, "l1", ("etp",),
                      "what")
    chat = await scripted({message: "ask_concept"}, {"and what is E then?": e_hit})
    await chat("/quiz etp")
    reply = await chat(message)
    assert "Correct" in reply and e_hit.answer in reply


async def test_a_day_gone_to_beside_small_talk_and_a_question_goes_there(scripted) -> None:
    message = "hey, exam tomorrow. can we skip to day 2? what do i need it for?"
    hit = AnswerHit("d2-why", "Day 2 teaches how networks learn.", 0.9, False, "l3", ("backpropagation",), "why")
    chat = await scripted({message: "goto_day"}, {message: hit}, curriculum=with_small_talk(EXAM))
    assert "Errors flow backwards." in await chat(message)
