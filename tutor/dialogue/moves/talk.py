"""Conversation moves: greetings, help, concepts and progress, chit-chat, clarification, encouragement, and the
playground commands (resetting progress is in :mod:`tutor.dialogue.moves.reset`)."""
from __future__ import annotations

from tutor import mastery as mastery_rules
from tutor.commands import analogy_reply, entities_reply, sentiment_reply
from tutor.dialogue import chat_texts, texts
from tutor.dialogue.chat_cues import INTRODUCED, INVITES_MORE, OWN_LINE_FIRST
from tutor.dialogue.cues import GREETING, HOW_I_AM_ASKED, HOW_I_AM_ASKED_BACK, HOW_I_AM_SAID, read_acts
from tutor.dialogue.echo import said_about
from tutor.dialogue.moves import questions
from tutor.dialogue.moves.lessons import day_goals, run_descent_with
from tutor.dialogue.moves.options import (
    day_numbers, day_title, main_options, newcomer_options, resume_options, start_day,
)
from tutor.dialogue.signals import INTENT_LABELS
from tutor.dialogue.state import Activity, Mode, Option
from tutor.dialogue.story_cues import ACTS_BEFORE_TOPICS, CONGRATULATE, CONGRATULATED
from tutor.dialogue.turn import Turn
from tutor.replies import Reply

WEAK_SPOTS_SHOWN = 3   # the weakest concepts named for review: a few to act on, not a list to read


CHEERFUL_SCORE = 0.5            # a responder reply at or above it is too cheerful for a negative message


# -- greetings, thanks, help -------------------------------------------------------------------------------
def introduce(turn: Turn) -> None:   # "ok", "👍" as a first message: the introduction without a "Hi!"
    _introduce(turn, texts.INTRODUCTION)


def nod_and_introduce(turn: Turn) -> None:   # "k", "👍" as a first message: nodded back, then the introduction
    _introduce(turn, texts.NOD_FIRST.format(introduction=texts.INTRODUCTION))


def greet_and_introduce(turn: Turn) -> None:   # "hello", /start
    _introduce(turn, texts.HELLO_FIRST.format(introduction=texts.INTRODUCTION))


def _introduce(turn: Turn, introduction: str) -> None:
    greeted = turn.state.mode == Mode.IDLE  # "hello" after the introduction: not all of it again
    turn.state.mode = Mode.IDLE
    turn.say(texts.HI_AGAIN if greeted else introduction, newcomer_options())
    offer_due_reviews(turn)


def welcome_back_to_lesson(turn: Turn) -> None:
    lesson = turn.signals.lesson_before
    turn.say(texts.WELCOME_BACK_LESSON.format(day=lesson.day, title=lesson.title),
             [Option("Continue", "/lesson"), Option("Quiz me", "/quiz"), Option("My progress", "/progress")])
    offer_due_reviews(turn)


def offer_due_reviews(turn: Turn) -> None:
    if turn.due:
        turn.offered_reviews = True
        turn.say(texts.REVIEWS_DUE.format(count=len(turn.due)), [Option("Review now", "/review"), Option("Later", "/lesson")])


def say_goodbye(turn: Turn) -> None:
    turn.say(texts.GOODBYE)


def say_you_are_welcome(turn: Turn) -> None:
    turn.say(texts.YOU_ARE_WELCOME, resume_options(turn))


def work_out_arithmetic(turn: Turn) -> None:   # "whats 17 times 23": the sum, not a refusal
    sum_ = turn.signals.arithmetic
    turn.say(turn.vary("arithmetic", chat_texts.ARITHMETIC).format(expression=sum_.expression, result=sum_.result),
             resume_options(turn))


def welcome_and_chat(turn: Turn) -> None:   # "thanks that helps! what's your favourite network?": both answered
    turn.say(chat_texts.WELCOME_AND.format(reply=_chat(turn, frozenset({"thanks"}))), resume_options(turn))


