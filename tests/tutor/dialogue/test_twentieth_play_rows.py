"""Rows from a teacher's twentieth and twenty-first play-throughs (a pharmacist on Day 1, a civil engineer checking every
derivative by hand, a medical student on Day 3): a day named keeps to its own lessons, a day said again after a wrong
turn is gone to, the learner's own example is no request for one, a formula asked after a yes is shown, a parameter
count and a neuron's gradient worked by hand are judged, and the learner's own words missed are owned up to; and
from blind chit-chat set 34: requests inside small talk are done, a recap before leaving is given, sad words are sad."""
from __future__ import annotations

import re

import pytest

from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from nlp.types import AnswerHit
from tests.tutor.test_dialogue import Chat, build_curriculum
from tutor.dialogue.chat_cues import OWN_WORDS_MISSED
from tutor.dialogue.cues import EXAMPLE_GIVEN
from tutor.dialogue.request_cues import CORRECTS, FORMULA_ASKED
from tutor.neuron_sums import read_dense_count_claim, read_neuron_gradient_claim
from tutor.small_talk import SmallTalk, SmallTalkTopic

COMPLIMENT = SmallTalkTopic("compliment-bot", "bot", (re.compile(r"\bso smart\b", re.I),), (), ("Thank you! 😊",))


def with_small_talk(*topics: SmallTalkTopic):
    curriculum = build_curriculum()
    curriculum.small_talk = SmallTalk(topics)
    return curriculum


def test_a_day_named_keeps_to_its_own_lessons() -> None:
    """"I already know gradient descent ... start with Day 2" had opened Day 1's gradient descent lesson."""
    curriculum = build_curriculum()
    assert curriculum.lesson_titled("I know gradient descent already, start day 2 please", 2) is None
    assert curriculum.lesson_titled("gradient descent please").id == "l2"


async def test_a_day_said_again_after_a_wrong_turn_is_gone_to(chat: Chat) -> None:
    assert CORRECTS.search("No, excuse me, I said Day 2.") and CORRECTS.search("nein nein, I said day 3")
    await chat("/day 1")
    text = await chat("No, excuse me, I said Day 2. Gradient descent I use every week. Please neural networks.")
    assert "Backpropagation" in text and chat.state().lesson_id == "l3"


def test_the_learner_s_own_example_is_told_from_a_request_for_one() -> None:
    assert EXAMPLE_GIVEN.search("could it predict drug interactions? For example features like dose and age?")
    assert EXAMPLE_GIVEN.search("For one example with y = 0 and h = 0,9 I compute the cost as 0,105")
    assert not EXAMPLE_GIVEN.search("for example?") and not EXAMPLE_GIVEN.search("can you give me an example")


def test_a_formula_asked_for_is_read_and_plain_words_are_not() -> None:
    assert FORMULA_ASKED.search("Yes please teach me, I would like to see the actual formula written out.")
    assert FORMULA_ASKED.search("can you show me the equation")
    assert not FORMULA_ASKED.search("the formula is scary")


def test_a_dense_network_counted_in_words_is_read_with_its_slip() -> None:
    claim = read_dense_count_claim("12 sensor inputs, hidden layer of 8 neurons, then 1 output neuron. So 12·8 + 8 = "
                                   "104 for hidden, plus 8 + 1 = 9 for output, total 113 parameters. Correct?")
    assert claim.sizes == (12, 8, 1) and claim.said == claim.total == 113
    weights_only = read_dense_count_claim("4 inputs, hidden layer of 3 neurons, 2 outputs: so 4*3 + 3*2 = 18 parameters?")
    assert (weights_only.total, weights_only.slip()) == (23, "no biases")
    assert read_dense_count_claim("a Conv2D on 3 inputs with 8 filters and 1 output: 113 parameters") is None
    assert read_dense_count_claim("10 inputs, 5 hidden neurons, 1 output: 55 weights?") is None   # no total claimed


