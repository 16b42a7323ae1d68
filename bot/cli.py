"""The `tutorbot` command (SPEC: "Command line").

    tutorbot train   [--data DIR ...] [--only NAME ...] [--seed N] [--preset tiny|default|long]
    tutorbot shell | telegram | messenger | serve   the channels (their own options: see their modules)
    tutorbot analyze TEXT ... [--json]
    tutorbot eval FILE ... [--json] [--report DIR]
    tutorbot exercises sample|grade|check ...     preview and check exercises (bot/exercises_cli.py)
    tutorbot review-fit                            fit the course's FSRS parameters (bot/review_cli.py)
    tutorbot lab [NAME key=value ...]              list the hands-on labs, or run one (bot/lab_cli.py)

Every command takes --models DIR ($TUTORBOT_MODELS, else models/), --db PATH|URL ($TUTORBOT_DB,
else tutorbot.db; a SQLite file or postgresql://...) and --log-level (default INFO; secrets are masked at every level). Exit codes: 0 success, 1 `eval` with a failing dialogue, 2 a user mistake
(printed as one line `tutorbot: error: ...`, never a traceback), 130 interrupted, 141 the
reader of standard output went away (`| head`).
Heavy imports (torch, the channels) happen inside the command that needs them, so
`tutorbot --help` and argument errors are instant.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import importlib
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot import exercises_cli, lab_cli, review_cli
from nlp.errors import TutorbotError

PRESETS = ("tiny", "default", "long")
DEFAULT_MODELS = Path("models")
COMPONENT_NAMES = "embeddings, intent, sentiment, ner, persona, responder, answers"
# The channel subcommands: name -> (module, help). Each module has add_arguments(parser) and run(args) -> int.
CHANNELS = {
    "shell": ("bot.shell", "chat with the tutor in the terminal"),
    "telegram": ("bot.telegram", "run the Telegram bot (polling, or webhook with --webhook-url)"),
    "messenger": ("bot.messenger", "run the Facebook Messenger webhook server"),
    "serve": ("bot.serve", "one server: web chat page, REST API, /model/parse, /healthz, /metrics and the webhooks"),
}
SERVERS = ("serve", "shell", "telegram", "messenger")   # commands that load everything, then run for long
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a killed pipe writer
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code (the console script passes it to sys.exit)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = _chosen_command(argv)
    # Starting allocates some 300,000 objects that all stay (torch, the models, the curriculum): the
    # cyclic garbage collector walked them again and again as they came, 0.1-0.2 s of a 2 s start. A
    # server turns it back on once its core is open (bot.core.started); any other command once parsed.
    gc.disable()
    try:
        args = build_parser(chosen=chosen).parse_args(argv)
        if chosen not in SERVERS:
            gc.enable()
        _resolve_models(args)
        configure_logging(args.log_level)
        code = args.handler(args)
        sys.stdout.flush()  # a closed pipe shows here, where it is handled, not at interpreter exit
        return code
    except SystemExit as exit_:  # argparse: --help (0) or a usage error (2), already printed
        return _exit_code(exit_)
    except TutorbotError as error:
        _print_error(str(error))
        return error.exit_code
    except (FileNotFoundError, FileExistsError, PermissionError, IsADirectoryError, NotADirectoryError) as error:
        if error.filename is None:  # not about a path the user gave: a bug, keep its traceback
            raise
        # A path the user gave that cannot be read or written (--report, --models, --db).
        _print_error(_path_problem(error))
        return 2
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `tutorbot analyze ... | head`: the reader left; say nothing more
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    finally:
        gc.enable()


def _resolve_models(args: argparse.Namespace) -> None:
    """--models, else $TUTORBOT_MODELS, else models/; ``args.models_chosen`` says whether the user
    named it (only then is a missing directory surely a typo, and never a place to train into)."""
    if not hasattr(args, "models"):   # a command without models (`rules`)
        return
    chosen = args.models or (Path(os.environ["TUTORBOT_MODELS"]) if os.environ.get("TUTORBOT_MODELS") else None)
    args.models_chosen = chosen is not None
    args.models = chosen or DEFAULT_MODELS


def _path_problem(error: OSError) -> str:
    # Every folder is made with exist_ok=True: it exists, then, as something else (`--report ok.yml`).
    problem = "exists and is not a folder" if isinstance(error, FileExistsError) else error.strerror
    return f"{problem}: {error.filename}"


def _exit_code(exit_: SystemExit) -> int:
    """sys.exit's convention: None is success, an int is the code, anything else a message (code 1)."""
    if exit_.code is None or isinstance(exit_.code, int):
        return exit_.code or 0
    print(exit_.code, file=sys.stderr)
    return 1


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's flush at exit does not raise a second BrokenPipeError."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (captured in tests)
        pass


