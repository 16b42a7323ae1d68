"""The ATIS converter: package lines -> SPEC NLU YAML -> the pipeline's loader gives the same BIO back."""
from __future__ import annotations

import pytest

from benchmarks.atis import (
    bio_to_entities,
    check_round_trip,
    entities_to_bio,
    nlu_yaml,
    parse_atis_line,
    read_split,
    to_markup,
    write_split,
)
from nlp.data import TrainingData
from nlp.types import Entity

LINES = [
    "i:O want:O to:O fly:O from:O san:B-fromloc.city_name francisco:I-fromloc.city_name to:O "
    "dallas:B-toloc.city_name <=> atis_flight",
    "fares:O from:O boston:B-fromloc.city_name to:O denver:B-toloc.city_name and:O flight:O times:O "
    "<=> atis_flight;atis_airfare",
    "what:O is:O st.:B-fromloc.city_name louis:I-fromloc.city_name 's:O airport:O <=> atis_airport",
    # two spans of one label side by side, and a stray I- that must open its own span
    "from:O boston:B-city dallas:B-city 9:I-time pm:I-time <=> atis_flight",
]


def test_line_parses_into_words_tags_and_intent() -> None:
    example = parse_atis_line(LINES[0])
    assert example.words[5:7] == ("san", "francisco")
    assert example.tags[5:7] == ("B-fromloc.city_name", "I-fromloc.city_name")
    assert example.intent == "atis_flight"
    assert example.text == "i want to fly from san francisco to dallas"


def test_multi_intent_label_stays_one_class() -> None:
    assert parse_atis_line(LINES[1]).intent == "atis_flight;atis_airfare"


def test_stray_inside_tag_opens_a_span() -> None:
    assert parse_atis_line(LINES[3]).tags[-2:] == ("B-time", "I-time")


def test_bad_line_is_rejected() -> None:
    with pytest.raises(ValueError):
        parse_atis_line("no separator here:O")


def test_spans_cover_whole_word_runs() -> None:
    example = parse_atis_line(LINES[3])
    entities = bio_to_entities(example.words, example.tags)
    assert [(e.text, e.label) for e in entities] == [("boston", "city"), ("dallas", "city"), ("9 pm", "time")]
    assert all(example.text[e.start : e.end] == e.text for e in entities)


def test_markup_is_inline_rasa_entities() -> None:
    assert to_markup(parse_atis_line(LINES[0])) == (
        "i want to fly from [san francisco](fromloc.city_name) to [dallas](toloc.city_name)"
    )


def test_entities_back_to_bio_word_level() -> None:
    words = ["to", "new", "york", "city"]
    # a predicted span cutting "york" in two still claims the whole word
    assert entities_to_bio(words, [Entity("new yo", "city", 3, 9)]) == ["O", "B-city", "I-city", "O"]


def test_yaml_groups_by_intent() -> None:
    text = nlu_yaml([parse_atis_line(line) for line in LINES])
    assert text.count("- intent: atis_flight\n") == 1
    assert "- intent: atis_flight;atis_airfare\n" in text


def test_round_trip_through_the_pipeline_loader(tmp_path) -> None:
    examples = [parse_atis_line(line) for line in LINES]
    write_split(examples, tmp_path)
    check_round_trip(tmp_path)  # raises on any difference
    loaded = TrainingData.load(tmp_path).nlu
    by_text = {e.text: e for e in loaded}
    for example in examples:
        got = by_text[example.text]
        assert got.intent == example.intent
        assert tuple(entities_to_bio(example.words, got.entities)) == example.tags
    assert read_split(tmp_path) == examples