def test_a_neuron_s_gradient_is_judged_with_the_factor_left_out() -> None:
    claim = read_neuron_gradient_claim("one neuron: x = 2, w = 0,5, b = 0, y = 1, loss ½(a − y)². Then z = 1, a = 0,73, "
                                       "and ∂L/∂w = (0,73 − 1)·0,73·0,27 = −0,053. Is that right?")
    assert (claim.right(), claim.slip()) == (False, "no x") and "≈ -0.106" in claim.working()
    assert read_neuron_gradient_claim("x = 2, w = 0.5, b = 0, y = 1, L = 1/2(a-y)^2, dL/dw = -0.106?").right()
    squared = read_neuron_gradient_claim("x = 3, w = 0.5, y = 1, L = (a-y)^2, dL/dw = -0.082")
    assert (squared.gradient, squared.slip()) == (pytest.approx(-0.163, abs=1e-3), "no 2")
    assert read_neuron_gradient_claim("x=1, w=0, y=0, cross-entropy, dL/dw = 0.5 right?").right()
    assert read_neuron_gradient_claim("x = 2, w = 0.5, y = 1, relu, L = (a-y)^2, dL/dw = 1") is None


async def test_a_count_and_a_gradient_worked_by_hand_get_a_verdict_not_the_sums_alone(chat: Chat) -> None:
    text = await chat("12 sensor inputs, hidden layer of 8 neurons, then 1 output neuron. So 12·8 + 8 = 104 for hidden, "
                      "plus 8 + 1 = 9 for output, total 113 parameters. Correct?")
    assert text.startswith("Yes, 113 is right") and "only check the arithmetic" not in text
    text = await chat("x = 2, w = 0,5, b = 0, y = 1, loss ½(a − y)². Then z = 1, a = 0,73, and ∂L/∂w = "
                      "(0,73 − 1)·0,73·0,27 = −0,053. Is that right?")
    assert text.startswith("Not quite") and "∂z/∂w = x = 2" in text


def test_the_learner_s_own_words_missed_are_read() -> None:
    assert OWN_WORDS_MISSED.search("I literally said x3 lol. ok weiter")
    assert OWN_WORDS_MISSED.search("that's what I just said")
    assert not OWN_WORDS_MISSED.search("I said day 2") and not OWN_WORDS_MISSED.search("my teacher said so")


async def test_the_learner_s_own_words_missed_are_owned_up_to_and_the_lesson_goes_on(chat: Chat) -> None:
    await chat("/lesson l1")
    text = await chat("I literally said x3 lol. ok weiter")
    assert text.startswith(("You did say it, sorry", "You're right, you had it already")) and "Task T" in text


async def test_a_topic_named_beside_a_day_opens_its_lesson_unless_the_learner_knows_it(chat: Chat) -> None:
    """"hej! can we skip to day 4? i need word2vec for a school project" had opened Day 4 on RNNs."""
    await chat("skip to day 1 please, I know gradient descent already")
    assert chat.state().lesson_id == "l1"
    await chat("/lesson l3")
    await chat("skip to day 1, i need gradient descent for my project")
    assert chat.state().lesson_id == "l2"


async def test_a_day_remarked_on_with_a_question_open_keeps_the_question(scripted) -> None:
    chat = await scripted({"day 2 already?? time flies": "goto_day"}, {})   # as the trained NLU reads it
    await chat("/quiz gradient descent")
    asked = chat.state().pending
    text = await chat("day 2 already?? time flies")
    assert "Time flies" in text and "Back to your question" in text and chat.state().pending == asked


async def test_a_map_s_side_traced_by_the_learner_is_worked_out_layer_by_layer(chat: Chat) -> None:
    """"28x28 input, two stages of conv 3x3 then 2x2 max pooling, so the final map is 5x5. Correct?" had got the
    pooling card's key ideas."""
    text = await chat("28x28 input, two stages of conv 3x3 (valid) then 2x2 max pooling, so the final map is 5x5. Correct?")
    assert text.startswith("Yes, 5×5 is right") and "13×13, conv 3×3 → 11×11" in text
    assert "Pooling rounds down" in await chat("28x28 -> conv 3x3 -> maxpool 2x2 -> conv 3x3 -> maxpool 2x2 = 6x6, right?")


async def test_a_quiz_is_on_the_concept_named_after_quiz_me_on(chat: Chat) -> None:
    await chat("I know gradient descent well. Fine. Quiz me on backpropagation then.")
    assert chat.state().pending["exercise_id"] == "ex-typed"   # the backpropagation item, not gradient descent's


class _EveryOtherPart(dict):
    """Scripted answers: the conclusion's words get theirs, any other part of the message the other answer."""

    def get(self, key: str, default: AnswerHit | None = None) -> AnswerHit | None:
        return super().get(key, OTHER)


DERIVATION = AnswerHit("d1-derivation", "Differentiate 1/(1+e^-z) and split it: g(1 - g).", 0.8, False, "l3",
                       ("backpropagation",), "where_from")