QUIET_LIBRARIES = ("matplotlib", "PIL")


def configure_logging(level: str) -> None:
    """Log records at ``level`` and above to standard error. The channels mask their secrets in
    every record (bot.channel.redact_secrets_in_logs), so DEBUG shows no token either."""
    logging.basicConfig(format=LOG_FORMAT)       # no-op when the root logger has handlers (tests)
    logging.getLogger().setLevel(level)
    # a library's housekeeping is no news to a learner: matplotlib's first plot had printed "generated new
    # fontManager" into the shell's conversation
    for library in QUIET_LIBRARIES:
        logging.getLogger(library).setLevel(max(logging.getLevelName(level), logging.WARNING))


def _print_error(message: str) -> None:
    for line in message.splitlines() or [""]:
        print(f"tutorbot: error: {line}", file=sys.stderr)


# ------------------------------------------------------------------ the parser


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; only the ``chosen`` channel's module is imported to add its options."""
    logging_options = argparse.ArgumentParser(add_help=False)
    logging_options.add_argument("--log-level", type=str.upper, choices=LOG_LEVELS, default="INFO",
                                 help="least severe log messages shown (default: INFO; secrets are masked at every level)")
    common = argparse.ArgumentParser(add_help=False, parents=[logging_options])
    # None until main() fills it in: `shell` must know whether the user chose the directory.
    common.add_argument("--models", type=Path, default=None,
                        metavar="DIR", help="trained models directory (default: $TUTORBOT_MODELS or models/)")
    common.add_argument("--db", default=os.environ.get("TUTORBOT_DB") or "tutorbot.db", metavar="DB",
                        help="learner store: a SQLite file (PATH or sqlite:///PATH) or a PostgreSQL server "
                        "(postgresql://user:password@host:port/dbname) (default: $TUTORBOT_DB or tutorbot.db)")

    parser = argparse.ArgumentParser(prog="tutorbot", description="A conversational tutor for the practical deep "
                                     "learning seminar, with its own trainable NLU models.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_train(commands, common)
    for name, (module, help_text) in CHANNELS.items():
        sub = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(handler=_channel_runner(name, module))
        if name == chosen:
            _channel_module(name, module).add_arguments(sub)
    _add_analyze(commands, common)
    _add_eval(commands, common)
    _add_rules(commands, logging_options)
    _add_unanswered(commands, common)
    exercises_cli.add_command(commands, common)
    review_cli.add_command(commands, common)
    lab_cli.add_command(commands, common)
    return parser


def _chosen_command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (the first word that is not an option)."""
    return next((word for word in argv if not word.startswith("-")), None)


def _add_train(commands: Any, common: argparse.ArgumentParser) -> None:
    sub = commands.add_parser("train", parents=[common], help="train (all) components, with progress",
                              description="Train the pipeline's components on data in the SPEC's formats and "
                              "save them to --models; prints held-out metrics per component.")
    sub.add_argument("--data", type=Path, action="extend", nargs="+", metavar="DIR",
                     help=f"training data directory, repeatable (default: {_default_data_dir()})")
    sub.add_argument("--only", action="extend", nargs="+", metavar="NAME",
                     help=f"train only this component (repeatable): {COMPONENT_NAMES}; "
                     "the others are kept from --models")
    sub.add_argument("--seed", type=int, default=13, help="random seed (default: 13)")
    sub.add_argument("--preset", choices=PRESETS, default="default", help="training length (default: default)")
    sub.set_defaults(handler=run_train)


def _add_analyze(commands: Any, common: argparse.ArgumentParser) -> None:
    sub = commands.add_parser("analyze", parents=[common], help="what the pipeline understood",
                              description="Analyse each TEXT: intent, sentiment, entities and the responder's reply.")
    sub.add_argument("text", nargs="+", metavar="TEXT")
    sub.add_argument("--json", action="store_true", help="one JSON object per TEXT, one per line")
    sub.set_defaults(handler=run_analyze)


def _add_eval(commands: Any, common: argparse.ArgumentParser) -> None:
    sub = commands.add_parser("eval", parents=[common], help="batch-evaluate dialogue files",
                              description="Play dialogue test files against the bot, each dialogue as a new learner "
                              "in a throw-away store. Exit 0 if every dialogue passes, 1 otherwise.")
    sub.add_argument("files", nargs="+", type=Path, metavar="FILE")
    sub.add_argument("--json", action="store_true", help="print the results as one JSON object")
    sub.add_argument("--report", type=Path, metavar="DIR",
                     help="also write report.json, report.md, intent_confusion.png, failed_dialogues.yml")
    sub.set_defaults(handler=run_eval)


def _add_rules(commands: Any, logging_options: argparse.ArgumentParser) -> None:
    sub = commands.add_parser("rules", parents=[logging_options], help="the dialogue policy, one rule a line, in order",
                              description="Print the tutor's dialogue rules in the order they are tried: name, "
                              "condition, what it does, and why it is there. Indented rows belong to the row above.")
    sub.add_argument("--json", action="store_true", help="one JSON object per rule")
    sub.set_defaults(handler=run_rules)


def _add_unanswered(commands: Any, common: argparse.ArgumentParser) -> None:
    sub = commands.add_parser("unanswered", parents=[common], help="learners' questions the course could not answer",
                              description="List the questions learners asked that the course could not answer, "
                              "the most asked first, with how many learners asked and where they were: what the "
                              "knowledge base is missing.")
    sub.add_argument("--limit", type=int, default=50, help="at most this many questions (default: 50)")
    sub.add_argument("--json", action="store_true", help="one JSON object per question")
    sub.set_defaults(handler=run_unanswered)


def _default_data_dir() -> Path:
    """./data when run from a checkout, else the data/ beside the installed package."""
    here = Path("data")
    return here if here.is_dir() else Path(__file__).resolve().parents[1] / "data"


# ------------------------------------------------------------------ the channels


def _channel_module(name: str, module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name == module:
            raise TutorbotError(f"`tutorbot {name}` is not available in this version") from None
        raise


def _channel_runner(name: str, module: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        return int(_channel_module(name, module).run(args) or 0)

    return run


# ------------------------------------------------------------------ train


def run_train(args: argparse.Namespace) -> int:
    from nlp import Pipeline, TrainingData  # noqa: PLC0415 - torch is slow to import

    directories = args.data or [_default_data_dir()]
    data = TrainingData.load(*directories)  # every file validated before any training starts
    if data.is_empty():
        raise TutorbotError(f"no training data in {', '.join(map(str, directories))} "
                            "(expected nlu/, sentiment/, dialogues/ or corpus/)")
    print(f"training on {len(data.nlu)} intent examples, {len(data.sentiment)} sentiment sentences, "
          f"{len(data.dialogues)} dialogue pairs, {len(data.corpus)} corpus lines", file=sys.stderr)
    base = _existing_pipeline(args.models) if args.only else None
    progress = sys.stderr.isatty()
    pipeline = Pipeline.train(data, only=args.only, seed=args.seed, preset=args.preset, progress=progress, base=base)
    if not progress:  # Pipeline.train prints the held-out metrics only along with its progress bars
        pipeline.print_metrics()
    pipeline.save(args.models)
    print(f"saved {', '.join(pipeline.components)} to {args.models}")
    return 0


def _existing_pipeline(models: Path) -> Any:
    """The pipeline already in ``models`` (its other components are kept by --only), or None."""
    from nlp import ModelsMissing, Pipeline  # noqa: PLC0415

    try:
        return Pipeline.load(models)
    except ModelsMissing:
        return None


# ------------------------------------------------------------------ analyze


def run_analyze(args: argparse.Namespace) -> int:
    from nlp import Pipeline  # noqa: PLC0415

    pipeline = Pipeline.load(args.models)
    analyses = pipeline.analyze_batch(args.text)
    for analysis in analyses:
        analysis.response = pipeline.respond(analysis.text)
    if args.json:
        for analysis in analyses:
            print(json.dumps(analysis.to_dict(), ensure_ascii=False))
    else:
        from bot.report import print_analysis  # noqa: PLC0415 - rich rendering

        for analysis in analyses:
            print_analysis(analysis)
    return 0


# ------------------------------------------------------------------ unanswered


def run_unanswered(args: argparse.Namespace) -> int:
    from tutor.database import location  # noqa: PLC0415
    from tutor.store import Store  # noqa: PLC0415

    where = location(args.db)
    if not where.exists():
        raise TutorbotError(f"no learner store at {where.shown()} (give --db PATH or --db postgresql://...)")
    store = Store(where)
    try:
        groups = store.unanswered(args.limit)
    finally:
        store.close()
    for group in groups:
        if args.json:
            print(json.dumps({"question": group.question, "count": group.count, "learners": len(group.learners),
                              "lessons": sorted(group.lessons), "last_asked": group.last_asked}, ensure_ascii=False))
        else:
            where = f"  (in {', '.join(sorted(group.lessons))})" if group.lessons else ""
            print(f"{group.count:4d} × {group.question}  [{len(group.learners)} learner(s)]{where}")
    if not groups and not args.json:
        print("No unanswered questions yet.")
    return 0


# ------------------------------------------------------------------ rules


def run_rules(args: argparse.Namespace) -> int:
    """The policy as tables: RULES (the first row that holds fires), AFTER (every row that holds), and the
    tables their rows lead to, each printed once."""
    from tutor.dialogue.rules import AFTER, RULES  # noqa: PLC0415
    from tutor.dialogue.table import Table, tables  # noqa: PLC0415

    for table in tables(RULES, AFTER):
        if not args.json:
            print(f"\n{table.name}" if table is not RULES else table.name)
        for rule in table:
            does = rule.do.name if isinstance(rule.do, Table) else rule.do.__name__
            first = [step.__name__ for step in rule.first]
            if args.json:
                print(json.dumps({"table": table.name, "name": rule.name, "when": rule.when.name, "first": first,
                                  "do": does, "why": rule.why}, ensure_ascii=False))
                continue
            steps = f"{', '.join(first)}, then " if first else ""
            why = f"  # {rule.why}" if rule.why else ""
            print(f"  {rule.name}: when {rule.when.name} -> {steps}{does}{why}")
    return 0


# ------------------------------------------------------------------ eval


def run_eval(args: argparse.Namespace) -> int:
    """Exit 0 when every dialogue passes, 1 when one fails (so CI can gate on it), 2 on bad input."""
    from bot.evaluate import UnknownLabels, evaluate, load_dialogues, unknown_labels  # noqa: PLC0415
    from bot.report import print_summary, write_report  # noqa: PLC0415
    from nlp import Pipeline  # noqa: PLC0415

    dialogues = load_dialogues(args.files)  # malformed test files fail before the models load
    pipeline = Pipeline.load(args.models)
    problems = unknown_labels(dialogues, pipeline.labels)
    if problems:
        raise UnknownLabels(problems)
    if args.report:
        args.report.mkdir(parents=True, exist_ok=True)  # an unwritable DIR fails now, not after playing
    evaluation = asyncio.run(evaluate(dialogues, pipeline, args.models))
    if args.report:
        paths = write_report(evaluation, args.report)
        print(f"report written: {', '.join(map(str, paths))}", file=sys.stderr)
    if args.json:
        print(json.dumps(evaluation.summary(), ensure_ascii=False))
    else:
        print_summary(evaluation.summary())
    return 0 if evaluation.all_passed() else 1


if __name__ == "__main__":
    sys.exit(main())
