"""Lab moves: listing the labs, starting one with checked settings, and showing what came back.

Starting a lab only leaves a :class:`LabRequest` in the turn's writes: the core hands it to the lab
pool once the turn is saved (bot/labs.py). The result comes back as a turn of its own
(``Signals.labs.done``): the figures, the code, the pictures, and the lab's question, asked as the
learner's open question, graded like an exercise and counted towards the lab's first concept.
"""
from __future__ import annotations

from typing import Any

from labs import registry
from labs.base import LabQuestion, LabResult, LabSpec
from tutor.dialogue import lab_texts
from tutor.dialogue.moves import questions
from tutor.dialogue.state import Option
from tutor.dialogue.turn import Turn
from tutor.exercise_audit import holds_answer
from tutor.exercises import Question
from tutor.lab_runs import LabDone, LabRequest, run_of
from tutor.replies import Reply

KEPT_RUNS = 10            # the runs the dialogue remembers (the store keeps every one)


MAX_LAB_OPTIONS = 12


def list_labs(turn: Turn) -> None:
    labs = registry.labs()
    lines = [lab_texts.LAB_LINE.format(name=lab.name, day=lab.spec.day, title=lab.spec.title) if lab.spec
             else lab_texts.LAB_LINE_MISSING.format(name=lab.name) for lab in labs]
    runnable = [lab for lab in labs if lab.spec]
    example = f"{runnable[0].name} {registry.params_of(runnable[0].spec)[0].name}=..." if runnable else "NAME"
    text = "\n".join([lab_texts.LABS.format(example=example), *lines, lab_texts.LAB_MORE])
    # every runnable lab a button (Messenger's quick replies stop at 13, far above the labs there are)
    turn.say(text, [Option(lab.title, f"/lab {lab.name}") for lab in runnable[:MAX_LAB_OPTIONS]])


def _names(available_only: bool = False) -> str:
    return ", ".join(lab.name for lab in registry.labs() if lab.available or not available_only)


def no_such_lab(turn: Turn) -> None:
    name = turn.signals.argument.split()[0] if turn.signals.argument else "?"
    turn.say(lab_texts.NO_SUCH_LAB.format(name=name[:40], names=_names()))


def lab_unavailable(turn: Turn) -> None:
    turn.say(lab_texts.LAB_UNAVAILABLE.format(name=turn.signals.labs.name, names=_names(available_only=True) or "none"))


def explain_settings(turn: Turn) -> None:
    """A setting out of its range, or one the lab does not have: said, with every setting's range."""
    spec = turn.signals.labs.spec
    turn.say(lab_texts.LAB_BAD_SETTINGS.format(error=turn.signals.labs.settings_error, title=spec.title,
                                           lines="\n".join(registry.help_lines(spec))))


def describe_lab(turn: Turn) -> None:
    """What a lab does and its settings, without running it; the option runs it."""
    spec = turn.signals.labs.spec
    turn.say(lab_texts.LAB_ABOUT.format(title=spec.title, day=spec.day, name=spec.name,
                                    lines="\n".join(registry.help_lines(spec))),
             [Option(lab_texts.LAB_OPTION_RUN, f"/lab {spec.name}")])


def start_lab(turn: Turn) -> None:
    """The lab with the settings read; the pool says at once whether it runs now or waits (bot/labs.py)."""
    signals = turn.signals.labs
    values = signals.settings.values
    questions.drop(turn)
    turn.intent = "lab"
    turn.writes.lab = LabRequest(signals.name, dict(values))
    turn.say(lab_texts.LAB_STARTING.format(title=signals.spec.title, settings=registry.describe_settings(signals.spec, values)))


def nothing_to_repeat(turn: Turn) -> None:
    turn.say(lab_texts.LAB_NOTHING_AGAIN)


def show_history(turn: Turn) -> None:
    if not turn.state.labs:
        return turn.say(lab_texts.LAB_HISTORY_EMPTY)
    lines = [lab_texts.LAB_HISTORY_LINE.format(lab=run["lab"], settings=_settings(run["params"]), status=run["status"],
                                           figures=f": {_figures(run['figures'])}" if run["figures"] else "")
             for run in reversed(turn.state.labs)]
    turn.say(lab_texts.LAB_HISTORY.format(lines="\n".join(lines)), [Option(lab_texts.LAB_OPTION_AGAIN, "/lab again")])


