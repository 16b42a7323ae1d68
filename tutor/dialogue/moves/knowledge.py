"""Moves that answer from what the course knows: a concept's glossary card, the knowledge base's answer, its
nearest topics when unsure, and the honest "not in the seminar" (kept for the instructor: `tutorbot unanswered`)."""
from __future__ import annotations

import re

from tutor.curriculum import Concept
from tutor.dialogue import chat_texts, texts
from tutor.dialogue.cues import CLAUSE_END
from tutor.dialogue.moves import questions
from tutor.dialogue.moves.lessons import first_sentence
from tutor.dialogue.moves.options import concept_options, main_options, resume_options
from tutor.dialogue.state import Option
from tutor.dialogue.turn import Turn
from tutor.layer_sums import asks_layer_numbers
from tutor.replies import Reply
from tutor.store import Unanswered


def define_concept(turn: Turn) -> None:
    define(turn, turn.signals.concept)


def define_corrected_concept(turn: Turn) -> None:
    """"no, I meant dropout" right after another card: the card of the concept meant."""
    concept = turn.signals.corrected_to
    define(turn, concept, lead=texts.MY_MISTAKE.format(term=concept.term))


def define(turn: Turn, concept: Concept, lead: str = "") -> None:
    """The concept's card (after ``lead``), its lesson and a quiz offered; "it" next is about it."""
    turn.state.explained = concept.key
    turn.say(f"{lead}\n{card(turn, concept)}".strip(), concept_options(concept))


def keep_card_for_after(turn: Turn) -> None:
    """"what is an LSTM?" during "which LSTM gate erases?": its card names the forget gate, so it waits."""
    questions.keep(turn, card(turn, turn.signals.concept))


def card(turn: Turn, concept: Concept) -> str:
    """The concept's glossary card; its plain-words version for a learner who asked for no maths (which counts as
    its simpler explanation given: "explain again" then goes on to its lesson)."""
    lesson = turn.course.curriculum.lesson(concept.lesson)
    term = concept.term[:1].upper() + concept.term[1:]
    if turn.state.plain and concept.again:
        turn.state.note_put_simply(concept.key)
        return texts.DEFINITION_PLAIN.format(term=term, again=concept.again, day=concept.day, lesson=lesson.title)
    return texts.DEFINITION.format(term=term, definition=concept.definition, day=concept.day, lesson=lesson.title)


def answer_from_knowledge_base(turn: Turn) -> None:
    """The course's own answer to the learner's question, then its lesson or a quiz on it."""
    hit = turn.signals.knowledge
    concepts = [turn.course.curriculum.concepts[key] for key in hit.concepts if key in turn.course.curriculum.concepts]
    # an answer about studying the course as a whole ("lesson: course") has no lesson to offer
    has_lesson = turn.signals.lesson_or_none(hit.lesson) is not None
    options = [Option("Teach me this lesson", f"/lesson {hit.lesson}")] if has_lesson else []
    if concepts:
        turn.state.explained = concepts[0].key    # "an example?", "I don't get it" next are about it
        options.append(Option(f"Quiz me on {concepts[0].term}", f"/quiz {concepts[0].term}"))
    turn.state.answered, turn.state.answered_gist = hit.id, gist(turn.signals.text, hit.answer)
    turn.say(hit.answer, [*options, Option("Continue the course", "/lesson")])


# a question answered by yes or no ("do I need a GPU for this course?"), and the words an answer gives its verdict in
_YES_NO_QUESTION = re.compile(r"(?:^|[.!?]\s+|,\s*|\b(?:but|so|and|ok|also)\s+)(?:do|does|did|is|are|was|were|can|could|"
                              r"should|shall|will|would|must|need|has|have|am)\b[^.!]*\?", re.IGNORECASE)
_VERDICT_WORDS = re.compile(r"^(?:yes|no|not|usually|rarely|mostly|only|both|neither)\b|\b(?:not|no|n't|never|cannot|"
                            r"yes|enough|need|needs|can)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“])")