def say_you_are_welcome_to_start(turn: Turn) -> None:   # nothing taught yet: no "shall we keep going?"
    turn.say(chat_texts.WELCOME_TO_START, newcomer_options())


def apologise_and_offer_another_way(turn: Turn) -> None:
    """"thanks for nothing": an apology and another way, not "you're welcome"."""
    turn.say(texts.SORRY_IT_DID_NOT_HELP, [Option("Explain again", "/repeat"), *resume_options(turn)][:3])


def apologise_first(turn: Turn) -> None:
    """"you didnt say", "I asked about the rules, not about pixels": owned up to before the next try."""
    turn.replies.insert(0, Reply(turn.vary("sorry_missed", chat_texts.SORRY_MISSED)))


def apologise_for_repeating(turn: Turn) -> None:
    """"you repeated yourself": owned up to, then said another way (the row's table)."""
    turn.say(turn.vary("sorry_repeated", texts.SORRY_REPEATED))


def own_the_missed_words(turn: Turn) -> None:
    """"I literally said x3 lol. ok weiter": the learner had said it; owned up to before the lesson goes on."""
    turn.say(turn.vary("own_words_missed", texts.OWN_WORDS_MISSED))


def apologise_for_repeating_then_answer(turn: Turn) -> None:
    """"you're repeating yourself. ok last q: ...?": owned up to, then the new question answered (the row's move)."""
    turn.say(turn.vary("sorry_repeated_then_answer", texts.SORRY_REPEATED_THEN_ANSWER))


def explain_what_i_do(turn: Turn) -> None:
    turn.say(texts.HELP, [Option("Continue the course", "/lesson"), Option("Quiz me", "/quiz"),
                          Option("My progress", "/progress")])


def accept_no(turn: Turn) -> None:
    turn.state.mode = Mode.IDLE if turn.state.mode != Mode.NEW else Mode.NEW
    turn.say(texts.NO_PROBLEM, main_options())


def unknown_command(turn: Turn) -> None:
    turn.say(texts.UNKNOWN_COMMAND.format(name=turn.signals.command_name), main_options())


def no_such_lesson(turn: Turn) -> None:
    turn.say(texts.NO_SUCH_LESSON.format(name=turn.signals.argument), main_options())


def start_a_lesson_first(turn: Turn) -> None:
    turn.say(texts.START_A_LESSON_FIRST, main_options())


def nothing_to_repeat(turn: Turn) -> None:
    turn.say(texts.NOTHING_TO_REPEAT, [start_day(1)])


def no_question_to_skip(turn: Turn) -> None:
    turn.say(texts.NO_OPEN_QUESTION, main_options())


# -- progress ------------------------------------------------------------------------------------------------
def show_progress(turn: Turn) -> None:
    curriculum, mastery = turn.course.curriculum, turn.state.mastery
    lines, by_day = [], {}
    for day in day_numbers(curriculum):
        concepts = [c.key for c in curriculum.concepts.values() if c.day == day]
        by_day[day] = mastery_rules.fraction_mastered(mastery, concepts)
        done = sum(mastery_rules.is_mastered(mastery, c) for c in concepts)
        lines.append(texts.PROGRESS_LINE.format(day=day, title=day_title(curriculum, day), done=done, total=len(concepts))
                     + (" ✅" if concepts and done == len(concepts) else ""))
    summary = texts.PROGRESS.format(practised=len(mastery), due=len(turn.due), lines="\n".join(lines))
    if (place := _place(turn)) is not None:   # "where did I stop?": the lesson and step, not only the counts
        summary += f"\n{place}"
    chart = turn.course.draw_safely("progress", mastery=by_day)
    options = resume_options(turn)
    if turn.due:  # "review" reads as progress: the due review is the first thing to offer
        options = [Option("Review now", "/review"), *options]
    named = turn.signals.day
    if named is not None:  # "what's on day 5?" reads as progress: that day's goals first
        summary = f"{day_goals(turn, named)}\n\n{summary}"
        options = [start_day(named), *options][:3]
    turn.say(summary, options, [chart] if chart else [])


