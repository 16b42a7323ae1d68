"""The readings of a message that need only its words (and whether it is a replayed choice): "skip",
"too easy", "I'm bored", an insult, "so tired", a bare "why?", "stop", "simpler please", "was I right?".
:class:`tutor.dialogue.signals.Signals` inherits them; the patterns are in :mod:`tutor.dialogue.cues`,
:mod:`tutor.dialogue.chat_cues` and :mod:`tutor.dialogue.request_cues`."""
from __future__ import annotations

import re
from functools import cached_property

from tutor.answers import says_the_answer
from tutor.dialogue.chat_cues import (
    BLAMES_THE_BOT, LEADING_CLAUSE, NOT_STRUGGLING, OWN_TEST_NEWS, OWN_WORDS_MISSED, SAID_ALREADY, STRUGGLE, THANKS_FOR_NOTHING,
)
from tutor.dialogue.chat_signals import words_said
from tutor.dialogue.cues import (
    ASKED_SIMPLY_BY_THE_LEARNER, ASKS_DIFFERENTLY, REFERS_BACK, SENTENCE_END,
    ASKS_BOT_STATE, ASKS_DEFINITION, ASKS_EASIER, ASKS_HARDER, ASKS_SIMPLER, ASKS_SOMETHING, BORED, INSULT, PASS,
    LEADING_COURTESY, QUESTION_OR_CHALLENGE, SAME_KIND, SKIP_SAID, STOP, TIRED, UNGRATEFUL,
)
from tutor.dialogue.request_cues import (
    FOR_SOMEONE_ELSE, LEADS_WITH_A_STEP, YES_OR_NO_BACK,
    ASKS_FOR_THE_ANSWER, ASKS_IF_COVERED, ASKS_TO_BE_QUIZZED, ASKS_TO_BE_TAUGHT, ASKS_WHAT_I_DO, BARE_WHY, CORRECTS,
    CONTINUE_THE_LESSON, DAY_GONE_TO, FORMULA_ASKED, DAY_REMARKED, LAST_TIME, MANNER_ONLY, MATHS_BACK, NEXT_AT_THE_END, OWN_RECAP, QUOTED, READY_FOR_DAY,
    SENTIMENT_ASKED, PLAIN_WORDS, QUESTION_BREAK, QUIZ_ASKED, QUIZ_BY_SOMEONE_ELSE, QUIZ_WEARY, QUIZZED_ON, REQUEST_STEMS, SETS_ASIDE_FIRST,
    STOP_FIRST, TWO_THINGS_ASKED, WORD_MEANING_ASKED,
    SUMMARY_ASKED, WANTS_NUMERIC, WEAK_SPOTS, WHAT_FOLLOWS, stems,
)
from tutor.dialogue.verdict_cues import ASKS_VERDICT, CONTESTS_GRADE, PREVIOUS_ITEM


