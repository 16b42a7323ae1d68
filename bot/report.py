"""`tutorbot eval --report DIR`: the evaluation as files a person (or CI) can keep.

    report.json            the same object as `eval --json`
    report.md              summary table, per-intent table, failures
    intent_confusion.png   expected vs predicted intent counts
    failed_dialogues.yml   the failed dialogues in the test-file format, to re-run them alone
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.evaluate import Evaluation
from nlp.types import Analysis

REPORT_FILES = ("report.json", "report.md", "intent_confusion.png", "failed_dialogues.yml")


def write_report(evaluation: Evaluation, directory: Path) -> list[Path]:
    """Write the four report files into ``directory`` (created if needed); returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    summary = evaluation.summary()
    paths = [directory / name for name in REPORT_FILES]
    json_path, markdown_path, png_path, yaml_path = paths
    json_path.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    markdown_path.write_text(markdown_report(summary), encoding="utf-8")
    report = evaluation.intent_report()
    plot_intent_confusion(report.label_order if report else [], report.confusion if report else [], png_path)
    yaml_path.write_text(failed_dialogues_yaml(evaluation), encoding="utf-8")
    return paths


# ------------------------------------------------------------------ Markdown


def markdown_report(summary: dict[str, Any]) -> str:
    lines = ["# tutorbot evaluation", "", *_summary_table(summary), ""]
    lines += ["## Intents", "", *_intent_table(summary["intent"].get("labels", {})), ""]
    lines += ["## Failures", "", *_failure_list(summary["failures"]), ""]
    lines += ["Confusion matrix: ![intent confusion](intent_confusion.png)", ""]
    return "\n".join(lines)


def _summary_table(summary: dict[str, Any]) -> list[str]:
    return ["| metric | value |", "|---|---|", *(f"| {name} | {value} |" for name, value in summary_rows(summary))]


def summary_rows(summary: dict[str, Any]) -> list[tuple[str, str]]:
    """(metric, value) rows of an `eval` summary, for the Markdown report and the terminal."""
    dialogues, intent, entities = summary["dialogues"], summary["intent"], summary["entities"]
    sentiment, bot_says, latency = summary["sentiment"], summary["bot_says"], summary["latency_ms"]
    return [
        ("dialogues passed", f"{dialogues['passed']} / {dialogues['total']} ({_fmt(dialogues['success_rate'])})"),
        ("turns", str(summary["turns"])),
        ("intent accuracy / macro F1", f"{_fmt(intent['accuracy'])} / {_fmt(intent['macro_f1'])}"),
        ("entity P / R / F1", f"{_fmt(entities['precision'])} / {_fmt(entities['recall'])} / {_fmt(entities['f1'])}"),
        ("sentiment accuracy / macro F1", f"{_fmt(sentiment['accuracy'])} / {_fmt(sentiment['macro_f1'])}"),
        ("bot_says passed", f"{bot_says['passed']} / {bot_says['checked']}"),
        ("latency ms p50 / p95 / max", f"{_fmt(latency['p50'])} / {_fmt(latency['p95'])} / {_fmt(latency['max'])}"),
    ]


def _intent_table(labels: dict[str, dict[str, float]]) -> list[str]:
    if not labels:
        return ["No turn states an intent."]
    header = ["| intent | precision | recall | f1 | support |", "|---|---|---|---|---|"]
    return header + [
        f"| {name} | {_fmt(s['precision'])} | {_fmt(s['recall'])} | {_fmt(s['f1'])} | {s['support']} |"
        for name, s in labels.items()
    ]


def _failure_list(failures: list[dict[str, Any]]) -> list[str]:
    if not failures:
        return ["None: every turn passed."]
    return [line for failure in failures for line in failure_lines(failure, markdown=True)]


def failure_lines(failure: dict[str, Any], *, markdown: bool = False) -> list[str]:
    """One failed turn as a bullet, with one sub-bullet per failed expectation."""
    def quoted(value: Any) -> str:
        text = " ".join(_compact(value).split())
        return f"`{text.replace('`', chr(39))}`" if markdown else text

    name = f"**{failure['dialogue']}**" if markdown else failure["dialogue"]
    lines = [f"- {name}, turn {failure['turn']}: {quoted(failure['user'])}"]
    for key, expected in failure["expected"].items():
        lines.append(f"  - {key}: expected {quoted(expected)}, got {quoted(failure['got'].get(key))}")
    if failure.get("rule"):
        lines.append(f"  - rule that fired: {quoted(failure['rule'])}")
    return lines


