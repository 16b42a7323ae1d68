"""The readings of a message as chit-chat: what it does (its speech acts), whether a reply answers another act,
whether the NLU's social intent or request is a misreading of chat. :class:`tutor.dialogue.signals.Signals`
inherits them; the patterns are in :mod:`tutor.dialogue.cues`."""
from __future__ import annotations

import re
from functools import cached_property
from collections.abc import Iterable

from nlp.types import Analysis
from tutor.arithmetic import Arithmetic, Equation, read_arithmetic, read_equations
from tutor.dialogue.request_cues import (
    ASKS_OUTRIGHT, COURSE_WORDS, HELP_WORDS, JUMP_WORDS, NOW, OWN_NEWS_NO_REQUEST, PROGRESS_ASKED, PROGRESS_WORDS, PUTS_OFF,
    SOMEONE_ELSE_S_SCORE, STUDYING, SUM_FILLERS,
)
from tutor.curriculum import Concept, Curriculum
from tutor.dialogue.chat_cues import (
    ASKS_FOR_FUN, ASKS_FOR_THE_COURSE, ASKS_HOW_THE_BOT_FEELS, BORED_WORD, CLAIM_TO_CHECK, COURSE_MOODS, ENDS_WITH_A_JUMP,
    ENDS_WITH_GO_ON, ENDS_WITH_GOODBYE, EVERYDAY_DOING, GOOD_NEWS, GREETING_WORDS, HARMLESS_ACTS, JOKE_ASKED, JOKE_REQUEST,
    JUST_ME, LEAVING_AS_A_CONDITION, NOD, PLAYFUL_ACTS, REACTION, TIREDNESS, WORN_OUT,
)
from tutor.dialogue.mixed_news import news_parts
from tutor.dialogue.story_cues import TAKEN_BACK, TASK_ASKED, TOLD
from tutor.small_talk import SmallTalkTopic
from tutor.dialogue.cues import (
    CHAT_ONLY_ACTS, INTENTS_KEPT_FOR_CHAT, KEYWORD_CHAT, LEAVING, SENTENCE_END, SOCIAL_INTENT_ACTS, TOPICS,
    answers_another_act, keyword_intent, read_acts,
)


BAD_NEWS_SCORE = -0.8   # sentiment at or below it makes news bad news without a word of bad news in it


def words_said(text: str) -> int:
    """Words of two letters or more ("b", "four", "3x3" say less than two)."""
    return len(re.findall(r"[^\W\d_]{2,}", text))