def gist(question: str, answer: str) -> str:
    """The answer in one line, for "is that a yes?": to a yes-or-no question, its sentence that gives the verdict
    (the one saying yes, no or not that shares most words with the question: "You do not need one for this course"
    to "do I need a GPU for this course?"); to another question, its first sentence, said to be no yes or no."""
    sentences = [part.strip() for part in _SENTENCE_END.split(answer) if part.strip()]
    if not sentences or not _YES_NO_QUESTION.search(question):
        return texts.GIST_OF_AN_OPEN_QUESTION.format(gist=sentences[0] if sentences else answer)
    asked = {word for word in re.findall(r"[a-z]{3,}", question.lower())}
    verdicts = [sentence for sentence in sentences if _VERDICT_WORDS.search(sentence)] or sentences[:1]
    best = max(verdicts, key=lambda sentence: (bool(re.match(r"(?i)(yes|no|not)\b", sentence)),
                                               len(asked & set(re.findall(r"[a-z]{3,}", sentence.lower()))),
                                               -sentences.index(sentence)))
    return texts.GIST_YES_OR_NO.format(gist=best)


def say_the_gist(turn: Turn) -> None:
    """"is that a yes?", "so yes or no?" right after an answer: that answer in one line, not a chat line about
    whether water is wet."""
    turn.say(turn.signals.gist_before, resume_options(turn))


def welcome_then_answers(turn: Turn) -> None:
    """"Thank you, precision and recall makes sense. But how do I handle imbalance, only 6% positive? Should I balance
    the data?": a short welcome, then the course's answer to each question put with the thanks (each answer once)."""
    given: set[str] = set()
    answers = []
    for _, hit in turn.signals.said_beside_questions[1]:
        if hit is not None and hit.id not in given:
            given.add(hit.id)
            answers.append(hit.answer)
            turn.state.answered = hit.id
    turn.say(chat_texts.WELCOME_AND.format(reply="\n".join(answers)), resume_options(turn))


def same_answer_again(turn: Turn) -> bool:
    """The knowledge base's answer to this message is the one given last turn, to other words."""
    if turn.signals.answered_before is None:     # the cheap test first: most turns answered nothing before
        return False
    hit = turn.signals.knowledge
    return hit is not None and not hit.abstained and hit.id == turn.signals.answered_before


def answer_again_in_short(turn: Turn) -> None:
    """A new question whose best answer is the one just given ("What is an AI product manager?" after the answer on
    jobs without coding had got the same paragraph four times): that answer in one sentence, and the nearest other
    topics; the question is kept for the instructor (the course may lack its answer)."""
    hit = turn.signals.knowledge
    turn.state.answered = hit.id
    turn.writes.unanswered.append(Unanswered(turn.signals.text, turn.state.lesson_id))
    options = _topic_options([option.question for option in hit.alternatives if option.id != hit.id][:3])
    turn.say(texts.SAME_ANSWER.format(short=first_sentence(hit.answer)), [*options, Option("Something else", "/help")])


def _topic_options(questions: list[str]) -> list[Option]:
    """Knowledge-base entries offered by their first question, each asked with /ask when picked."""
    return [Option(question[:1].upper() + question[1:], f"/ask {question}") for question in questions]


def offer_nearest_topics(turn: Turn) -> None:
    """The knowledge base is unsure: its nearest topics to choose from; the question is kept for the instructor."""
    turn.writes.unanswered.append(Unanswered(turn.signals.text, turn.state.lesson_id))
    options = _topic_options([option.question for option in turn.signals.knowledge.alternatives[:3]])
    if turn.state.question is not None:   # the open question's options come back after it: the topics are named
        return turn.say(texts.NOT_SURE_NEAREST_NAMED.format(topics=", ".join(f"“{o.label}”" for o in options)))
    turn.say(texts.NOT_SURE_NEAREST, [*options, Option("Something else", "/help")])


def answer_not_a_lesson(turn: Turn) -> None:
    """"will we learn about GANs?" where no lesson teaches it but the knowledge base answers it: said, then the
    short answer."""
    turn.say(texts.NOT_A_LESSON)
    answer_from_knowledge_base(turn)