def _compact(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3g}" if value > 10 else f"{value:.3f}"


# ------------------------------------------------------------------ confusion matrix


def plot_intent_confusion(labels: list[str], counts: list[list[int]], path: Path) -> None:
    """Rows: expected intent; columns: predicted intent (nlp.metrics order); each cell shows its count."""
    import matplotlib  # noqa: PLC0415 - heavy; only when a report is asked for

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    size = max(4.0, 0.55 * len(labels) + 2.5)
    figure, axes = plt.subplots(figsize=(size, size))
    try:
        axes.imshow(counts or [[0]], cmap="Blues")
        axes.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
        axes.set_yticks(range(len(labels)), labels)
        axes.set_xlabel("predicted intent")
        axes.set_ylabel("expected intent")
        axes.set_title("intent confusion matrix" if labels else "intent confusion matrix (no intent expectations)")
        peak = max((max(row) for row in counts), default=0)
        for i, row in enumerate(counts):
            for j, count in enumerate(row):
                colour = "white" if peak and count > peak / 2 else "black"
                axes.text(j, i, str(count), ha="center", va="center", color=colour)
        figure.tight_layout()
        figure.savefig(path, format="png", dpi=100)
    finally:
        plt.close(figure)


# ------------------------------------------------------------------ failed dialogues


def failed_dialogues_yaml(evaluation: Evaluation) -> str:
    """The failed dialogues as a test file, ready for `tutorbot eval failed_dialogues.yml`."""
    failed = evaluation.failed_dialogues()
    header = f"# {len(failed)} failed dialogue(s) from tutorbot eval; re-run with: tutorbot eval failed_dialogues.yml\n"
    if not failed:
        return header + "dialogues: []\n"
    body = yaml.safe_dump(
        {"dialogues": [dialogue.to_yaml() for dialogue in failed]},
        sort_keys=False, allow_unicode=True, default_flow_style=False, width=100,
    )
    return header + body


# ------------------------------------------------------------------ the terminal


def print_summary(summary: dict[str, Any], console: Console | None = None) -> None:
    """The readable `tutorbot eval` output: the summary table, then each failed turn."""
    console = console or Console(file=sys.stdout)
    table = Table(title="tutorbot eval", show_header=False)
    table.add_column("metric", style="bold")
    table.add_column("value")
    for name, value in summary_rows(summary):
        table.add_row(name, value)
    console.print(table)
    if summary["failures"]:
        console.print(f"[red]{len(summary['failures'])} failed turn(s):[/red]")
        for failure in summary["failures"]:
            for line in failure_lines(failure):
                console.print(line, markup=False, highlight=False, soft_wrap=True)
    else:
        console.print("[green]every dialogue passed[/green]")


def print_analysis(analysis: Analysis, console: Console | None = None) -> None:
    """The readable `tutorbot analyze` output for one text: entities highlighted, then each field."""
    console = console or Console(file=sys.stdout)
    text = Text(analysis.text)
    for entity in analysis.entities or ():
        text.stylize("bold magenta underline", entity.start, entity.end)
    console.print(Text.assemble("» ", text))
    if analysis.intent:
        ranking = ", ".join(f"{s.name} {s.confidence:.2f}" for s in analysis.intent_ranking[1:4])
        console.print(f"  intent     {analysis.intent.name} ({analysis.intent.confidence:.2f})"
                      + (f"   next: {ranking}" if ranking else ""), markup=False, highlight=False)
    if analysis.sentiment:
        console.print(f"  sentiment  {analysis.sentiment.label} ({analysis.sentiment.score:+.2f})",
                      markup=False, highlight=False)
    if analysis.entities is not None:
        shown = ", ".join(f"{e.text} [{e.label} {e.start}:{e.end}]" for e in analysis.entities) or "none"
        console.print(f"  entities   {shown}", markup=False, highlight=False)
    if analysis.response is not None:
        console.print(f"  response   {analysis.response}", markup=False, highlight=False)