OTHER = AnswerHit("d2-one-neuron", "One neuron's chain: dL/da · da/dz · dz/dw.", 0.8, False, "l3", ("backpropagation",),
                  "where_from")


async def test_a_question_answered_with_its_sums_is_not_answered_again(scripted) -> None:
    """"0,5 · 0,5 = 0,25. But where does this form come from?" had got the derivation, then a second answer."""
    message = "At z = 0 this gives 0,5 · 0,5 = 0,25. But where does this form come from? Why does mine look different?"
    chat = await scripted({message: "ask_concept"},
                          _EveryOtherPart({"But where does this form come from? Why does mine look different?": DERIVATION}))
    text = await chat(message)
    assert DERIVATION.answer in text and OTHER.answer not in text


def test_an_answer_with_an_aside_in_brackets_before_a_question_leads_the_message() -> None:
    from tutor.dialogue.request_cues import LEADING_ANSWER
    assert LEADING_ANSWER.match("0. (was testing you 😏) how would I write this neuron in keras?")[1] == "0"
    assert LEADING_ANSWER.match("3, but why is b learned?")[1] == "3"


async def test_a_right_answer_before_a_question_in_brackets_is_graded(chat: Chat) -> None:
    await chat("/quiz etp")
    text = await chat("2. (was testing you 😏) how would I measure it in code?")
    assert chat.state().pending is None and "Correct" in text


# -- blind chit-chat set 34 ------------------------------------------------------------------------------------------

def test_news_of_being_somewhere_is_said_back_with_its_verb() -> None:
    from tutor.dialogue.echo import news_said_back
    assert news_said_back("finally on holiday next week, can't wait") == "you're finally on holiday next week"
    assert news_said_back("just got promoted!!") == "you just got promoted"


def test_chat_cues_from_the_blind_set() -> None:
    from tutor.dialogue.chat_cues import ASKS_FOR_THE_COURSE, BLAMES_THE_BOT, FEELING_BAD, LEAVING_AS_A_CONDITION
    from tutor.dialogue.request_cues import PLAIN_WORDS
    assert ASKS_FOR_THE_COURSE.search("good morning! ready when you are")
    assert ASKS_FOR_THE_COURSE.search("you're so smart wow, ok next part please")
    assert ASKS_FOR_THE_COURSE.search("helo, i am from brasil, nice to meet you, we can start please?")
    assert LEAVING_AS_A_CONDITION.search("gotta run in 10 min, can we do a quick recap before I go?")
    assert BLAMES_THE_BOT.search("wow, amazing, you totally didn't just ignore what I said")
    assert FEELING_BAD.search("life's just a lot right now tbh") and not FEELING_BAD.search("I'm learning a lot right now")
    assert not PLAIN_WORDS.search("I used to hate math in school") and PLAIN_WORDS.search("I hate math")


async def test_a_recap_asked_before_leaving_is_given_not_a_goodbye(scripted) -> None:
    message = "gotta run in 10 min, can we do a quick recap before I go?"
    chat = await scripted({message: "goodbye"}, {})
    assert "Bye for now" not in await chat(message)


async def test_small_talk_beside_the_course_asked_for_says_both(scripted) -> None:
    message = "you're so smart wow, ok next part please"
    chat = await scripted({message: "smalltalk"}, {}, curriculum=with_small_talk(COMPLIMENT))
    text = await chat(message)
    assert "Thank you! 😊" in text and "Day 1" in text


def test_a_choice_between_trainings_is_no_order_to_run_a_lab() -> None:
    from tutor.dialogue.lab_cues import CHOICE_ASKED
    assert CHOICE_ASKED.search("i have ~5000 npc dialogue lines. train lstm from scratch or finetune small gpt? which one")
    assert not CHOICE_ASKED.search("train the lstm with 3 epochs")


def test_a_word_in_quotes_is_mentioned_not_meant() -> None:
    """"how does the network know what the word "terrible" means?" had got "I'm sorry to hear that"."""
    from tutor.dialogue.cues import read_acts
    assert "feeling_bad" not in read_acts('how does the network know what the word "terrible" means, it is just letters?')
    assert "feeling_bad" in read_acts("I feel terrible today")


def test_a_question_about_the_learner_is_no_restatement() -> None:
    from tutor.dialogue.knowledge_signals import ABOUT_THE_LEARNER
    assert ABOUT_THE_LEARNER.search("my python is basic, but you didnt answer, am I too old?")
    assert not ABOUT_THE_LEARNER.search("so backprop is: guess, measure the error, go backwards. right?")
