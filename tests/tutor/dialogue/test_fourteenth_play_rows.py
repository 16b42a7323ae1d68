"""Rows from a teacher's fourteenth play-through (a high-school teacher planning a unit, a Brazilian analyst with his
own text project, a barista changing careers) and from the misses of blind chit-chat set 29: an option picked inside a
longer message is graded ("ok ty. um for the question... the validation ones? bc ..."), an answer before a day asked
for is graded first, the lesson in hand goes on when asked by its name, an offered option said in a sentence is
taken, a plain-words request is never "the answer I just gave"; a nod or a reaction as a first message is answered in
kind, praise is thanked, a question about the bot's feelings is no bad news."""
from __future__ import annotations

from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tutor.answers import match_option, option_in_one_clause, stated_answer
from tutor.curriculum import Curriculum
from tutor.dialogue.chat_cues import (
    ASKS_HOW_THE_BOT_FEELS, BLAMES_THE_BOT, COMPLIMENT, JUST_ME, LEAVING_AS_A_CONDITION, NOD, REACTION,
)
from tutor.dialogue.lab_cues import TRAIN_ORDER
from tutor.dialogue.option_signals import _label_inside, _numbered_first
from tutor.dialogue.request_cues import (
    ASKS_IF_COVERED, CONTINUE_THE_LESSON, CORRECTS, QUIZ_ASKED, QUIZ_BY_SOMEONE_ELSE, SUMMARY_ASKED,
)

SEMINAR = Curriculum.load()


def topic_ids(messages: dict[str, str]) -> dict[str, str | None]:   # each message's small-talk topic
    return {message: getattr(SEMINAR.small_talk.find(message), "id", None) for message in messages}
SPLITS = ["training", "validation", "same"]
P_OPTIONS = ["The labelled pictures the program learns from", "The number of pixels in each picture",
             "The percentage of pictures classified correctly", "The function f from pictures to labels"]


def test_an_option_named_in_one_clause_of_a_longer_message_is_the_pick() -> None:
    said = "ok ty. um for the question... the validation ones? bc the orange line is higher in the left picture"
    assert option_in_one_clause(said, SPLITS) == 1
    assert option_in_one_clause("ok i looked again, the right one says accuracy and the blue training line is higher "
                                "at the end, like 0.93 vs 0.86. so its the training points?", SPLITS) == 0
    assert option_in_one_clause("ah I forgot the minus, my bad. this one is overfitting, classic",
                                ["underfitting", "a good fit", "overfitting"]) == 2
    assert option_in_one_clause("ohh ok so its the score. the percent it gets right", P_OPTIONS) == 2


def test_a_clause_that_asks_doubts_or_names_two_options_picks_nothing() -> None:
    assert option_in_one_clause("I don't get overfitting. can you explain it again?",
                                ["underfitting", "overfitting"]) is None
    assert option_in_one_clause("hmm, training or validation? no idea", SPLITS) is None
    assert option_in_one_clause("the training line is lower, the validation line is higher", SPLITS) is None


def test_what_the_learner_meant_and_the_correct_answer_said_are_read() -> None:
    assert match_option("?? i meant 3 lol", P_OPTIONS) == 2
    assert stated_answer("I wanted to see how you react. The correct answer is 2 times 4 times 3 = 24.") == \
        "2 times 4 times 3 = 24."