def show_weak_spots(turn: Turn) -> None:
    """"what were my weak spots?", "what should I review before Day 2?": the concepts practised and not mastered,
    weakest first, with a quiz on the weakest (it had jumped into Day 2, or shown only the counts)."""
    concepts, mastery = turn.course.curriculum.concepts, turn.state.mastery
    weak = sorted((score, key) for key, score in mastery.items()
                  if key in concepts and not mastery_rules.is_mastered(mastery, key))[:WEAK_SPOTS_SHOWN]
    if not mastery:
        return turn.say(texts.NOTHING_PRACTISED, main_options())
    if not weak:
        return turn.say(texts.NO_WEAK_SPOTS, [Option("Review now", "/review"), *main_options()[:1]])
    lines = [texts.WEAK_SPOT_LINE.format(term=concepts[key].term, day=concepts[key].day) for _, key in weak]
    weakest = concepts[weak[0][1]]
    turn.say("\n".join([texts.WEAK_SPOTS, *lines]),
             [Option(f"Quiz me on {weakest.term}", f"/quiz {weakest.term}"), Option("Review now", "/review")])


def _place(turn: Turn) -> str | None:
    """Where the learner stopped: the lesson shown last and its step."""
    lesson = turn.signals.lesson_or_none(turn.state.lesson_id)
    if lesson is None:
        return None
    step = min(turn.state.step, len(lesson.steps) - 1) + 1
    return texts.STOPPED_AT.format(day=lesson.day, title=lesson.title, step=step, total=len(lesson.steps))


# -- chit-chat -----------------------------------------------------------------------------------------------------
def chat_then_course(turn: Turn) -> None:
    """The responder's reply (a persona line without one), then back to the course, unless the reply asks the
    learner something already (two questions in a row read as not listening)."""
    reply = _chat(turn)
    turn.say(reply if asks_back(reply) else texts.BACK_TO_COURSE.format(reply=reply), resume_options(turn))


def chat_only(turn: Turn) -> None:
    """Serious bad news: sympathy, and the course only as the options, never "shall we get back to the course?"."""
    turn.say(_chat(turn), resume_options(turn))


def chat_then_introduce(turn: Turn, reply: str | None = None) -> None:
    """A new learner's first message was chat ("just watched dune 2, it was amazing"): answered first, then who
    the tutor is in one line, with no second question."""
    turn.state.mode = Mode.IDLE
    reply = reply or _chat(turn)
    turn.say(_then_introduce(reply, texts.CHAT_THEN_INTRODUCTION, chat_texts.CHAT_THEN_START).format(reply=reply),
             newcomer_options())


def react_to_nothing(turn: Turn) -> None:
    """"wow", "oh really?" as the very first message: nothing was said to react to, so no "Right? Deep learning is
    full of surprises" as if it had been; asked what's up, then who the tutor is."""
    chat_then_introduce(turn, turn.vary("reaction to nothing", chat_texts.REACTION_TO_NOTHING))


def say_goodnight(turn: Turn) -> None:   # "good nite 😴": a goodnight, not sympathy for the sleepy emoji
    turn.responder_replied = True
    turn.say(turn.vary("chat goodnight", chat_texts.FIRST_CHAT_BY_ACT["goodnight"]))


def welcome_back(turn: Turn) -> None:
    """"hello again, it's me" from a learner with no lesson done: welcomed back, not introduced as to a newcomer."""
    turn.state.mode = Mode.IDLE
    turn.say(turn.vary("welcome back", chat_texts.WELCOME_BACK_NEW),
             newcomer_options())
    offer_due_reviews(turn)


