"""Each concept's key ideas and misconceptions (data/curriculum/key_ideas.yml): validated with file:line errors,
every glossary concept has them, each written example covers exactly the ideas it declares, and a restatement is
graded into the ideas it has, those it misses and the misconceptions it shows."""
from __future__ import annotations

from pathlib import Path

import pytest

from nlp.errors import DataError
from tutor.concept_ideas import KEY_IDEAS_FILE, ConceptIdeas, Idea, KeyIdeas, grade
from tutor.curriculum import DEFAULT_DIR, Curriculum
from tutor.key_ideas import missing_ideas

BACKPROP = ConceptIdeas(
    (Idea("the error is measured at the output first", ("error", "loss")),
     Idea("it goes backwards with the chain rule", ("backwards", "chain rule", "go back")),
     Idea("every weight gets its share of the blame", ("each weight", "blame", "gradient"))),
    (Idea("backprop is the backward pass, not the forward one", ("forward only",)),))


def test_a_restatement_is_graded_into_what_it_has_and_misses() -> None:
    full = grade("guess, measure the error, go backwards, blame each weight by its share, fix it a little", BACKPROP)
    assert len(full.covered) == 3 and not full.missing and not full.misconceptions
    part = grade("so it goes back through the layers with the chain rule to get each weight's gradient?", BACKPROP)
    assert [idea.says for idea in part.covered] == ["it goes backwards with the chain rule",
                                                    "every weight gets its share of the blame"]
    assert part.missing[0].says == "the error is measured at the output first" and part.says_something
    assert not grade("so it goes back through the layers with the chain rule?", BACKPROP).says_something   # one idea
    wrong = grade("backprop sends the input forward only", BACKPROP)
    assert wrong.misconceptions and wrong.says_something
    assert not grade("I like turtles and pizza a lot", BACKPROP).says_something


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / KEY_IDEAS_FILE
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, line, complaint", [
    ("concepts:\n  nonsense:\n    ideas: []\n", 2, "no concept of the glossary"),
    ("concepts:\n  backpropagation:\n    ideas:\n      - says: one\n        words: [a]\n", 3, "2 to 4 key ideas"),
    ("concepts:\n  backpropagation:\n    ideas:\n      - says: one\n        words: [a]\n      - says: two\n"
     "        words: [b]\n    examples:\n      - learner: a b\n        covers: [0, 5]\n", 9, "idea numbers"),
    ("concepts:\n  backpropagation:\n    ideas:\n      - says: one\n      - says: two\n        words: [b]\n", 4,
     "missing field 'words'"),
])
def test_a_bad_file_names_its_line(tmp_path: Path, text: str, line: int, complaint: str) -> None:
    with pytest.raises(DataError) as error:
        KeyIdeas.load(_write(tmp_path, text), {"backpropagation"})
    assert f"{KEY_IDEAS_FILE}:{line}" in str(error.value) and complaint in str(error.value)


CURRICULUM = Curriculum.load(DEFAULT_DIR)


def test_every_concept_has_two_to_four_key_ideas() -> None:
    assert set(CURRICULUM.key_ideas.by_concept) == set(CURRICULUM.concepts)


@pytest.mark.parametrize("key", sorted(CURRICULUM.key_ideas.by_concept))
def test_each_written_example_covers_the_ideas_it_declares(key: str) -> None:
    ideas = CURRICULUM.key_ideas.of(key)
    phrasings = [list(idea.words) for idea in ideas.ideas]
    for learner, covers in ideas.examples:
        covered = sorted(set(range(len(phrasings))) - set(missing_ideas(learner, phrasings)))
        assert covered == sorted(covers), learner
        if len(covers) == len(phrasings):     # a right restatement shows no misconception
            assert not grade(learner, ideas).misconceptions, learner


@pytest.mark.parametrize("key", sorted(CURRICULUM.key_ideas.by_concept))
def test_each_misconception_is_caught_in_its_examples(key: str) -> None:
    ideas = CURRICULUM.key_ideas.of(key)
    for misconception in ideas.misconceptions:
        for example in misconception.examples:
            assert misconception in grade(example, ideas).misconceptions, example


def test_a_comparison_is_no_misconception() -> None:
    ideas = CURRICULUM.key_ideas.of("overfitting")
    assert grade("so overfitting is when the model is too simple?", ideas).misconceptions
    assert not grade("so overfitting: model too complex, memorises; underfitting: too simple?", ideas).misconceptions


def test_a_negated_misconception_is_no_misconception() -> None:
    ideas = CURRICULUM.key_ideas.of("cnn_architectures")
    assert grade("so style transfer is basically a GAN?", ideas).misconceptions
    assert not grade("so style transfer is not a GAN, right?", ideas).misconceptions


def test_one_ideas_words_in_a_false_claim_are_no_restatement() -> None:
    """"with Adam you don't need to tune the learning rate at all, true?" had got "Right so far" for Adam's adaptive
    steps."""
    ideas = CURRICULUM.key_ideas.of("optimizer")
    assert not grade("with Adam you don't need to tune the learning rate at all, and a bigger batch size always "
                     "gives better accuracy. both true?", ideas).says_something