KeptRun = dict[str, Any]   # a run as the learner's state keeps it: {lab, params, status, figures}
NOISE_POINTS = 1.5   # test-accuracy points a lab's run moves by with another seed alone (docs/labs.md)


def compare_runs(turn: Turn) -> None:
    """"Is this because of dropout or because of 10 epochs?": the two latest runs' settings and main figure side by
    side, what changed between them, and what the comparison can and cannot say (two changes at once, chance)."""
    compared = turn.signals.labs.runs_compared
    assert compared is not None, "a rule guarantees two runs compared"
    first, second = compared
    changed = [key for key in second["params"] if first["params"].get(key) != second["params"][key] and key != "seed"]
    text = lab_texts.RUNS_COMPARED.format(lab=second["lab"], before=_run_line(first), after=_run_line(second))
    if len(changed) > 1:
        keep = changed[0]
        one = " ".join(f"{key}={_value(first['params'][key] if key != keep else second['params'][key])}"
                       for key in changed)
        text += "\n" + lab_texts.RUNS_TWO_CHANGES.format(changes=" and ".join(changed), lab=second["lab"], one=one)
    elif changed:
        key = changed[0]
        gap = _accuracy_gap(first, second)
        noise = lab_texts.RUNS_NOISE.format(points=f"{NOISE_POINTS:g}") if gap is not None and gap < NOISE_POINTS else ""
        text += "\n" + lab_texts.RUNS_ONE_CHANGE.format(
            change=f"{key} ({_value(first['params'][key])} → {_value(second['params'][key])})", noise=noise)
    else:
        text += "\n" + lab_texts.RUNS_NO_CHANGE
    questions.side_answer(turn, text, [Option(lab_texts.LAB_OPTION_AGAIN, "/lab again")])


def explain_the_run(turn: Turn) -> None:
    """"training loss goes to 0,03 but validation stays ~0,11, is that overfitting or not? how do i fix it": what the
    run showed, read again for the learner (it had got the overfitting card); the questions' own answers follow (AFTER's
    "the message's other questions"). Never where it would answer the run's open question."""
    run = turn.signals.labs.run_asked_about
    question = turn.state.question.question if turn.state.question else None
    if question is not None and holds_answer(question, run["summary"]):
        turn.say(lab_texts.RUN_VERDICT_AFTER_ANSWER)
        return
    turn.say(lab_texts.RUN_VERDICT.format(settings=_settings(run["params"]), summary=run["summary"]))


def answer_without_pictures(turn: Turn) -> None:
    """"I cannot see the confusion matrix, only file paths": the lab's question ended as a skip, its answer and
    what the run showed said in words (it had been "look at the pictures of the run again")."""
    turn.say(lab_texts.LAB_PICTURES_UNSEEN)
    questions.skip_question(turn)


def _run_line(run: KeptRun) -> str:
    accuracy = _accuracy(run)
    shown = f"accuracy {accuracy:.1%}" if accuracy is not None else _figures(run["figures"])
    return f"({_settings({k: v for k, v in run['params'].items() if k != 'seed'})}: {shown})"


def _accuracy(run: KeptRun) -> float | None:
    value = run["figures"].get("test_accuracy", run["figures"].get("accuracy"))
    return float(value) if isinstance(value, (int, float)) else None


def _accuracy_gap(first: KeptRun, second: KeptRun) -> float | None:
    before, after = _accuracy(first), _accuracy(second)
    return abs(after - before) * 100 if before is not None and after is not None else None