class WordingSignals:
    text: str
    command_name: str | None
    replayed: bool
    speech_acts: frozenset[str]
    names_nothing_of_the_course: bool

    @property
    def passes(self) -> bool:
        """"skip", "no idea", "pass": the learner does not know (the whole message)."""
        return bool(PASS.fullmatch(self.text)) or self.command_name == "skip"

    @property
    def says_skip(self) -> bool:
        return bool(SKIP_SAID.fullmatch(self.text))

    @cached_property
    def term_asked(self) -> str | None:   # "what is X?" and nothing else: X
        match = ASKS_DEFINITION.fullmatch(self.text)
        return match["term"] if match else None

    @property
    def asks_what_a_term_is(self) -> bool:   # "what is downhilling": a term asked for, known to the course or not
        return self.term_asked is not None and len(self.term_asked.split()) <= 4

    @property
    def asks_for_the_answer(self) -> bool:   # "just tell me", "what's the answer?" (request_cues.ASKS_FOR_THE_ANSWER)
        return bool(ASKS_FOR_THE_ANSWER.search(self.text))

    @property
    def ungrateful(self) -> bool:   # "thanks for nothing" (cues.UNGRATEFUL)
        return bool(UNGRATEFUL.search(self.text))

    @property
    def tells_of_own_test(self) -> bool:   # "failed my stats quiz": news, not "quiz me" (chat_cues.OWN_TEST_NEWS)
        return bool(OWN_TEST_NEWS.search(self.text))

    @property
    def thanks_for_nothing(self) -> bool:   # sarcasm whatever the sentiment model reads ("wow thanks for nothing")
        return bool(THANKS_FOR_NOTHING.search(self.text))

    @property
    def asks_bot_state(self) -> bool:   # "do you ever get bored?": the bot's, not the learner's (cues.ASKS_BOT_STATE)
        return bool(ASKS_BOT_STATE.search(self.text))

    @property
    def asks_harder(self) -> bool:
        return bool(ASKS_HARDER.search(self.text)) and not self.replayed and not self.asks_bot_state

    @property
    def bored(self) -> bool:
        return bool(BORED.search(self.text)) and not self.replayed and not self.asks_bot_state

    @property
    def insult(self) -> bool:
        return (bool(INSULT.search(self.text)) or "insult" in self.speech_acts) and not self.replayed

    @property
    def tired(self) -> bool:
        return bool(TIRED.search(self.text)) and not self.replayed and not self.asks_bot_state

    @property
    def struggles(self) -> bool:
        """A word of finding it hard ("ugh this is so hard", "I don't get it", "😩"), not denied ("not worried"). A
        bad day or a word like "sick" is no struggle with the course ("we don't miss sick people", "this is broken"
        had got "everyone finds this hard"): the chit-chat lines meet those."""
        # a sigh over something named that is not the course ("ugh my landlord is raising the rent again") neither
        sighed = "sigh" in self.speech_acts and not (self.names_nothing_of_the_course and words_said(self.text) > 3)
        said = bool("frustration" in self.speech_acts or sighed or STRUGGLE.search(self.text))
        return said and not NOT_STRUGGLING.search(self.text)

    @property
    def blames_the_bot(self) -> bool:   # "I asked about the rules, not about pixels" (chat_cues.BLAMES_THE_BOT)
        return bool(BLAMES_THE_BOT.search(self.text)) and not self.replayed

    @property
    def asks_hardest(self) -> bool:
        return "hardest" in self.text.lower()

    @property
    def asks_to_be_taught(self) -> bool:
        return bool(ASKS_TO_BE_TAUGHT.search(self.text))

    @property
    def asked_after_courtesy(self) -> str:
        """The message without a leading "thanks", "hi" or "no, I meant", or a first sentence that says the last reply
        missed ("that's not what I meant; is there a ready-made dataset of food photos?": the complaint's words had
        pulled the answer below the confidence of the question alone)."""
        text = LEADING_COURTESY.sub("", self.text) or self.text
        if (lead := CORRECTS.match(text)) and (len(rest := text[lead.end():].split()) >= 3   # "no I meant where to put..."
                                               or len(rest) == 2 and ASKS_SOMETHING.match(rest[0])):   # "...why LOGISTIC"
            text = text[lead.end():]
        complaint = LEADING_CLAUSE.match(text)
        rest = text[complaint.end():] if complaint and (BLAMES_THE_BOT.search(complaint.group())
                                                        or SETS_ASIDE_FIRST.match(complaint.group())) else ""
        if (lead := CORRECTS.match(rest)) and len(rest[lead.end():].split()) >= 3:   # "... I asked about the lr for Adam"
            rest = rest[lead.end():]
        return rest if len(rest.split()) >= 3 else text

    @cached_property
    def says_the_answer(self) -> bool:   # "wait, I was answering the quiz. the answer is 2"
        return says_the_answer(self.text)

    @property
    def says_it_was_said(self) -> bool:   # "you repeated yourself", "thats the same thing u said"
        return bool(SAID_ALREADY.search(self.text))

    @property
    def says_its_words_were_missed(self) -> bool:   # "I literally said x3 lol", "that's what I just said"
        return bool(OWN_WORDS_MISSED.search(self.text))

    @property
    def asks_beside_a_repeat_complaint(self) -> bool:
        """"you're repeating yourself. ok last q: why is relu better than sigmoid?": a new question after the
        complaint, in a sentence of its own (it had got the ReLU card said again "another way")."""
        sentences = SENTENCE_END.split(self.text.strip())
        return self.says_it_was_said and any(part.endswith("?") and not SAID_ALREADY.search(part) and len(part.split()) >= 3
                                             for part in sentences)

    @property
    def asks_what_i_do(self) -> bool:   # "hi there! what can you do?"
        return bool(ASKS_WHAT_I_DO.search(self.text))

    @property
    def asks_if_covered(self) -> bool:   # "is batch normalization covered in the course?"
        return bool(ASKS_IF_COVERED.search(self.text))

    @property
    def asks_summary(self) -> bool:   # "summary of day 3", "sum it up in 3 bullets"
        return bool(SUMMARY_ASKED.search(self.text))

    @cached_property
    def sentiment_asked_on(self) -> str | None:
        """"How would it rate: 'The new checkout flow is confusing and slow'": the quoted text the sentiment tool is
        asked to read."""
        if not SENTIMENT_ASKED.search(self.text) or (quoted := QUOTED.search(self.text)) is None:
            return None
        return (quoted["quote"] or quoted["after"]).strip(" '\"")

    @property
    def asks_next_at_the_end(self) -> bool:   # "... gracias. what is next?": said after other words
        return bool(NEXT_AT_THE_END.search(self.text))

    @property
    def asks_if_ready(self) -> bool:   # "is ok if I go to Day 2 now? or I need finish day 1 first?"
        return bool(READY_FOR_DAY.search(self.text))

    @property
    def asks_own_recap(self) -> bool:   # "sum up in 3 bullet points what I learned", "recap of today"
        return self.asks_summary and bool(OWN_RECAP.search(self.text)) or bool(LAST_TIME.search(self.text))

    @property
    def asks_weak_spots(self) -> bool:   # "what were my weak spots?", "what should I review before Day 2?"
        return bool(WEAK_SPOTS.search(self.text))

    @property
    def day_gone_to(self) -> str | None:   # "can we skip to day 2", "jump straight to day 4": the day after "to"
        return (gone[1] or gone[2] or gone[3]) if (gone := DAY_GONE_TO.search(self.text)) else None

    @property
    def asks_differently(self) -> bool:   # "explain feature maps again in other words"
        return bool(ASKS_DIFFERENTLY.search(self.text))

    @property
    def asks_yes_or_no_back(self) -> bool:   # "is that a yes?", "so yes or no?"
        return bool(YES_OR_NO_BACK.match(self.text))

    @property
    def leads_with_a_step(self) -> bool:   # "Next lesson. By the way, how much of this is still done today?"
        return bool(LEADS_WITH_A_STEP.match(self.text))

    @cached_property
    def set_aside_end(self) -> int:
        """Where a first sentence that only sets a topic aside ends ("no, not boundary. I ask what is the W with the
        small T"), else 0: the concept it names is not the one asked about."""
        lead = LEADING_CLAUSE.match(self.text)
        return lead.end() if lead and SETS_ASIDE_FIRST.match(lead.group()) else 0

    @property
    def restates_after_complaint(self) -> bool:
        """"that's not what I asked. I asked about the learning rate for Adam.", "you didn't answer: is 500 sheets
        enough?": the complaint, then the question again (it had got "tell me again in other words")."""
        rest = self.asked_after_courtesy
        return self.blames_the_bot and rest != self.text and not BLAMES_THE_BOT.search(rest)

    @property
    def question_parts(self) -> list[str]:
        """The message's questions, where it asks more than one ("what is a 'weight'? and what is W transpose x?"):
        each of three words or more, with a question word or mark; one or none otherwise."""
        parts = _with_bare_follow_ups_joined([asked for part in QUESTION_BREAK.split(self.text) if part and part.strip()
                                              for asked in _each_thing_asked(part.strip())])
        return [part for part in parts if len(part.split()) >= 3 and (ASKS_SOMETHING.search(part) or "?" in part)
                and not MANNER_ONLY.fullmatch(part)]

    @property
    def asks_what_follows(self) -> bool:   # "what's next after CNNs?"
        return bool(WHAT_FOLLOWS.search(self.text))

    @property
    def asks_plain_words(self) -> bool:   # "I'm scared of maths", "explain without formulas"
        # not for someone else: "How would I explain backpropagation to my pupils without any calculus?" asks how to
        # teach it, a question the course answers (it had turned plain words on for the teacher)
        return bool(PLAIN_WORDS.search(self.text)) and not FOR_SOMEONE_ELSE.search(self.text)

    @property
    def asks_for_the_maths(self) -> bool:   # "show me the maths" (after plain words)
        return bool(MATHS_BACK.search(self.text))

    @property
    def asks_for_a_quiz_in_chat(self) -> bool:   # "long day, can we do something easy, like a quiz?"
        return bool(QUIZ_ASKED.search(self.text)) and not QUIZ_BY_SOMEONE_ELSE.search(self.text)

    @property
    def asks_easier(self) -> bool:   # "quiz me, an easy one please"
        return bool(ASKS_EASIER.search(self.text))

    @property
    def asks_to_be_quizzed(self) -> bool:
        return bool(ASKS_TO_BE_QUIZZED.search(self.text))

    @property
    def wants_numeric(self) -> bool:
        return bool(WANTS_NUMERIC.search(self.text))

    @property
    def named_stems(self) -> frozenset[str]:
        """The first five letters of the message's longer words ("derivative" -> "deriv", "parameters" ->
        "param"): what an exercise's id or kind may name ("d1-sigmoid-derivative-generated", "param_count"). Where
        the message says "quiz me on ...", only what follows counts ("I gave you the neuron, the loss ... Quiz me on
        backpropagation then" had got a neuron's forward pass)."""
        asked = QUIZZED_ON.search(self.text)
        return stems(self.text[asked.start():] if asked else self.text) - REQUEST_STEMS

    @property
    def asks_without_struggling(self) -> bool:
        """A question or a challenge ("isn't ReLU worse than the sigmoid?", "a typo?") with no word of being stuck:
        its negative words are the topic's ("die", "worse"), not the learner's mood; no pep talk for it."""
        struggling = self.speech_acts & {"frustration", "sigh", "feeling_bad"}
        return bool(QUESTION_OR_CHALLENGE.search(self.text)) and not struggling

    @property
    def asks_a_question(self) -> bool:
        """A question of the learner's own in the message, beside whatever else it says ("thanks. should I switch
        to a neural net?"): a question word or mark, and more than a word or two."""
        return (bool(ASKS_SOMETHING.search(self.text)) or "?" in self.text) and len(self.text.split()) > 3

    @property
    def corrects_the_last_reply(self) -> bool:   # "No, excuse me, I said Day 2", "i meant day 4"
        return bool(CORRECTS.search(self.text))

    @property
    def asks_for_a_formula(self) -> bool:   # "I would like to see the actual formula written out"
        return bool(FORMULA_ASKED.search(self.text)) and not PLAIN_WORDS.search(self.text)

    @property
    def ends_in_a_question_mark(self) -> bool:   # "and input_shape?": a question, whatever the NLU reads
        return self.text.rstrip().endswith("?")

    @property
    def bare_why(self) -> bool:
        return bool(BARE_WHY.fullmatch(self.text))

    @property
    def says_stop(self) -> bool:
        return bool(STOP.fullmatch(self.text) or STOP_FIRST.match(self.text) or QUIZ_WEARY.search(self.text))

    @property
    def asks_another_kind(self) -> bool:
        """"That's the same kind of question though": another kind of item wanted, not new numbers."""
        return bool(SAME_KIND.search(self.text)) and not self.replayed

    @property
    def asks_simpler(self) -> bool:
        return (bool(ASKS_SIMPLER.search(ASKED_SIMPLY_BY_THE_LEARNER.sub(" ", self.text)))
                and not self.replayed)

    @property
    def asks_verdict(self) -> bool:
        """"was I right?", "what was the answer to the last one?": about an item already answered."""
        return bool(ASKS_VERDICT.search(self.text)) and not self.replayed

    @property
    def contests_grade(self) -> bool:
        """"but I said ten, surely that is right?", "ur grading is broken", "was 0,5 right or not??": a verdict
        disputed, or asked with the learner's answer named."""
        return bool(CONTESTS_GRADE.search(self.text)) and not self.replayed

    @property
    def verdict_on_own_words(self) -> bool:
        """"so for me: E = the pictures with label, T = say cat or dog, P = % correct. is it right?": the verdict
        asked is on what the message itself says (five words or more before the ask), not on an item."""
        asked = ASKS_VERDICT.search(self.text)
        return asked is not None and len(re.findall(r"\w+", self.text[:asked.start()])) >= 5

    @property
    def says_what_was_meant(self) -> bool:   # "lmaooo no i meant a college degree 😂 like a university diploma"
        lead = CORRECTS.match(self.text)
        return lead is not None and len(self.text[lead.end():].split()) >= 3

    @property
    def asks_what_a_word_means(self) -> bool:   # "what does labelled mean in simple words"
        return bool(WORD_MEANING_ASKED.search(self.text))

    @property
    def remarks_on_a_day(self) -> bool:   # "day 3 already?? time flies": a remark, not a question about the day
        return bool(DAY_REMARKED.search(self.text))

    @property
    def continues_the_lesson(self) -> bool:   # "Please continue with the backpropagation lesson"
        return bool(CONTINUE_THE_LESSON.search(self.text))

    @property
    def verdict_on_a_claim_in_it(self) -> bool:
        """"Was I right that always predicting 'no cancel' gives 94% accuracy?": the verdict is asked on the claim that
        follows, not on the last item graded (it had got "Yes: the last question was ..." about an old quiz)."""
        asked = ASKS_VERDICT.search(self.text)
        return asked is not None and bool(re.match(r"\s*(that|about|in thinking|when i said)\s+(?!(the |my |your )?(last|previous|"
                                                  r"first|second|that|this|it)\b)(\S+\s+)+\S+", self.text[asked.end():],
                                                  re.IGNORECASE))

    @property
    def refers_to_previous_item(self) -> bool:
        """"the last one", "the previous question": the item before the open one, not the open one."""
        return bool(PREVIOUS_ITEM.search(self.text))


