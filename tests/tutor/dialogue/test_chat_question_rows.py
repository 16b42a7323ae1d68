"""A question of the course's inside chat or a misread request: "for my interview next week, what should I prepare?"
(cooking small talk by its words), "what questions do they ask in ML interviews?" (read as "quiz me"), "that's not
what I meant; is there a dataset of food photos?" (a complaint) get the course's answer; "Can we do Day 5?" among
feelings goes to Day 5; the knowledge base reads a message named by a concept without the thread where the thread
pulls it away."""
from __future__ import annotations

from pathlib import Path

from bot.core import open_core
from nlp.types import AnswerContext, AnswerHit
from tests.tutor.dialogue.test_chit_chat_act_rows import ScriptedResponder
from tests.tutor.test_dialogue import Chat, build_curriculum, fake_draw
from tutor.curriculum import DEFAULT_DIR, Curriculum
from tutor.dialogue.echo import topic_named
from tutor.dialogue.knowledge_signals import OTHER_READING_MARGIN, surer
from tutor.small_talk import SMALL_TALK_FILE, SmallTalk

TOPICS = SmallTalk.load(DEFAULT_DIR / SMALL_TALK_FILE)


def _topic_lines(topic_id: str) -> tuple[str, ...]:
    return next(topic.replies for topic in TOPICS.topics if topic.id == topic_id)

INTERVIEW = AnswerHit("d5-interview", "Be able to explain gradient descent and overfitting on a whiteboard.", 0.85,
                      False, "l3", ("backpropagation",), "howto")
BOOKS = AnswerHit("d5-recommender", "Recommender systems rank items in two stages.", 0.66, False, "l3", (), "how")
DATASET = AnswerHit("d5-food", "Food-101: 101 dishes, 1,000 photos each.", 0.65, False, "l3", (), "howto")
UNSURE = AnswerHit("d1-x", "...", 0.1, True, "l1", (), "what")
MATHS = AnswerHit("d1-math", "A little: sums and the idea of a slope.", 0.93, False, "l1", (), "fact")
SLOWER = AnswerHit("d1-slope", "Its slope g(1-g) is at most 0.25 and near 0 far from z = 0.", 0.8, False, "l1", (), "fact")
WHY_P = AnswerHit("d1-why-p", "Without a measure nobody can tell whether the program improves.", 0.8, False, "l1",
                  ("etp",), "why")


class KnowingChat(ScriptedResponder):
    """Scripted intents, and a knowledge base that knows interviews and food photos (only read alone: the complaint
    in front of the question pulls it under)."""

    def __init__(self, intents: dict[str, str]) -> None:
        super().__init__(intents, {})
        self.components = {"answers": None}
        self.asked: list[str] = []

    def answer(self, text: str, context: AnswerContext | None = None) -> AnswerHit | None:
        self.asked.append(text)
        if "interview" in text:
            return INTERVIEW
        if "book" in text:
            return BOOKS
        if "maths" in text:
            return MATHS
        if "learns slower" in text:
            return SLOWER if "=" not in text else UNSURE   # the sums' numbers pull the reading elsewhere
        if text.startswith("why do we need a performance measure"):
            return WHY_P
        return DATASET if text.startswith("is there a ready-made dataset") else UNSURE


async def _chat(tmp_path: Path, intents: dict[str, str]) -> Chat:
    base = build_curriculum()
    curriculum = Curriculum(base.days, base.concepts, base.exercises, SmallTalk.load(DEFAULT_DIR / SMALL_TALK_FILE))
    nlu = KnowingChat(intents)
    chat = Chat(open_core(None, tmp_path / "t.db", pipeline=nlu, curriculum=curriculum, draw=fake_draw))
    chat.nlu = nlu
    return chat


async def test_a_question_the_course_answers_among_small_talk(tmp_path: Path) -> None:
    first, message = "any tips for the interview? the backprop part?", "and for my interview next week, what should I prepare?"
    books = "Any book suggestions? I really liked Project Hail Mary."
    chat = await _chat(tmp_path, {first: "ask_concept", message: "out_of_scope", books: "smalltalk"})
    assert (await chat(books)).splitlines()[0] in _topic_lines("recommend-read")   # not in the thread: the topic
    assert (await chat(first)).startswith(INTERVIEW.answer)
    text = await chat(message)                     # "prepare": the cooking topic's word; the answer is in the thread
    assert INTERVIEW.answer in text and "fridge" not in text     # said in short: it was the answer just given
    await chat.core.close()