def greet_and_answer(turn: Turn) -> None:
    """A hello with more ("evening! long day"): hello, a line for what else was said (its act's, else the news said
    back), then, for a new learner, who the tutor is in one line, else the course offered."""
    turn.state.mode = Mode.IDLE
    rest = turn.signals.said_besides_hello
    said = read_acts(rest) | ({"feeling_bad"} if "feeling_bad" in turn.signals.chat_acts else set())
    # "my name is Marta": said back once, as who they are ("Nice to meet you, Marta!"), not again as news
    told = {"self_intro", "life_news"} if "self_intro" in said else set()
    act = next((act for act in texts.CHAT_BY_ACT if act in said - told), None)
    reply = _small_talk_line(turn) or _with_who_they_are(turn, _act_line(turn, act, rest) if act else None, rest, said)
    # "how are you?" said too: its line says hello itself; "no way" as a first word says no hello to answer
    hello = "" if GREETING.match(reply) or "greeting" not in turn.signals.speech_acts else texts.HELLO
    if turn.signals.mode_before == Mode.NEW:
        then = _then_introduce(reply, texts.HELLO_AND_MORE, chat_texts.HELLO_AND_START)
    else:   # introduced already: "Hi again" had answered "heyyy :) how are you today?" and nothing else
        then = chat_texts.HELLO_AND_MORE_ASKED if asks_back(reply) else chat_texts.HELLO_AND_MORE_AGAIN
    turn.say(then.format(hello=hello, reply=reply),
             newcomer_options())


def _with_who_they_are(turn: Turn, line: str | None, rest: str, said: frozenset[str]) -> str:
    """"Hello, how's your day? I am from Brazil": who they are said back too ("Oh, Brazil! ..."), before the answer
    (after it where the answer is a hello itself), else the answer alone, else a nod."""
    if "self_intro" not in said:
        return line or texts.HELLO_NOD
    met = _act_line(turn, "self_intro", rest)
    return met if line is None else f"{line} {met}" if GREETING.match(line) else f"{met} {line}"


def _then_introduce(reply: str, introducing: str, starting: str) -> str:
    """How a first reply ends: who the tutor is, unless the reply said so already ("I'm tutorbot, a program ...")."""
    return starting if INTRODUCED.search(reply) else introducing


def asks_back(reply: str) -> bool:   # "What's yours?", "Tell me more." invite an answer: no second question
    return reply.rstrip().endswith("?") or bool(INVITES_MORE.search(reply))


def chat_then_question(turn: Turn) -> None:
    questions.back_to_question(turn, _chat(turn))


def _chat(turn: Turn, answered: frozenset[str] = frozenset()) -> str:
    """The chat line (:func:`_chat_line`), after a congratulation for news that deserves one and that the line does
    not answer ("Got a promotion today!!! Should I buy myself something or be a responsible adult?" had got only the
    pick), or after how the tutor is, asked back beside the learner's own news."""
    line = _chat_line(turn, answered)
    if CONGRATULATE.search(turn.signals.text) and not CONGRATULATED.search(line):
        return f"{chat_texts.CONGRATULATIONS_FIRST} {line}"
    # "just got off a night shift, my feet are screaming, how's your day going": the sympathy, and the question too
    if HOW_I_AM_ASKED_BACK.search(turn.signals.text) and not HOW_I_AM_SAID.search(line):
        return f"{chat_texts.HOW_I_AM_FIRST} {line}" if asks_back(line) else f"{line} {chat_texts.HOW_I_AM_AFTER}"
    return line


def _chat_line(turn: Turn, answered: frozenset[str] = frozenset()) -> str:
    """The responder's reply; where it has none that answers the message's speech act, or the act is one it was
    never trained for (chat_cues.OWN_LINE_FIRST), that act's line (in turn, never the same twice in a row); else the
    persona line. ``answered``: acts the move answers itself (the thanks of "thanks! what's your favourite...")."""
    if not turn.signals.first_act_of(ACTS_BEFORE_TOPICS) and (topic_line := _small_talk_line(turn)):
        return topic_line
    if turn.signals.asks_the_bot:   # "thanks! what's your favourite network?": the question, not the courtesy
        answered |= {"thanks"}
    act = turn.signals.first_act_of(act for act in texts.CHAT_BY_ACT if act not in answered)
    # its fallback lines decline ("that is beyond me"): ours instead; and ours for what it was never trained on
    reply = None if act in OWN_LINE_FIRST or turn.own_lines_only else chit_chat_reply(turn, fallback=False)
    turn.responder_replied = reply is not None or act in texts.ACTS_THAT_MEET_THE_MOOD
    if reply is None and act is not None:
        reply = _act_line(turn, act)
    # "how's your day? I am from Brazil": who they are taken up too, not only the question
    return _with_who_they_are(turn, reply or _fallback_line(turn), turn.signals.text, turn.signals.chat_acts - {act})