# a question that asks about the thing just named and names nothing itself: "what is it", "how does it work"
_ABOUT_THE_LAST = re.compile(r"^\W*(?:and |so |but |ok )?(?:what|why|how|where|when|which)\b(?:\s+(?:is|are|does|do|was|were|"
                             r"exactly|it|that|this|they|them|those|these|for|work|works|mean|means|do|used|for|again))*\W*$",
                             re.IGNORECASE)


# the alternative the learner has in mind, after a why ("why do we need the activation? why not just stack the sums")
_WHY_NOT_INSTEAD = re.compile(r"^\W*(?:or |and |but )?why not\b", re.IGNORECASE)


def _with_bare_follow_ups_joined(parts: list[str]) -> list[str]:
    """"and max pooling? what is it", "why do we need X? why not just Y": one question, not two ("And your other
    question, “and max pooling”" had followed the answer to the same thing)."""
    joined: list[str] = []
    for part in parts:
        if joined and (_ABOUT_THE_LAST.match(part) and REFERS_BACK.search(part) or _WHY_NOT_INSTEAD.match(part)
                       and re.match(r"\W*(and |so |but |ok )?why\b", joined[-1], re.IGNORECASE)):
            joined[-1] = f"{joined[-1]} {part}"
        else:
            joined.append(part)
    return joined


def _each_thing_asked(part: str) -> list[str]:
    """"what is loss and epoch" -> "what is loss", "what is epoch": two short things asked at once, each a question
    of its own (only the second had been answered; "ok but what about E and T" had got neither)."""
    both = TWO_THINGS_ASKED.match(part)
    if both is None:
        return [part]
    lead = both["lead"].strip()
    return [f"{lead} {both['first']}?", f"{lead} {both['second']}?"]