def _value(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _settings(params: dict[str, object]) -> str:
    return ", ".join(f"{key}={_value(value)}" for key, value in params.items())


def _figures(figures: dict[str, float]) -> str:
    return " · ".join(f"{key.replace('_', ' ')} {_number(value)}" for key, value in figures.items())


def _number(value: float) -> str:
    """27370 parameters as "27,370", not "2.737e+04"; fractions to four significant digits."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:.4g}"


# -- the result, a turn of its own ------------------------------------------------------------------------------
def _done(turn: Turn) -> tuple[LabDone, LabSpec | None]:
    done = turn.signals.labs.done
    assert done is not None, "a rule guarantees a lab that ended"
    turn.intent = "lab_result"
    turn.writes.finished_labs.append(run_of(done))
    run = run_of(done)
    summary = done.result.summary if done.result is not None else None   # "is that overfitting?" asked of it later
    turn.state.labs = [*turn.state.labs, {"lab": run.lab, "params": run.params, "status": run.status,
                                          "figures": run.figures, "summary": summary}][-KEPT_RUNS:]
    return done, registry.spec(done.lab)


def show_result(turn: Turn) -> None:
    """The run's summary, figures and pictures, its code, then its question (or the lesson and a quiz)."""
    done, spec = _done(turn)
    result = done.result
    title = spec.title if spec else done.lab
    asking = result.question is not None and spec is not None
    text = (lab_texts.LAB_DONE_ASKING if asking else lab_texts.LAB_DONE).format(
        title=title, settings=_settings(result.params), seconds=done.seconds, summary=result.summary,
        figures=_figures(result.figures))
    turn.say(text, [], list(done.images))
    turn.add(Reply(lab_texts.LAB_CODE.format(code=result.code)))
    if spec and spec.lesson and spec.concepts:
        turn.add(Reply(lab_texts.LAB_NEXT.format(lesson=spec.lesson, concept=spec.concepts[0].replace("_", " "))))
    if result.question is not None and spec is not None:
        questions.pose_question(turn, lab_question(spec, result, result.question))
    elif spec is not None:
        turn.say(lab_texts.LAB_NEXT.format(lesson=spec.lesson, concept=spec.concepts[0]), after_options(spec))


def after_options(spec: LabSpec) -> list[Option]:
    options = [Option(lab_texts.LAB_OPTION_AGAIN, "/lab again")]
    if spec.lesson:
        options.insert(0, Option(lab_texts.LAB_OPTION_LESSON, f"/lesson {spec.lesson}"))
    if spec.concepts:
        options.insert(1, Option(lab_texts.LAB_OPTION_QUIZ, f"/quiz {spec.concepts[0].replace('_', ' ')}"))
    return options


def lab_question(spec: LabSpec, result: LabResult, asked: LabQuestion) -> Question:
    """The lab's question as an exercise: its concept the lab's first, its hints from the run itself; what the run
    showed comes with the answer."""
    showed = lab_texts.LAB_SHOWED.format(summary=result.summary, figures=_figures(result.figures))
    look = lab_texts.LAB_HINT_RUN if result.pictures else lab_texts.LAB_HINT_NO_PICTURES   # "what pictures?"
    question = Question(
        exercise_id=f"lab:{spec.name}", concept=spec.concepts[0] if spec.concepts else spec.name,
        prompt=asked.prompt, options=list(asked.options), answer=asked.answer, hints=[look, asked.hint or look],
        solution=f"{asked.answer}. {asked.explanation}\n{showed}", explanation=f"{asked.explanation}\n{showed}",
        accept=list(asked.accept))
    # the second hint: what the run showed, unless it says the answer (the best epoch's summary did)
    if not asked.hint and not holds_answer(question, result.summary):
        question.hints[1] = lab_texts.LAB_HINT_FIGURES.format(summary=result.summary)
    return question


def tell_stopped(turn: Turn) -> None:
    done, spec = _done(turn)
    turn.say(lab_texts.LAB_STOPPED.format(title=spec.title if spec else done.lab, settings=_settings(done.params),
                                      why=done.stopped, name=done.lab), [Option(lab_texts.LAB_OPTION_AGAIN, "/lab again")])


def tell_failed(turn: Turn) -> None:
    done, spec = _done(turn)
    turn.say(lab_texts.LAB_FAILED.format(title=spec.title if spec else done.lab, why=done.error or lab_texts.LAB_CRASHED))
