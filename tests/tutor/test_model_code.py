"""Keras 3 code for the network a learner describes: the layers read in order with their input, a Flatten added
where a Dense follows images, activations and the loss from the task; the source runs in Keras 3 and has exactly
the parameters its comments say (the quizzes' formulas, checked against Keras itself)."""
from __future__ import annotations

import pytest

from tutor.model_code import Part, read_architecture, model_code

TESTER = "Keras 3 code for a CNN: 64x64x3 input, Conv2D 32, MaxPool, Flatten, Dense 128, Dropout 0.5, softmax 10?"


def test_the_testers_network_is_read_layer_by_layer() -> None:
    architecture = read_architecture(TESTER)
    assert architecture.input_shape == (64, 64, 3)
    assert [part.kind for part in architecture.parts] == ["conv", "pool", "flatten", "dense", "dropout", "dense"]
    code = model_code(architecture)
    assert [line.output for line in code.lines] == ["62×62×32", "31×31×32", "30752", "128", "128", "10"]
    assert [line.parameters for line in code.lines] == [896, 0, 0, 3_936_384, 0, 1290] and code.total == 3_938_570
    source = code.source()
    assert 'layers.Dense(128, activation="relu")' in source and 'layers.Dense(10, activation="softmax")' in source
    assert 'loss="sparse_categorical_crossentropy"' in source and "3,938,570 parameters in all" in source


@pytest.mark.parametrize("text, total, flatten_added", [
    (TESTER, 3_938_570, False),
    ("keras code for Convolution2D(32, 3, 3, input_shape=(1, 28, 28)), MaxPooling2D(pool_size=(2, 2)), Dense(128), "
     "Dense(10, activation='softmax')", 693_962, True),    # the slides' Keras 1 call, channels first
    ("code for a CNN: 32x32 rgb images, conv 16 5x5 same, max pooling, conv 32 3x3 strides 2, dense 64, 10 classes "
     "softmax", 106_922, True),
    ("keras code: maxlen 80, Embedding(20000, 64), Flatten, Dense(1)", 1_285_121, False),
    ("write keras code: Embedding(20000,128), LSTM(128), Dense(1, sigmoid)", 2_691_713, False),
    ("code: Embedding(5000, 32) -> GRU(64) -> Dense(3, softmax)", 5000 * 32 + 3 * (64 * (32 + 64) + 2 * 64) + 195, False),
    ("code for a regression MLP: 13 features, dense 32, batch norm, dense 1", 13 * 32 + 32 + 128 + 33, False),
])
def test_the_source_runs_in_keras_with_the_parameters_its_comments_say(text: str, total: int,
                                                                         flatten_added: bool) -> None:
    from labs.keras_code import execute
    code = model_code(read_architecture(text))
    assert code.total == total and code.flatten_added == flatten_added
    model = execute(code.source())["model"]
    assert model.count_params() == total


def test_the_last_layer_follows_the_task() -> None:
    regression = model_code(read_architecture("code for a regression MLP: 13 features, dense 32, dense 1"))
    assert regression.lines[-1].call == "layers.Dense(1)" and 'loss="mse"' in regression.source()
    binary = model_code(read_architecture("code: 100 features, dense 16, dense 1"))
    assert binary.lines[-1].call == 'layers.Dense(1, activation="sigmoid")' and "binary_crossentropy" in binary.source()


def test_without_an_input_the_code_has_no_counts_that_need_it() -> None:
    code = model_code(read_architecture("code for conv 32, pooling, dense 10"))
    assert code.total is None and "keras.Input" not in code.source() and "params" not in code.lines[0].call


@pytest.mark.parametrize("text", [
    "Keras 3 code for the slide's Embedding+LSTM sentiment model",     # no sizes: the knowledge base's code
    "code for an LSTM",                                                 # one layer, no size
    "give me the keras code for a small CNN on MNIST",
    "code for LSTM, Dense(1)",                                          # a layer it cannot size
])
def test_a_description_it_cannot_size_is_left_to_the_knowledge_base(text: str) -> None:
    assert read_architecture(text) is None


def test_a_dropout_rate_may_be_a_percentage() -> None:
    parts = read_architecture("code: 784 inputs, dense 256, dropout 20%, dense 10").parts
    assert parts[1] == Part("dropout", rate=0.2)


def test_sizes_glued_to_names_a_data_set_for_the_input_and_a_later_question_about_a_layer() -> None:
    """A tester's "conv32+pool, conv64+pool, flatten, dropout .5, dense10 softmax for MNIST" had got one conv and no
    input; "Embedding(10000,64) → LSTM(32) → Dense 1 sigmoid; Embedding params?" another model altogether."""
    code = model_code(read_architecture("Keras 3 code: conv32+pool, conv64+pool, flatten, dropout .5, dense10 "
                                        "softmax for MNIST"))
    assert code.input_line == "keras.Input(shape=(28, 28, 1))" and code.total == 34_826
    assert [line.call.split("(")[0] for line in code.lines] == [
        "layers.Conv2D", "layers.MaxPooling2D", "layers.Conv2D", "layers.MaxPooling2D", "layers.Flatten",
        "layers.Dropout", "layers.Dense"]
    code = model_code(read_architecture("Keras 3 code: Embedding(10000,64) → LSTM(32) → Dense 1 sigmoid; Embedding "
                                        "params?"))
    assert [line.call for line in code.lines][:2] == ["layers.Embedding(10000, 64)", "layers.LSTM(32)"]
    assert code.total == 640_000 + 12_416 + 33
