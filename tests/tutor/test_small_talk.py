"""The small-talk topics (data/curriculum/small_talk.yml): validated with file:line errors, matched in file order,
and never matching what a learner asks about the course."""
from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.small_talk import course_questions
from nlp.errors import DataError
from tutor.curriculum import DEFAULT_DIR, Curriculum
from tutor.small_talk import SMALL_TALK_FILE, SmallTalk

TOPICS = SmallTalk.load(DEFAULT_DIR / SMALL_TALK_FILE)


def _load(tmp_path: Path, text: str) -> SmallTalk:
    path = tmp_path / SMALL_TALK_FILE
    path.write_text(text, encoding="utf-8")
    return SmallTalk.load(path)


@pytest.mark.parametrize("body, line, message", [
    ("topics:\n  - id: a\n    about: bot\n    cues: ['(unclosed']\n    replies: [x, y]\n", 2, "bad pattern"),
    ("topics:\n  - id: a\n    about: bot\n    cues: ['x']\n    replies: [only one]\n", 2, "at least 2 replies"),
    ("topics:\n  - id: a\n    about: pets\n    cues: ['x']\n    replies: [x, y]\n", 2, "'about' must be one of"),
    ("topics:\n  - id: a\n    about: bot\n    cues: ['x']\n    replies: [x, y]\n"
     "  - id: a\n    about: bot\n    cues: ['y']\n    replies: [x, y]\n", 6, "duplicate topic id 'a'"),
    ("topics:\n  - id: a\n    about: bot\n    replies: [x, y]\n", 2, "field 'cues'"),
    ("topics:\n  - id: Not_An_Id\n    about: bot\n    cues: ['x']\n    replies: [x, y]\n", 2, "lowercase words"),
])
def test_a_broken_topic_is_an_error_naming_its_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    with pytest.raises(DataError) as error:
        _load(tmp_path, body)
    assert f"{SMALL_TALK_FILE}:{line}" in str(error.value) and message in str(error.value)


def test_no_file_is_no_small_talk(tmp_path: Path) -> None:
    assert SmallTalk.load(tmp_path / SMALL_TALK_FILE).find("do you sleep?") is None


def test_the_first_topic_in_file_order_wins_and_unless_rules_one_out(tmp_path: Path) -> None:
    talk = _load(tmp_path, "topics:\n"
                 "  - id: sleep\n    about: bot\n    cues: ['sleep']\n    unless: ['neurons?']\n    replies: [a, b]\n"
                 "  - id: any\n    about: bot\n    cues: ['.']\n    replies: [c, d]\n")
    assert talk.find("do you sleep").id == "sleep"
    assert talk.find("do neurons sleep").id == "any"


@pytest.mark.parametrize("message, topic", [
    ("do you sleep at night?", "bot-sleep"), ("can you see me through my camera", "bot-sees-you"),
    ("do u remember what i told you yesterday", "bot-memory"), ("will you marry me lol", "bot-love"),
    ("are you smarter than chatgpt", "bot-other-bots"), ("any plans for the weekend?", "bot-plans"),
    ("stop being so formal", "tutor-too-formal"), ("that answer was useless", "tutor-useless-answer"),
    ("my laptop died, ugh", "tech-trouble"), ("went for a run this morning, my legs are dead", "exercise-sore"),
    ("what should i cook tonight", "what-to-cook"), ("how do i stop procrastinating", "procrastination"),
    ("tell me a story", "tell-story"), ("whats the meaning of life", "meaning-of-life"),
    ("Wie geht's dir heute?", "how-are-you-other-language"), ("Bonjour !", "other-language"),
    ("stuck in traffic for 2 hours ugh", "stuck-in-traffic"), ("stuck at the airport, flight delayed", "travel-trouble"),
    ("Rock paper scissors? I pick rock", "hand-games"),
])
def test_everyday_messages_name_their_topic(message: str, topic: str) -> None:
    assert TOPICS.find(message).id == topic


def test_no_question_of_the_knowledge_base_reads_as_small_talk() -> None:
    """A topic's reply wins over the course's answer, so none may match what the course answers (the knowledge
    base's questions, and the in-course ones of the labelled learner-question sets)."""
    questions = course_questions(DEFAULT_DIR)
    assert len(questions) > 1000
    assert [q for q in questions if TOPICS.find(q)] == []


def test_the_curriculum_carries_its_small_talk() -> None:
    assert Curriculum.load().small_talk.find("do you sleep at night?").id == "bot-sleep"


def test_the_examples_written_for_a_topic_find_it() -> None:
    """A topic's examples were written apart from its patterns; most must land on it (an earlier topic may take a
    few, as "need a name for my kitten" goes to name ideas), and the topics added since the check all do."""
    topics = TOPICS.topics
    pairs = [(topic.id, example) for topic in topics for example in topic.examples]
    missed = [(topic, example) for topic, example in pairs if (found := TOPICS.find(example)) is None or found.id != topic]
    assert len(missed) / len(pairs) < 0.06, missed
    checked_since = {"fitness-advice", "forgetting-is-normal", "bot-limits", "bot-what-are-you", "new-purchase",
                     "nervous-about-tomorrow", "study-plan", "smart-enough", "too-old", "ai-conscious", "news-today",
                     "pet-good-news", "sarcasm", "want-to-quit", "keep-failing", "no-time", "new-job-start",
                     "learned-a-lot", "weather-nice", "finally-understood", "bot-wish-human", "why-learn-if-ai",
                     "ai-replace-jobs", "chatgpt-homework", "workout-done", "tutor-style-complaint", "long-day", "up-late",
                     "interview-nerves", "meh-mood", "commute-delay", "family-birthday", "team-lost", "first-snow",
                     "chores-done", "captain-obvious", "recipe-request", "going-quiet", "study-music-talk",
                     "start-strong-quit", "ai-moving-fast", "ai-energy", "replace-teachers", "human-reading",
                     "kid-achievement", "fined", "friend-moving-away", "comparison", "text-someone", "new-city-lonely", "bot-hobbies",
                     "bot-fast", "bad-morning", "bot-creator", "pomodoro", "other-language-more",
                     "bot-always-on", "no-deadline"}
    assert [pair for pair in missed if pair[0] in checked_since] == []