def not_taught(turn: Turn) -> None:
    """"is docker covered in the course?": no, what the seminar does cover; kept for the instructor."""
    turn.writes.unanswered.append(Unanswered(turn.signals.text, turn.state.lesson_id))
    turn.say(texts.NOT_TAUGHT, main_options())


def admit_no_good_answer(turn: Turn) -> None:
    """A question said again after "you didn't answer", and the course has no sure answer: said so, not guessed,
    and kept for the instructor (asking for it a third time helps no one)."""
    turn.writes.unanswered.append(Unanswered(turn.signals.asked_after_courtesy, turn.state.lesson_id))
    turn.say(texts.NO_GOOD_ANSWER, main_options())


def concept_not_found(turn: Turn) -> None:
    """Not in the seminar: said so, and kept for the instructor (`tutorbot unanswered`)."""
    turn.writes.unanswered.append(Unanswered(turn.signals.text, turn.state.lesson_id))
    # quoted: a term may hold commas itself ("experience, task, performance")
    known = ", ".join(f"“{concept.term}”" for concept in list(turn.course.curriculum.concepts.values())[:5])
    turn.say(texts.CONCEPT_NOT_FOUND.format(known=known), main_options())


def untaught_term_then_card(turn: Turn) -> None:
    """"what is LoRA fine-tuning?": LoRA is not taught, so no guess about it (kept for the instructor); the card of
    the concept the course does teach beside it, said to be only that."""
    turn.writes.unanswered.append(Unanswered(turn.signals.text, turn.state.lesson_id))
    concept = turn.signals.concept
    turn.state.explained = concept.key
    terms = " and ".join(f"“{term}”" for term in turn.signals.untaught_terms[:2])
    turn.say(texts.UNTAUGHT_TERM.format(terms=terms, card=card(turn, concept)), concept_options(concept))


def not_in_the_course(turn: Turn) -> None:
    """A question in the course's words that the course does not answer ("how much do ML engineers earn?"): said
    so, kept for the instructor, and the concept it names offered instead of its card."""
    turn.writes.unanswered.append(Unanswered(turn.signals.text, turn.state.lesson_id))
    concept = turn.signals.concept
    turn.say(texts.NOT_IN_THE_COURSE.format(term=concept.term), [*concept_options(concept), *main_options()[:1]])


def _answered_as_the_conclusion(turn: Turn, part: str, said: str) -> bool:
    """The part's question is the one the stated sums led to, answered with them ("0,5 · 0,5 = 0,25. But where does
    this form come from?" had got the derivation, then a second answer to the same question)."""
    conclusion = turn.signals.conclusion_answer if turn.signals.equations else None
    asked = CLAUSE_END.split(part.strip())[-1].rstrip(" ?")
    return conclusion is not None and conclusion.answer in said and bool(asked) and asked in turn.signals.conclusion_words


def answer_the_other_questions(turn: Turn) -> None:
    """A message with two questions or more ("what is a 'weight'? and what is W transpose x?"): each one the turn's
    reply has not answered, from the knowledge base (the second half had been lost)."""
    said = " ".join(reply.text for reply in turn.replies)
    curriculum = turn.course.curriculum
    for part, hit in turn.signals.answers_to_each_question:
        named = curriculum.find_concept(part)    # "what is a 'weight'?" after the weights card: answered by it
        card_shown = hit.kind in ("what", "meaning") and named is not None and (named.definition in said
                                                                           or bool(named.again) and named.again in said)
        if hit.answer in said or card_shown or hit.id in (turn.state.answered, turn.signals.answered_before):
            continue
        if _answered_as_the_conclusion(turn, part, said):
            continue
        if turn.signals.layer_stack is not None and asks_layer_numbers(part):   # the layers' numbers: worked out
            continue
        beside_an_answer = turn.signals.question_before is not None and turn.signals.reads_as_answer
        template = texts.QUESTION_BESIDE_THE_ANSWER if beside_an_answer else texts.OTHER_QUESTION
        turn.add(Reply(template.format(question=part.rstrip(" ?"), answer=hit.answer), [], []))
        said += " " + hit.answer