def _fallback_line(turn: Turn) -> str:
    question, news, too_short = texts.CHIT_CHAT_FALLBACK
    if turn.signals.says_little:
        return too_short
    return question if "question" in turn.signals.speech_acts else news


def say_small_talk_line(turn: Turn) -> None:
    """The topic's own line said before what the rest of the message asks ("tired, exam tomorrow. can we do the
    gradient descent part": the good luck, then the lesson)."""
    if line := _small_talk_line(turn):
        turn.say(line)


def _small_talk_line(turn: Turn) -> str | None:   # "do you sleep at night?": the topic's own line, in turn
    if (topic := turn.signals.small_talk) is None:
        return None
    turn.responder_replied = True
    return turn.vary(f"small talk {topic.id}", topic.replies)


def _act_line(turn: Turn, act: str, text: str | None = None) -> str:
    """The act's line that says back what the message said ("Oh, you have a dog named Rex!"), else its general one."""
    said = turn.signals.text if text is None else text
    about = said_about(act, said)
    if about is None:
        act = "greeting_asked" if act == "greeting" and HOW_I_AM_ASKED.search(said) else act
        return turn.vary(f"chat {act}", texts.CHAT_BY_ACT[act])
    key, fields = about
    line = turn.vary(f"chat {act}", texts.CHAT_ABOUT_BY_ACT[key]).format(**fields)
    return line[:1].upper() + line[1:]


def chit_chat_reply(turn: Turn, fallback: bool = True) -> str | None:
    """The responder's reply; None without one, when every candidate answers another speech act (a greeting to
    "good night"), or when it is cheerful to a learner who is not ("ugh" -> "Good. Do you want a quick quiz to
    check?"), measured with our own sentiment model. ``fallback=False``: None instead of its generic line."""
    course, signals = turn.course, turn.signals
    if course.responder is None or signals.wordless:
        return None
    reply = (course.responder(signals.text, refuse=signals.contradicted_by, fallback=fallback) or "").strip()
    if not reply or signals.contradicted_by(reply):
        return None
    mood = course.nlu(reply).sentiment if course.nlu and signals.negative else None
    return None if mood is not None and mood.score >= CHEERFUL_SCORE else reply


def decline_briefly(turn: Turn) -> None:
    questions.back_to_question(turn, texts.CANNOT_HELP_SHORT)


def ask_why_what(turn: Turn) -> None:
    """"ok but why" with nothing said before it: why what?"""
    turn.say(texts.WHY_WHAT, main_options())


def decline(turn: Turn) -> None:
    turn.say(texts.CANNOT_HELP, main_options())


def say_it_is_outside_what_i_know(turn: Turn) -> None:   # a question, not a task: "I'd be guessing", no refusal
    turn.say(turn.vary("outside my knowledge", texts.OUTSIDE_MY_KNOWLEDGE), main_options())


def clarify(turn: Turn) -> None:
    """"Did you want to …": the NLU's two best guesses; the learner's message is kept to replay."""
    analysis = turn.signals.analysis
    ranking = analysis.intent_ranking[:2] if analysis else []
    if turn.state.mode != Mode.CLARIFYING:
        turn.state.interrupt(Activity.CLARIFICATION, Mode.CLARIFYING)
    turn.state.clarify_text = turn.signals.text
    # "out of scope" is no guess to offer: it is what "Something else" already says (it had been listed twice)
    options = [Option(INTENT_LABELS.get(s.name, s.name), f"/intent {s.name}") for s in ranking if s.name != "out_of_scope"]
    turn.say(texts.CLARIFY, options + [Option("Something else", "/help")])