async def test_a_complaint_then_a_question_gets_an_apology_and_the_answer_to_the_question_alone(tmp_path: Path) -> None:
    message = "that's not what I meant; is there a ready-made dataset of food photos?"
    chat = await _chat(tmp_path, {message: "smalltalk"})
    text = await chat(message)
    assert "Food-101" in text and text.lower().startswith("sorry")
    assert "is there a ready-made dataset of food photos?" in chat.nlu.asked
    await chat.core.close()


async def test_a_complaint_alone_is_met_with_an_apology_not_sympathy(tmp_path: Path) -> None:
    message = "I'm getting frustrated, you keep answering something else"
    chat = await _chat(tmp_path, {message: "smalltalk"})
    text = await chat(message)
    assert "missed the point" in text or "wasn't an answer" in text
    assert "be kind to yourself" not in text.lower() and "everyone finds this hard" not in text
    await chat.core.close()


async def test_a_question_read_as_a_quiz_request_the_course_answers_it(tmp_path: Path) -> None:
    message = "lol, meant the job interview! what questions do they ask about backprop in interviews?"
    quiz_me = "can you ask me some questions about the interview topics?"
    chat = await _chat(tmp_path, {message: "quiz", quiz_me: "quiz"})
    assert (await chat(message)).startswith(INTERVIEW.answer)
    assert not (await chat(quiz_me)).startswith(INTERVIEW.answer)    # "ask me" asks for a quiz
    await chat.core.close()


async def test_a_day_asked_for_among_chat(tmp_path: Path) -> None:
    message = "good morning! last day, a bit sad it's over but excited :) Can we do Day 2?"
    chat = await _chat(tmp_path, {message: "greet"})
    text = await chat(message)
    assert text.startswith("Day 2") and "sorry you're feeling" not in text
    await chat.core.close()


def test_wish_me_luck_and_a_joke_asked_again() -> None:
    topics = SmallTalk.load(DEFAULT_DIR / SMALL_TALK_FILE)
    assert topics.find("great, wish me luck!").id == "wish-me-luck"
    assert topic_named("so... the joke?") is None           # had been "A joke about the?"
    assert topic_named("a joke about cats") == "cats"


def test_a_reading_outside_the_thread_is_taken_only_when_much_surer() -> None:
    thread = AnswerHit("d2-relu", "...", 0.39, False, "l2", ("relu",), "what")
    near = AnswerHit("d2-activation-layer", "...", 0.53, False, "l2", (), "what")
    far_surer = AnswerHit("d4-cosine", "...", 0.88, False, "l4", (), "what")
    margins = [0.0, OTHER_READING_MARGIN]
    assert surer([thread, near], margins) is thread
    assert surer([thread, far_surer], margins) is far_surer
    assert surer([UNSURE, near], margins) is near          # the thread's reading abstained
    assert surer([thread, near], [0.0, 0.0]) is near       # the concept just explained, alone: no margin
    assert surer([], []) is None


async def test_the_messages_other_questions_are_answered_too(tmp_path: Path) -> None:
    message = "what should I prepare for the interview? and is there a ready-made dataset of food photos?"
    chat = await _chat(tmp_path, {message: "ask_concept"})
    text = await chat(message)
    assert text.startswith(INTERVIEW.answer) and text.count(INTERVIEW.answer) == 1
    assert "And your other question, “is there a ready-made dataset of food photos”: Food-101" in text
    single = await chat("what should I prepare for the interview?")
    assert "other question" not in single
    await chat.core.close()


async def test_a_question_about_a_day_not_a_request_to_go_there(tmp_path: Path) -> None:
    about, go = "Day 2 is about neural networks, right?", "can we go to day 2?"
    chat = await _chat(tmp_path, {about: "goto_day", go: "goto_day"})
    text = await chat(about)
    assert text.startswith("Day 2") and "goals" in text.lower() and chat.state().lesson_id is None
    await chat(go)
    assert chat.state().lesson_id == "l3"
    await chat.core.close()


