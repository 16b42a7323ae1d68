import shutil
from pathlib import Path

import pytest

import nlp.data
from nlp.data import MAX_LINE_CHARS, TrainingData, parse_markup
from nlp.errors import DataError


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_fixture_loads_every_kind_with_exact_entity_offsets(tiny_data_dir):
    data = TrainingData.load(tiny_data_dir)
    assert {e.intent for e in data.nlu} >= {"greet", "ask_concept", "quiz", "goto_day"}
    assert {x.label for e in data.nlu for x in e.entities} == {"CONCEPT", "FRAMEWORK", "DAY"}
    assert all(e.text[x.start : x.end] == x.text for e in data.nlu for x in e.entities)
    assert not any("[" in e.text or "](" in e.text for e in data.nlu)
    assert {e.label for e in data.sentiment} == {"positive", "neutral", "negative"}
    assert data.dialogues and all(d.source == "dialogues/smalltalk.tsv" for d in data.dialogues)
    assert data.corpus


def test_markup_both_syntaxes_and_offsets():
    text, entities = parse_markup('how does [dropout](CONCEPT) work in [Keras]{"entity": "FRAMEWORK"} 🤔')
    assert text == "how does dropout work in Keras 🤔"
    assert [(e.text, e.label, e.start, e.end) for e in entities] == [
        ("dropout", "CONCEPT", 9, 16), ("Keras", "FRAMEWORK", 25, 30)]


def test_rasa_synonym_regex_lookup_are_ignored(tmp_path):
    write(tmp_path, "nlu/a.yml", 'version: "3.1"\nnlu:\n- synonym: gd\n  examples: |\n    - GD\n'
          "- lookup: fw\n  examples: |\n    - keras\n- intent: greet\n  examples: |\n    - hi\n")
    assert [(e.text, e.intent) for e in TrainingData.load(tmp_path).nlu] == [("hi", "greet")]


@pytest.mark.parametrize(
    ("relative", "text", "line", "fragment"),
    [
        ("nlu/a.yml", "nlu:\n- intent: greet\n  examples: |\n    - hi\n   - [oops\n  bad: [\n", 5, "YAML"),
        ("nlu/a.yml", "nlu:\n- intent: greet\n  examples: |\n    - hi\n- examples: |\n    - yo\n", 5, "intent"),
        ("nlu/a.yml", "nlu:\n- intent: greet\n  examples: |\n    - hi\n- intent: bye\n", 5, "examples"),
        ("nlu/a.yml", "nlu:\n- intent: ask\n  examples: |\n    - what is x\n    - what is [dropout(CONCEPT)\n", 5,
         "unbalanced"),
        ("nlu/a.yml", "nlu:\n- intent: ask\n  examples: |\n    - ok\n    -   \n", 5, "empty"),
        ("sentiment/s.tsv", "positive\tgreat\nnegative no tab here\n", 2, "TAB"),
        ("sentiment/s.tsv", "positive\tgreat\n\nhappy\tyay\n", 3, "unknown sentiment label"),
        ("sentiment/s.tsv", "positive\tgreat\nneutral\t \n", 2, "empty"),
        ("dialogues/d.tsv", "hi\thello\nhow are you\n", 2, "TAB"),
    ],
)
def test_malformed_files_name_file_and_line(tmp_path, relative, text, line, fragment):
    path = write(tmp_path, relative, text)
    with pytest.raises(DataError) as raised:
        TrainingData.load(tmp_path)
    assert raised.value.path == path
    assert raised.value.line == line
    assert fragment.lower() in raised.value.message.lower()
    assert str(raised.value).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(
    ("text", "line"),
    [("nlu: " + "[" * 5000 + "]" * 5000 + "\n", 1),
     ("nlu:\n- intent: greet\n  examples:\n" + "  - " * 5000 + "hi\n", 4),
     ("nlu:\n- intent: greet\n  examples: " + "{a: " * 500 + "1" + "}" * 500 + "\n", 3)],
)
def test_deep_nesting_is_a_file_line_error_not_a_recursion_error(tmp_path, text, line):
    path = write(tmp_path, "nlu/deep.yml", text)
    with pytest.raises(DataError, match="nest") as raised:
        TrainingData.load(tmp_path)
    assert (raised.value.path, raised.value.line) == (path, line)