async def test_an_answer_before_a_day_asked_for_is_graded_then_the_day_starts(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/quiz experience_task_performance")
    text = await chat("3 😤 and then can we pls start day 2, im tired of this one")
    assert text.startswith("Not quite") and "Here is the worked answer" in text
    assert "Day 2: Neural networks and backpropagation." in text


async def test_the_lesson_in_hand_goes_on_when_asked_by_its_name(scripted) -> None:
    message = "Very well. Please continue with the backpropagation lesson."
    chat = await scripted({message: "ask_concept"}, {}, curriculum=SEMINAR)
    await chat("/lesson d2-backprop")
    assert (await chat(message)).startswith("Chain rule:")   # the lesson's second step, not the entry again
    assert CONTINUE_THE_LESSON.search("ok forget, continue the RNN lesson")


def test_an_offered_option_said_in_a_sentence_is_taken() -> None:
    labels = ["Teach me this lesson", "Quiz me on neuron"]
    assert _label_inside("Yes, please teach me that lesson from the beginning.", labels) == 0
    assert _label_inside("quiz me on neurons later maybe", labels) is None
    assert _numbered_first("Number 2 is indeed one I have heard from a student, so please answer that one.", 3) == 1


def test_a_request_s_words_said_of_something_else_ask_nothing() -> None:
    assert not ASKS_IF_COVERED.search("covered for a sick coworker, then picked up my son")
    assert not SUMMARY_ASKED.search("just talk to me. No bullet points, no great question")
    assert QUIZ_ASKED.search("she will quiz me at breakfast") and QUIZ_BY_SOMEONE_ELSE.search("she will quiz me at breakfast")
    assert not QUIZ_BY_SOMEONE_ELSE.search("quiz me on day 2 please")
    assert not BLAMES_THE_BOT.search("I gave you the wrong answer on purpose")
    assert BLAMES_THE_BOT.search("wrong answer, I asked about CNNs")


def test_a_run_asked_in_a_later_clause_is_a_lab_order() -> None:
    assert TRAIN_ORDER.search("the lstm one, sentiment is close to complaints. run it with 5 epochs")
    assert not TRAIN_ORDER.search("how do I run it on my laptop")


async def test_is_that_right_after_own_words_on_another_thing_is_no_verdict_on_the_last_item(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/quiz experience_task_performance")
    await chat("the percentage of pictures classified correctly")
    assert "the last question was" not in await chat("embedding -> RNN -> dense(8, softmax). is it right for complaints?")
    assert "the last question was" in await chat("so for me E = the labelled pictures, P = the percentage. is it right?")


def test_a_laughing_correction_is_read() -> None:
    assert CORRECTS.match("lmaooo no i meant a college degree 😂 like a university diploma")


def test_a_nod_or_a_reaction_as_a_first_message_is_no_request() -> None:
    assert all(NOD.match(text) for text in ("k", "👍", "ok 👍", "okay!"))
    assert not NOD.match("ok so what is a neuron") and not NOD.match("???")
    assert all(REACTION.match(text) for text in ("no worries", "haha yes, exactly, same", "that's fair", "🤔"))


def test_praise_said_in_other_words_is_a_compliment() -> None:
    for praise in ("you're honestly the most patient teacher I've ever had", "love the way you explain things",
                   "you actually helped me a lot"):
        assert COMPLIMENT.search(praise), praise


def test_a_condition_a_feeling_asked_of_the_bot_and_a_doubt_are_read_as_such() -> None:
    assert LEAVING_AS_A_CONDITION.search("make me laugh or I'm going to bed")
    assert not LEAVING_AS_A_CONDITION.search("good night, I'm going to bed")
    assert ASKS_HOW_THE_BOT_FEELS.search("Do you get lonely when nobody is chatting with you at night?")
    assert not ASKS_HOW_THE_BOT_FEELS.search("I get lonely at night, do you understand?")
    assert JUST_ME.search("can bots be sarcastic or is that just me")


def test_set_29_s_kinds_find_their_small_talk() -> None:
    expected = {
        "do you like music? what would you listen to if you had ears": "bot-music",
        "if you were a sandwich what kind would you be": "if-you-were-a-thing",
        "the cat is sitting on my keyboard again, if I type weird that's why": "pet-on-the-keyboard",
        "sory for late reply, my internet was brokn": "late-reply",
        "I promise I'll study after this episode of my show, just one more": "one-more-episode",
        "can bots be sarcastic or is that just me": "bot-sarcastic",
        "ok tchau, I continue day 4 tomorrow. you save my progress?": "progress-saved",
        "wait is there an actual person on the other end of this or nah": "human-reading",
        "Good afternoon sir, I am hoping you are well and your family also": "well-wish",
    }
    assert topic_ids(expected) == expected
    assert getattr(SEMINAR.small_talk.find("my grandma keeps calling me with the camera pointed at the ceiling"), "id",
                   None) != "bot-sees-you"


async def test_harder_after_an_item_is_harder_than_that_item(scripted) -> None:
    message = "That was rather easy. Could you give me a harder question, something I might set for my strongest students?"
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/lesson d2-neural-networks")
    await chat("/quiz neuron")
    first = SEMINAR.exercises[chat.state().context["recent"][-1]]
    assert "tougher" in await chat(message)
    harder = SEMINAR.exercises[chat.state().context["recent"][-1]]
    assert harder.difficulty > first.difficulty


def test_an_analogy_asked_beside_how_to_explain_is_no_second_question() -> None:
    from tutor.dialogue.cues import ANALOGY_ASKED
    assert ANALOGY_ASKED.search("Is there a classroom analogy you would recommend?")


def test_set_30_s_kinds_are_read() -> None:
    from tutor.dialogue.chat_cues import JOKE_REQUEST, THANKS_FOR_NOTHING
    from tutor.dialogue.cues import MESSAGE_ACTS
    from tutor.dialogue.mixed_news import news_parts
    assert THANKS_FOR_NOTHING.search("Wow, thanks for that super helpful answer 🙃")
    assert not THANKS_FOR_NOTHING.search("thanks, that helped a lot 😊")
    assert JOKE_REQUEST.search("The train is late. Maybe you can tell me a joke to pass the time?")
    assert news_parts("I got promoted today!!! Called my mom and she cried lol.") is None
    assert COMPLIMENT.search("But you've been very polite and clear, more than my bank")
    assert MESSAGE_ACTS["wants_kindness"].search("I need a word of encouragement rn")
    expected = {
        "Honestly just need to vent for a sec": "need-to-vent",
        "Kindly tell me how is your health today": "bot-health",
        "lol you're so dramatic": "teasing-the-bot",
        "That last reply felt a bit robotic, no offense": "tutor-style-complaint",
        "Ramadan started this week so my schedule is all over the place, awake after iftar": "ramadan-hours",
        "Today is Día de los Muertos and my family is making an altar": "dia-de-muertos",
        "I was annoyed with you last night, but I'm over it now. Truce? 🤝": "truce",
        "Can you say something nice in Spanish?": "something-nice-in-spanish",
    }
    assert topic_ids(expected) == expected
    assert getattr(SEMINAR.small_talk.find("I finally repotted my monstera and it didn't die"), "id", None) != "plant-care"


async def test_a_joke_asked_beside_news_is_told(scripted) -> None:
    message = "Hallo! The train is late, of course, Deutsche Bahn 😅. Maybe you can tell me a joke to pass the time?"
    chat = await scripted({message: "smalltalk"}, {}, curriculum=SEMINAR)
    text = await chat(message)
    assert any(joke in text for joke in ("hidden layers", "pool their knowledge", "kept vanishing")), text


def test_two_short_things_asked_at_once_are_two_questions() -> None:
    from tutor.dialogue.wording import _each_thing_asked
    assert _each_thing_asked("what is loss and epoch") == ["what is loss?", "what is epoch?"]
    assert _each_thing_asked("ok but what about E and T") == ["ok but what about E?", "ok but what about T?"]
    assert _each_thing_asked("what is the difference between loss and accuracy") == [
        "what is the difference between loss and accuracy"]


def test_set_31_s_kinds_are_read() -> None:
    from tutor.dialogue.chat_cues import MORE_ACTS, THANKS_FOR_NOTHING
    assert THANKS_FOR_NOTHING.search("Wow, thanks for the super helpful answer. Truly groundbreaking. 🙄")
    assert MORE_ACTS["no_talk"].search("I don't really want to talk about it much, I just wanted someone to know.")
    expected = {"wat r u doin rn": "whats-up", "omg i cant even rn": "cant-even", "ok you win this round, bot": "you-win"}
    assert topic_ids(expected) == expected
    assert getattr(SEMINAR.small_talk.find("Sorry for being rude earlier, I was hungry and grumpy."), "id", None) != "hungry"


async def test_sad_news_told_with_no_wish_to_talk_asks_nothing(scripted) -> None:
    message = "My mother passed away last month. I don't really want to talk about it much, I just wanted someone to know."
    chat = await scripted({message: "smalltalk"}, {}, curriculum=SEMINAR)
    text = await chat(message)
    assert "sorry" in text.lower() and "want to talk about it?" not in text