def resume_clarified(turn: Turn) -> None:
    """The learner chose what they meant: back where they were, their message read with that intent."""
    turn.state.clarify_text = None
    turn.state.mode = turn.state.resume(Activity.CLARIFICATION)


# -- encouragement -------------------------------------------------------------------------------------------------
def encourage(turn: Turn, easier: str = "") -> None:
    turn.replies.insert(0, Reply(turn.vary("encourage", texts.ENCOURAGE) + easier))


def stay_calm(turn: Turn) -> None:
    """An insult: no "everyone finds this hard", no lecture; what the learner can do next."""
    turn.say(turn.vary("calm", texts.CALM), [Option("Explain again", "/repeat"), *resume_options(turn)][:3])


def rest_before_starting(turn: Turn) -> None:   # tired before any lesson: no "today's lesson" to make stick
    turn.say(turn.vary("rest first", chat_texts.REST_BEFORE_STARTING), newcomer_options())


def agree_to_later(turn: Turn) -> None:   # "I'll do the lesson after dinner": not Day 1 at once
    when = turn.signals.puts_off_the_course or "later"
    lines = chat_texts.LATER if turn.state.lesson_id else chat_texts.LATER_BEFORE_STARTING
    turn.say(turn.vary("later", lines).format(when=when), [Option("Start now instead", "/lesson")])


def suggest_a_break(turn: Turn) -> None:
    turn.say(turn.vary("break", texts.BREAK), [Option("Continue anyway", "/lesson"), Option("My progress", "/progress")])


def encourage_only(turn: Turn) -> None:
    encourage(turn)


def encourage_to_skip(turn: Turn) -> None:
    encourage(turn, texts.EASIER_SKIP if questions.open_question(turn).hints else "")


def encourage_with_next_hint(turn: Turn) -> None:
    """The next hint of the question's help ladder, one rung up as "no idea" would climb."""
    turn.state.misses += 1
    encourage(turn, texts.EASIER_HINT.format(hint=questions.open_question(turn).hints[turn.state.misses - 1]))


def encourage_with_worked_example(turn: Turn) -> None:
    example = Option("Show me a worked example", f"/example {turn.state.lesson_id}")
    turn.state.options.append(example)
    if turn.replies:
        turn.replies[-1].options.append(example.label)
    encourage(turn, texts.EASIER_EXAMPLE)


def encourage_to_start(turn: Turn) -> None:
    encourage(turn, texts.EASIER_START)


# -- the playground ------------------------------------------------------------------------------------------------
def read_sentiment(turn: Turn) -> None:
    _read_sentiment_of(turn, turn.signals.argument)


def read_sentiment_asked_in_words(turn: Turn) -> None:
    """"How would it rate: 'The new checkout flow is confusing and slow'": the tool run on the quoted text (it had got
    "everyone finds this hard" and the sentiment card)."""
    _read_sentiment_of(turn, turn.signals.sentiment_asked_on)


def _read_sentiment_of(turn: Turn, text: str) -> None:
    turn.add(sentiment_reply(turn.course.nlu, text))
    _thread_on(turn, "sentiment_analysis")   # "only +0.3? why not higher?" next asks about this score


def _thread_on(turn: Turn, concept_key: str) -> None:
    """A tool's result is what the next "why?" is about: its concept counts as just explained."""
    if concept_key in turn.course.curriculum.concepts:
        turn.state.explained = concept_key


def find_entities(turn: Turn) -> None:
    turn.add(entities_reply(turn.course.nlu, turn.signals.argument))


def compute_analogy(turn: Turn) -> None:
    turn.add(analogy_reply(turn.course.embeddings, turn.signals.argument))
    _thread_on(turn, "word_analogy")   # "why is germany there too?" next asks about this list


def run_descent(turn: Turn) -> None:
    run_descent_with(turn, turn.signals.argument)