TOO_LONG = "x" * (MAX_LINE_CHARS + 1)


@pytest.mark.parametrize(
    ("relative", "text", "line"),
    [
        ("nlu/a.yml", f"nlu:\n- intent: greet\n  examples: |\n    - hi\n    - {TOO_LONG}\n", 5),
        ("nlu/a.yml", f"nlu:\n- intent: greet\n  examples:\n  - hi\n  - {TOO_LONG}\n", 5),
        ("sentiment/s.tsv", f"positive\tgreat\nnegative\t{TOO_LONG}\n", 2),
        ("dialogues/d.tsv", f"hi\thello\n{TOO_LONG}\tok\n", 2),
        ("corpus/c.txt", f"one line\n\n{TOO_LONG}\n", 3),
    ],
)
def test_an_overlong_line_is_refused_with_its_line(tmp_path, relative, text, line):
    path = write(tmp_path, relative, text)
    with pytest.raises(DataError, match=f"over the limit of {MAX_LINE_CHARS:,}") as raised:
        TrainingData.load(tmp_path)
    assert (raised.value.path, raised.value.line) == (path, line)


def test_an_overlong_example_over_short_lines_is_refused(tmp_path):
    """A quoted example may continue over many lines, each of them short."""
    chunks = "\n      ".join(["word " * 100] * (MAX_LINE_CHARS // 500 + 1))
    path = write(tmp_path, "nlu/a.yml", f'nlu:\n- intent: greet\n  examples:\n    - hi\n    - "{chunks}"\n')
    with pytest.raises(DataError, match="an example of") as raised:
        TrainingData.load(tmp_path)
    assert (raised.value.path, raised.value.line) == (path, 5)


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(nlp.data, "MAX_FILE_BYTES", 1000)
    small = write(tmp_path, "corpus/small.txt", "a short line\n" * 10)
    big = write(tmp_path, "corpus/big.txt", "a short line\n" * 100)
    with pytest.raises(DataError, match="1,300 bytes, over the limit of 1,000") as raised:
        TrainingData.load(tmp_path)
    assert (raised.value.path, raised.value.line) == (big, None)
    big.unlink()
    assert TrainingData.load(tmp_path).corpus == ["a short line"] * 10 and small.exists()


def test_missing_directory_is_a_data_error(tmp_path):
    with pytest.raises(DataError):
        TrainingData.load(tmp_path / "nope")


def test_split_is_stratified_disjoint_and_seeded(tiny_data_dir):
    data = TrainingData.load(tiny_data_dir)
    train, test = data.split(seed=3, heldout=0.3)
    assert len(train.nlu) + len(test.nlu) == len(data.nlu)
    assert not {e.text for e in train.nlu} & {e.text for e in test.nlu}
    assert {e.intent for e in test.nlu} == {e.intent for e in data.nlu}  # every intent is held out a little
    assert {e.intent for e in train.nlu} == {e.intent for e in data.nlu}
    assert data.split(seed=3, heldout=0.3)[1].nlu == test.nlu
    assert data.split(seed=3, heldout=0.0)[1].nlu == []


def test_fingerprint_follows_content(tiny_data_dir):
    first, second = TrainingData.load(tiny_data_dir), TrainingData.load(tiny_data_dir)
    assert first.fingerprint() == second.fingerprint()
    second.corpus.append("one more line")
    assert first.fingerprint() != second.fingerprint()


def test_fetched_chitchat_is_the_responder_s_not_the_word_vectors_text(tmp_path, tiny_data_dir):
    shutil.copytree(tiny_data_dir, tmp_path / "data")
    write(tmp_path / "data", "dialogues/fetched/chitchat.tsv", "yo wassup\tnm u\n")
    with_fetched, own = TrainingData.load(tmp_path / "data"), TrainingData.load(tiny_data_dir)
    assert any(d.message == "yo wassup" for d in with_fetched.dialogues)  # the responder trains on it
    assert with_fetched.texts() == own.texts()  # the word vectors (and so the NLU components) do not


KNOWLEDGE_ENTRY = """answers:
  - id: d1-x
    lesson: d1-cost
    concepts: [cost_function]
    kind: what
    questions:
      - what is x?
      - x, what is it?
    answer: >-
      X is a thing.
"""


@pytest.mark.parametrize("change, line, message", [
    (("    answer: >-\n      X is a thing.\n", ""), 2, "missing `answer:`"),
    (("kind: what", "kind: wat"), 2, "unknown kind 'wat'"),
    (("kind: what", "kind: confirm"), 2, "`verdict:` is \"yes\" or \"no\" on a confirm entry"),
    (("    lesson:", "    lessons:"), 3, "unknown key 'lessons'"),
    (("questions:\n      - what is x?\n      - x, what is it?\n", "questions: []\n"), 2, "needs at least one question"),
    (("concepts: [cost_function]", "concepts: cost_function"), 4, "must be a list of non-empty strings"),
    (("answers:", "answer:"), 1, "expected a top-level `answers:` list"),
])
def test_knowledge_errors_name_file_and_line(tmp_path, change, line, message):
    path = write(tmp_path, "curriculum/knowledge/k.yml", KNOWLEDGE_ENTRY.replace(*change))
    with pytest.raises(DataError) as error:
        TrainingData.load(tmp_path)
    assert (error.value.path, error.value.line) == (path, line) and message in error.value.message


def test_knowledge_ids_are_unique_across_files(tmp_path):
    write(tmp_path, "curriculum/knowledge/a.yml", KNOWLEDGE_ENTRY)
    second = write(tmp_path, "curriculum/knowledge/b.yml", "# again\n" + KNOWLEDGE_ENTRY)
    with pytest.raises(DataError) as error:
        TrainingData.load(tmp_path)
    assert (error.value.path, error.value.line) == (second, 3) and "duplicate answer id 'd1-x'" in error.value.message


def test_knowledge_loads_with_its_fields_and_changes_the_fingerprint(tmp_path):
    write(tmp_path, "corpus/a.txt", "some text\n")
    without = TrainingData.load(tmp_path).fingerprint()
    write(tmp_path, "curriculum/knowledge/k.yml", KNOWLEDGE_ENTRY.replace("kind: what", 'kind: confirm\n    verdict: "no"'))
    data = TrainingData.load(tmp_path)
    (entry,) = data.knowledge
    assert (entry.id, entry.questions, entry.answer, entry.lesson, entry.concepts, entry.kind, entry.verdict) == (
        "d1-x", ("what is x?", "x, what is it?"), "X is a thing.", "d1-cost", ("cost_function",), "confirm", "no")
    assert data.fingerprint() != without and data.split(13)[0].knowledge == data.knowledge


def test_a_literal_answer_keeps_its_lines_and_a_folded_one_is_one_paragraph(tmp_path):
    # code a learner pastes needs its lines; prose is written folded and read as one paragraph
    literal = KNOWLEDGE_ENTRY.replace("answer: >-\n      X is a thing.",
                                      "answer: |-\n      import keras\n      model = keras.Sequential([\n"
                                      "          keras.Input(shape=(784,)),\n      ])   \n")
    write(tmp_path, "curriculum/knowledge/k.yml", literal)
    (entry,) = TrainingData.load(tmp_path).knowledge
    assert entry.answer == "import keras\nmodel = keras.Sequential([\n    keras.Input(shape=(784,)),\n])"