class ChatSignals:
    text: str
    intent: str | None
    negative: bool
    analysis: Analysis | None
    concept: Concept | None
    day: int | None
    curriculum: Curriculum

    @cached_property
    def speech_acts(self) -> frozenset[str]:   # what the message does: "goodbye", "compliment", ... (cues.read_acts)
        return read_acts(self.text)

    @property
    def ends_with_go_on(self) -> bool:
        return bool(ENDS_WITH_GO_ON.search(self.text))

    @property
    def ends_with_a_jump(self) -> bool:   # "... whatever, skip to day 4"
        return bool(ENDS_WITH_A_JUMP.search(self.text))

    @property
    def ends_with_goodbye(self) -> bool:
        return bool(ENDS_WITH_GOODBYE.search(self.text))

    @cached_property
    def chat_acts(self) -> frozenset[str]:
        """The acts a chit-chat reply answers: the speech acts, and news of the learner's life that the sentiment
        model reads as negative is bad news ("my grandpa is in the hospital": sympathy, not "thanks for telling me")."""
        acts = self.acts_as_meant
        if TAKEN_BACK.search(self.text):   # "I'm giving up. Just kidding.": a joke, no bad news
            return acts - {"feeling_bad", "sad_news"} | {"funny_news"}
        if news_parts(self.text):   # "passed my driving test but crashed my bike": both parts answered
            return acts - {"good_news", "family_joy", "sad_news"} | {"mixed_news", "feeling_bad"}
        # told with a laugh or an apology ("my bad, ..."): not bad news; treated badly: bad
        told_good = bool(acts & {"life_news", "feeling_good"}) and "feeling_bad" not in acts \
            and bool(GOOD_NEWS.search(self.text)) and not acts & {"sad_news", "mistreated", "question", "cant_know"}
        # cheered already ("I got the job!!"), or a mood, not news ("I AM SO EXCITED!!!")
        good_news = told_good and not acts & {"feeling_good", "good_mood", "excited"}
        # what they did, made or enjoyed ("i made pancakes this morning 🥞") is no bad news by the sentiment alone
        bad_news = ("life_news" in acts and self.reads_as_bad_news
                    and not acts & {"funny_news", "apology", "pet_antics", "own_taste", "favourite", "compliment"}
                    and not EVERYDAY_DOING.search(self.text) and not told_good) or bool(acts & {"mistreated", "sad_news"})
        # their own bad news, said back with the sympathy ("I'm sorry your dog has been sick all week")
        own_sad = "life_news" in acts and (bad_news or "feeling_bad" in acts) and not acts & COURSE_MOODS \
            and not acts & {"bored_chat", "goodnight", "asks_advice"} and not TIREDNESS.search(self.text)
        return acts | ({"feeling_bad"} if bad_news else set()) | ({"good_news"} if good_news else set()) \
            | ({"sad_news"} if own_sad else set())

    @property
    def acts_as_meant(self) -> frozenset[str]:
        """The speech acts less those another act of the message shows were misread: "I'll come back to the lessons
        later, just wanna chat for a bit" says no goodbye, "do you think Messi is better than Ronaldo" asks a pick,
        not how the bot thinks, and "you're kind of funny for a bot" is thanks, no joke asked."""
        acts = self.speech_acts
        misread = {"goodbye"} if "just_chat" in acts else set()
        misread |= {"about_bot"} if "this_or_that" in acts else set()
        misread |= {"this_or_that"} if JUST_ME.search(self.text) else set()
        misread |= {"goodbye", "goodnight"} if LEAVING_AS_A_CONDITION.search(self.text) else set()
        misread |= {"sad_news", "feeling_bad"} if ASKS_HOW_THE_BOT_FEELS.search(self.text) else set()
        return acts - misread - ({"asks_joke"} if "compliment" in acts and not JOKE_ASKED.search(self.text) else set())

    @property
    def reads_as_bad_news(self) -> bool:
        """The sentiment model's reading alone takes news as bad only when it is sure: the small model reads much
        everyday news as negative ("I told my friend about you, she wants to try too" at -0.71)."""
        return self.sentiment_at_most(BAD_NEWS_SCORE)

    def sentiment_at_most(self, score: float) -> bool:   # read as negative, at ``score`` or below
        sentiment = self.analysis.sentiment if self.analysis else None
        return sentiment is not None and sentiment.label == "negative" and sentiment.score <= score

    def contradicted_by(self, reply: str) -> bool:
        """Whether ``reply`` answers another speech act ("Hello!" to "good night", sympathy to a compliment)."""
        return answers_another_act(self.chat_acts, reply, self.text)

    @property
    def wordless(self) -> bool:   # emoji or punctuation alone: nothing the responder can read
        return not any(char.isalnum() for char in self.text)

    @property
    def social_intent_unsaid(self) -> bool:
        """A greeting, goodbye or thanks the NLU reads that the words do not say ("uff"; no act at all: trusted).
        News is a goodbye only where it tells of leaving ("had ramen for lunch, pretty good" had got "Bye for now!")."""
        act = SOCIAL_INTENT_ACTS.get(self.intent or "")
        if act is None or act in self.speech_acts:
            return False
        if act == "goodbye" and re.search(r"\d", self.text):   # "8, it goes to 7 a lot" (a lab's answer) had got "Bye"
            return True
        told_no_leaving = act == "goodbye" and "life_news" in self.speech_acts and not LEAVING.search(self.text)
        return bool(self.speech_acts - TOPICS) or told_no_leaving

    @property
    def chit_chat_misread(self) -> bool:   # only chat ("sorry I was away"), nothing of the course, read as a request
        keyword = keyword_intent(self.text)   # an "ok" before an apology asks nothing: "ok sorry that was mean 😅"
        return (self.intent not in INTENTS_KEPT_FOR_CHAT and bool(self.speech_acts & CHAT_ONLY_ACTS)
                and self.concept is None and self.day is None
                and (keyword in KEYWORD_CHAT or keyword == "affirm" and "apology" in self.speech_acts))

    @property
    def playful_chat(self) -> bool:   # "summer or winter?", "what happens after we die": chat, whatever the NLU reads
        if self.day is not None:
            return False
        return self.asks_for_fun or bool(self.speech_acts & PLAYFUL_ACTS) and self.concept is None

    @cached_property
    def small_talk(self) -> SmallTalkTopic | None:
        """The small-talk topic the message names ("do you sleep at night?", "my laptop died"): its replies are the
        tutor's own (data/curriculum/small_talk.yml), said before any the chit-chat model would give."""
        if "mixed_news" in self.chat_acts:   # a topic's line would answer one part of the news only
            return None
        topic = self.curriculum.small_talk.find(self.text)
        # a joke asked for beside news ("The train is late ... Maybe you can tell me a joke?"): the joke, not the news
        joke_asked = topic is not None and "joke" not in topic.id and bool(JOKE_REQUEST.search(self.text))
        return None if joke_asked else topic

    @cached_property
    def small_talk_beside_a_question(self) -> bool:
        """"merci. question: ... Is it necessary to do that before the CNN?": the small talk is in one sentence and a
        question in another, which the topic's line would leave unanswered (it had got only "You're welcome!")."""
        topic = self.small_talk
        if topic is None:
            return False
        sentences = [part.strip() for part in SENTENCE_END.split(self.text) if part.strip()]
        asked = [part for part in sentences if part.endswith("?")]
        return len(sentences) > 1 and any(not topic.matches(part) for part in asked)

    @cached_property
    def arithmetic(self) -> Arithmetic | None:   # "whats 17 times 23": worked out, not refused
        return read_arithmetic(self.text)

    @cached_property
    def equations(self) -> list[Equation]:   # "g(0) = 1/(1+1) = 0,5. correct?": each side checked
        return read_equations(self.text)

    @property
    def reasons_beyond_the_sums(self) -> bool:
        """Words of a conclusion around the sums ("three stacked 3x3 convs see 9x9 since 3·3=9"): only the sums
        are checked, and the reply says so."""
        words = [word for word in re.findall(r"[a-z']{4,}", self.text.lower()) if word not in SUM_FILLERS]
        return len(words) >= 3

    @property
    def asks_for_the_course(self) -> bool:   # "haha good one. ok continue lesson": the lesson, not only the laugh
        return bool(ASKS_FOR_THE_COURSE.search(self.text))

    @cached_property
    def names_nothing_of_the_course(self) -> bool:   # no concept, no day, no word of the course (request_cues.COURSE_WORDS)
        return (self.concept is None and self.day is None and not COURSE_WORDS.search(self.text)
                and not self.says_little)   # "four", "3x3": answers, not chat

    @property
    def says_little(self) -> bool:   # fewer than two words ("b", "four", "3x3")
        return words_said(self.text) < 2

    @property
    def asks_outright(self) -> bool:   # "What's 18% of 42,500? Budget thing."; not "Memory is not what it used to be."
        return "?" in self.text or bool(ASKS_OUTRIGHT.match(self.text))

    @property
    def tells_without_asking(self) -> bool:
        """News of the learner's own with nothing asked of the bot ("omg the cafe guy spelled my name "Clowie" on my
        cup, i'm keeping it forever", read as out of scope, had got "Sorry, I can't help with that")."""
        return (not self.asks_outright and "request" not in self.speech_acts and not TASK_ASKED.search(self.text)
                and bool(TOLD.search(self.text)))

    @property
    def chats(self) -> bool:   # a speech act of chat besides asking ("Signing off...", "small win: ..."); "that thing" none
        return bool(self.speech_acts - {"question"})

    @property
    def help_unasked(self) -> bool:   # "gg ez, just hit diamond rank 🎮", read as help
        return self._read_without_its_words("help", HELP_WORDS)

    @property
    def jump_unasked(self) -> bool:   # "you're surprisingly not terrible", read as a jump: "Where to?"
        return self._read_without_its_words("goto_day", JUMP_WORDS)

    def _read_without_its_words(self, intent: str, its_words: re.Pattern[str]) -> bool:
        """The NLU reads ``intent`` into a message naming nothing of the course and none of the words it is asked with."""
        return self.intent == intent and self.names_nothing_of_the_course and not its_words.search(self.text)

    @property
    def progress_unasked(self) -> bool:   # "how many push-ups should I do a day", "I learned so much": progress?
        return self.intent == "progress" and (self.concept is None and self.day is None
                                              and not PROGRESS_WORDS.search(self.text)
                                              or bool(OWN_NEWS_NO_REQUEST.search(self.text))
                                              # "So our NEWS2 score is more like the thermostat": someone else's score
                                              or bool(SOMEONE_ELSE_S_SCORE.search(self.text))
                                              and not PROGRESS_ASKED.search(self.text))

    @cached_property
    def puts_off_the_course(self) -> str | None:   # "I'll do the lesson after dinner": "after dinner", not Day 1 now
        found = PUTS_OFF.search(self.text)
        if not found or NOW.search(self.text) or not (STUDYING.search(found[0]) or len(self.text.split()) <= 4):
            return None
        return found["when"].lower()

    @property
    def asks_for_fun(self) -> bool:   # "tell me a joke about neural networks": a joke, though a course topic is named
        return bool(ASKS_FOR_FUN.search(self.text))

    @property
    def harmless_chat(self) -> bool:   # "hows it going", "had the best ramen today": chat, never the refusal
        return bool(self.chat_acts & HARMLESS_ACTS) and "request" not in self.speech_acts and self.concept is None

    @property
    def chat_off_course(self) -> bool:
        """Chat that says nothing of the course ("meh. not my best day", "finally paid off my credit card"): the
        course's pep talk ("everyone finds this hard at first") is no answer to it, whatever the sentiment."""
        acts = self.speech_acts
        return bool(acts - TOPICS) and not acts & COURSE_MOODS and self.concept is None and self.day is None

    @property
    def worn_out(self) -> bool:   # "so tired", "😴" (chat_cues.WORN_OUT): rest first, before any lesson
        return bool(WORN_OUT.search(self.text))

    @property
    def says_bored(self) -> bool:   # "bored", "boring" said (chat_cues.BORED_WORD), not only "too easy"
        return bool(BORED_WORD.search(self.text))

    @property
    def says_hello(self) -> bool:   # "hey!", /start: answered with "Hi!" ("ok", "👍" as a first message are not)
        return self.command_name == "start" or self.intent == "greet" or "greeting" in self.speech_acts

    @property
    def said_besides_hello(self) -> str:   # "hey there, just woke up lol" -> "just woke up"
        return re.sub(r"^\W+", "", GREETING_WORDS.sub("", self.text)).strip()

    @property
    def more_than_hello(self) -> bool:
        """A first message that says something besides hello that chat answers ("evening! long day", "hey, just
        woke up"): answered before the intro ("hi, wait what" gets the whole introduction)."""
        rest = self.said_besides_hello
        return words_said(rest) >= 2 and bool(read_acts(rest) - (TOPICS - {"life_news"}))

    @property
    def returning(self) -> bool:   # "hello again, it's me", "I'm back from lunch": no introduction as to a newcomer
        return "returning" in self.speech_acts and "missed_me" not in self.speech_acts   # "did you miss me": its own

    @property
    def says_goodnight(self) -> bool:   # "good nite 😴", "gonna head to bed": a goodnight, not sadness or a hello
        return "goodnight" in self.acts_as_meant

    @property
    def bare_reaction(self) -> bool:   # "wow", "oh really?", "lol": a reaction, to something said before it
        return bool(REACTION.match(self.text))

    @property
    def nods(self) -> bool:   # "k", "👍", "ok 👍": a nod, answering nothing
        return bool(NOD.match(self.text))

    def first_act_of(self, acts: Iterable[str]) -> str | None:   # the first of ``acts`` the message performs
        return next((act for act in acts if act in self.chat_acts), None)

    @property
    def asks_the_bot(self) -> bool:   # "what's your favourite neural network?", "do you like music?"
        return {"about_bot", "question"} <= self.speech_acts

    @property
    def claims_to_check(self) -> bool:   # "so it's like a pattern detector?" (chat_cues.CLAIM_TO_CHECK)
        return bool(CLAIM_TO_CHECK.search(self.text))