async def test_what_comes_after_a_topic(tmp_path: Path) -> None:
    message = "Happy Friday! What's next after gradient descent?"
    chat = await _chat(tmp_path, {message: "smalltalk"})
    text = await chat(message)
    assert text.startswith("Gradient descent is taught in “Gradient descent” (Day 1); after it comes “Backpropagation”")
    assert "Start “Backpropagation”" in chat.options
    await chat.core.close()


async def test_a_quiz_asked_for_among_chat(tmp_path: Path) -> None:
    message = "ugh, long day at work. can we do something easy today, like a quiz?"
    chat = await _chat(tmp_path, {message: "smalltalk"})
    await chat(message)
    assert chat.state().pending is not None               # a question posed, not only sympathy
    await chat.core.close()


async def test_tired_but_asking_for_a_short_lesson_gets_it(tmp_path: Path) -> None:
    message = "I'm so tired, maybe just one short lesson today?"
    chat = await _chat(tmp_path, {message: "smalltalk"})
    await chat(message)
    assert chat.state().lesson_id == "l1"
    await chat.core.close()


async def test_a_conclusion_drawn_from_right_sums_is_answered_too(tmp_path: Path) -> None:
    message = "g(2)·(1 − g(2)) = 0,88·0,12 = 0,106. So far from zero the sigmoid learns slower. Correct?"
    chat = await _chat(tmp_path, {message: "smalltalk"})
    text = await chat(message)
    assert text.startswith("The arithmetic is right: g(2)·(1 − g(2)) = 0,88·0,12 = 0,106. As for your question: Its slope")
    await chat.core.close()


async def test_a_question_beside_an_answer_is_answered_after_the_verdict(tmp_path: Path) -> None:
    chat = await _chat(tmp_path, {})
    await chat("/quiz etp")
    assert chat.pending().exercise_id == "ex-choice"
    text = await chat("2, but why do we need a performance measure at all?")
    assert text.startswith("✅") and chat.state().pending is None
    assert "And your question, “why do we need a performance measure at all”: Without a measure" in text
    await chat.core.close()



async def test_a_question_the_course_answers_with_a_day_named(tmp_path: Path) -> None:
    message = "the interview after Day 2, what should I prepare on backprop for it?"
    chat = await _chat(tmp_path, {message: "goto_day"})
    assert (await chat(message)).startswith(INTERVIEW.answer) and chat.state().lesson_id is None
    await chat.core.close()


async def test_a_bare_why_with_nothing_before_it(tmp_path: Path) -> None:
    chat = await _chat(tmp_path, {"ok but why": "ask_concept"})
    assert (await chat("ok but why")).startswith("Why what?")      # it had got an answer on CNNs
    await chat.core.close()


async def test_a_long_story_no_request_in_it_is_never_refused(tmp_path: Path) -> None:
    story = ("so this morning the bus was late and then my flatmate needed help with a couch and then we had breakfast "
             "and then my mum called and then it was already three and then I cleaned my desk instead of anything "
             "useful and now it is nine in the evening, lol")
    chat = await _chat(tmp_path, {story: "out_of_scope"})
    assert "can't help with that" not in await chat(story)
    await chat.core.close()


async def test_a_quiz_is_asked_for_only_in_so_many_words(tmp_path: Path) -> None:
    cat = "my cat walked on the keyboard during the quiz lol"
    chat = await _chat(tmp_path, {cat: "smalltalk"})
    await chat(cat)
    assert chat.state().pending is None                        # news about a quiz, not a request for one
    await chat.core.close()


async def test_a_question_the_course_answers_for_certain_whatever_the_chat_cues_read(tmp_path: Path) -> None:
    """"but do i need maths or not, yes or no" had got "people have argued about that for ages"."""
    message = "but do i need maths or not, yes or no"
    chat = await _chat(tmp_path, {message: "deny"})
    assert (await chat(message)).startswith("A little: sums and the idea of a slope.")
    await chat.core.close()
