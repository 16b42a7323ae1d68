"""A Keras layer read from a learner's message, and the numbers they claim about it checked by the quiz generators'
own formulas (tutor.layer_sums)."""
from __future__ import annotations

import pytest

from tutor.layer_sums import Claim, Layer, asks_layer_numbers, check_claim, claimed_total, read_layer, read_layer_stack, read_layer_sums


@pytest.mark.parametrize(("text", "layer"), [
    ("how many params in Conv2D(32, (3,3)) on a 28x28x1 input?", Layer("conv", 32, 3, 1, 28, 28)),
    ("Conv2D(32, 3x3) on a grayscale 28x28 input", Layer("conv", 32, 3, 1, 28, 28)),
    # the slides' Keras 1 call and Theano's channels-first input shape
    ("model.add(Convolution2D(32, 3, 3, input_shape=(1, 28, 28)))", Layer("conv", 32, 3, 1, 28, 28)),
    ("Conv2D 64 filters 3x3, stride1, no pad, on 32x32x3", Layer("conv", 64, 3, 3, 32, 32, 1, "valid")),
    ("conv layer with 16 5x5 filters on RGB 64x64 images, stride 2, same padding",
     Layer("conv", 16, 5, 3, 64, 64, 2, "same")),
    ("LSTM(64) on inputs of dim 100", Layer("lstm", 64, channels=100)),
    ("an LSTM with 128 units on 100-dimensional word vectors", Layer("lstm", 128, channels=100)),
    ("a dense layer with 10 units on 784 inputs", Layer("dense", 10, channels=784)),
    ("Dense(128) after Flatten() of 12x12x64", Layer("dense", 128, channels=12 * 12 * 64)),
    ("MaxPooling2D((2,2)) on 26x26x32", Layer("pool", 2, channels=32, height=26, width=26)),
    ("Conv2D(16,(5,5), strides=2) on 32x32x3", Layer("conv", 16, 5, 3, 32, 32, 2)),     # the call's own arguments
    ("Conv2D(16, (5,5), strides=(2,2), padding='same') input 32x32x3", Layer("conv", 16, 5, 3, 32, 32, 2, "same")),
    ("the slide's LSTM(128) after Embedding(max_features,128)", Layer("lstm", 128, channels=128)),
    ("GRU(128) on 128 inputs", Layer("gru", 128, channels=128)), ("SimpleRNN(16) on 10 features", Layer("rnn", 16, channels=10)),
])
def test_a_layer_is_read_as_people_write_it(text: str, layer: Layer) -> None:
    read = read_layer(text)
    assert read is not None and read[0] == layer


@pytest.mark.parametrize("text", ["what is a dense layer", "why does a 3x3 conv layer have fewer weights?",
                                  "model.add(Dense(128)) what does this line do?"])
def test_a_layer_without_a_size_or_without_numbers_asked_is_not_worked_out(text: str) -> None:
    assert read_layer_sums(text) is None


def test_the_counts_are_the_generators_and_exact() -> None:
    assert Layer("conv", 64, 3, 3).parameters().answer == "1792"
    assert Layer("lstm", 128, channels=100).parameters().answer == "117248"
    assert Layer("dense", 10, channels=784).parameters().answer == "7850"
    assert not Layer("conv", 64, 3, 3).parameters().check("1790").correct   # a count has no tolerance
    assert Layer("pool", 2).parameters() is None and Layer("conv", 32, 3).parameters() is None   # C unknown


def test_output_sides_follow_padding_and_stride() -> None:
    assert Layer("conv", 64, 3, 3, 32, 32).output() == "30×30×64"
    assert Layer("conv", 16, 5, 3, 64, 64, 2, "same").output() == "32×32×16"
    assert Layer("conv", 8, 3, 1, 28, 28, padding="1").output() == "28×28×8"
    assert Layer("pool", 2, channels=32, height=26, width=26).output() == "13×13×32"
    assert Layer("conv", 8, 3, 1, 28, 20).output() == "26×18×8"


def test_claims_are_checked_and_a_known_slip_is_named() -> None:
    sums = read_layer_sums("Conv2D(64, (3,3)) on a 32x32x3 input: I say 1728. Right?")
    assert sums is not None and sums.claims == [Claim("1728", "parameters")]
    right, slip = check_claim(sums.claims[0], sums.layer)
    assert not right and slip is not None and "bias" in slip
    sums = read_layer_sums("LSTM(64) on inputs of dim 100. I computed 42,240 params. is that right?")
    assert sums is not None and check_claim(sums.claims[0], sums.layer) == (True, None)
    sums = read_layer_sums("MaxPooling2D((2,2)) on 26x26x32, output 13x13x32 right?")
    assert sums is not None and check_claim(sums.claims[0], sums.layer) == (True, None)


def test_numbers_that_are_no_claim_are_left_alone() -> None:
    sums = read_layer_sums("ok go to day 3. quick: how many params in Conv2D(32, (3,3)) on a 28x28x1 input?")
    assert sums is not None and sums.claims == [] and sums.asks_parameters
    sums = read_layer_sums("my conv net with 32 filters got 98% accuracy, right? how many params is that")
    assert sums is not None and sums.claims == []


def test_a_claim_or_a_change_refers_to_the_layer_worked_out_last_turn() -> None:
    before = Layer("conv", 64, 3, 3, 32, 32)
    sums = read_layer_sums("So the answer is 30x30x64 and 1792 params, right?", before)
    assert sums is not None and sums.layer == before
    assert [check_claim(claim, before) for claim in sums.claims] == [(True, None), (True, None)]
    varied = read_layer_sums("and with padding same?", before)
    assert varied is not None and varied.layer.output() == "32×32×64"
    assert read_layer_sums("what about 5x5 filters?", before).layer.parameters().answer == "4864"
    assert read_layer_sums("and with padding same?") is None     # nothing worked out before
    assert read_layer_sums("thanks, that was clear", before) is None


def test_a_product_is_no_shape_and_the_last_stride_said_counts() -> None:
    sums = read_layer_sums("that LSTM(128) has 4*128*128 = 65536 params, yes?")
    assert sums is not None and sums.layer == Layer("lstm", 128) and sums.claims == [Claim("65536", "parameters")]
    before = Layer("conv", 16, 5, 3, 32, 32)
    sums = read_layer_sums("you keep using stride 1. 32x32 input, 5x5 kernel, stride 2, no padding: output size?", before)
    assert sums is not None and sums.layer.stride == 2 and sums.claims == [] and sums.layer.output() == "14×14×16"


def test_recurrent_counts_and_a_swapped_layer_reads_the_same_input() -> None:
    assert Layer("gru", 128, channels=128).parameters().answer == "99072"     # Keras 3: reset_after=True
    assert Layer("rnn", 16, channels=10).parameters().answer == "432"
    sums = read_layer_sums("and if I swap it for GRU(128), it's 3/4 of that = 98688?", Layer("lstm", 128, channels=128))
    assert sums is not None and sums.layer == Layer("gru", 128, channels=128)
    right, slip = check_claim(sums.claims[0], sums.layer)
    assert not right and "reset_after" in slip           # the original GRU's count, not Keras's


def test_a_stack_of_layers_reads_each_output_into_the_next_and_keeps_claims_as_claims() -> None:
    stack = read_layer_stack("Conv2D(32,(3,3), padding='same') on 28x28x1 → 28x28x32, MaxPooling → 14x14x32, "
                             "Conv2D(64,(3,3)) → 12x12x64 with 18496 params?")
    assert [stage.layer for stage in stack] == [Layer("conv", 32, 3, 1, 28, 28, padding="same"),
                                                Layer("pool", 2, channels=32, height=28, width=28),   # Keras's default
                                                Layer("conv", 64, 3, 32, 14, 14)]
    assert [claim.said for claim in stack[2].claims] == ["12x12x64", "18496"]
    assert all(check_claim(claim, stage.layer) == (True, None) for stage in stack for claim in stage.claims)


def test_a_stack_flattens_into_dense_and_counts_the_embedding() -> None:
    stack = read_layer_stack("Conv2D(32,(3,3)) on 28x28x1, MaxPooling2D((2,2)), Flatten, Dense(128)")
    assert stack[2].layer == Layer("dense", 128, channels=13 * 13 * 32)
    stack = read_layer_stack("Embedding(10000, 32) then LSTM(32) then Dense(1): params?")
    assert [stage.layer.parameters().answer for stage in stack] == ["320000", "8320", "33"]
    assert read_layer_stack("Conv2D(32,(3,3)) on 28x28x1: params?") is None        # one layer: no stack


def test_an_embedding_in_words_and_the_input_size_given_alone() -> None:
    sums = read_layer_sums("Embedding layer has 20000·128 = 2,560,000 params, no bias, right?", Layer("lstm", 128, channels=128))
    assert sums.layer == Layer("embedding", 128, channels=20000) and check_claim(sums.claims[0], sums.layer) == (True, None)
    assert read_layer_sums("an embedding layer with 20000 words and 128 dims, params?").layer.parameters().answer == "2560000"
    given = read_layer_sums("n = 30752", Layer("dense", 128))            # right after "tell me n"
    assert given.layer.channels == 30752 and given.asks_parameters
    assert read_layer_sums("3", Layer("dense", 128, channels=10)) is None  # its input known: a bare number is no size
    sums = read_layer_sums("GRU(128) = 3/4 of 131,584 = 98,688 in Keras 3?", Layer("lstm", 128, channels=128))
    assert sums.claims == [Claim("98688", "parameters")]                 # not the 3 of "3/4" nor of "Keras 3"


def test_a_later_mention_of_a_listed_layer_claims_about_it() -> None:
    """"Embedding(10000,128) -> LSTM(64) -> Dense(1). LSTM params 4*64*(128+64) = 49152?" had compared 49152 with the
    Embedding's count; "10000,128" inside the brackets had been read as one number."""
    stages = read_layer_stack("Embedding(10000,128) -> LSTM(64) -> Dense(1). LSTM params 4*64*(128+64) = 49152, "
                              "correct? Output shape of LSTM?")
    assert [stage.layer.kind for stage in stages] == ["embedding", "lstm", "dense"]
    assert stages[0].layer.channels == 10000 and stages[1].layer.channels == 128
    assert [claim.said for claim in stages[1].claims] == ["49152"] and not stages[0].claims


def test_a_trace_in_words_is_read_layer_by_layer_with_its_total() -> None:
    """A tester's right trace had got "Not quite: I get 9x9x1": "Conv2D 32 3x3" was not read (the size said bare),
    and the whole message was taken for one pooling layer."""
    text = ("my calculation: Conv2D 32 3x3 on 28x28x1 -> 26x26x32, 320 params; MaxPooling 2x2 -> 13x13x32; Conv2D 64 "
            "3x3 -> 11x11x64, 18,496 params; MaxPooling -> 5x5x64; Flatten 1600; Dense 10 -> 16,010 params; total "
            "34,826 correct?")
    stages = read_layer_stack(text)
    assert [(stage.layer.kind, stage.layer.size) for stage in stages] == [
        ("conv", 32), ("pool", 2), ("conv", 64), ("pool", 2), ("dense", 10)]
    assert [claim.said for claim in stages[4].claims] == ["16010"] and claimed_total(text) == "34826"
    assert all(check_claim(claim, stage.layer)[0] for stage in stages for claim in stage.claims)


def test_a_teachers_play_through_stacks_are_read_or_refused_never_misread() -> None:
    """The slides' CNN with its input said after the layers is read; a dense layer after a pooling of unknown input
    has an unknown input (not the pool's 2); a comparison ("versus") is no stack; a window larger than its input is
    a misreading, never worked out ("MaxPooling2D((32, 32)) on a 2x2x10 input" had been answered)."""
    stages = read_layer_stack("Conv2D(32,3x3) relu, Conv2D(32,3x3) relu, MaxPooling 2x2, Dropout, Flatten, Dense(128), "
                              "Dropout, Dense(10). Input 28x28x1. Parameters per layer?")
    assert [stage.layer.parameters().answer for stage in stages if stage.layer.kind != "pool"] == \
        ["320", "9248", "589952", "1290"]
    unknown = read_layer_stack("Conv2D(32, (3,3)) -> MaxPooling2D((2,2)) -> Dense(128)")
    assert unknown[-1].layer.channels is None
    assert read_layer_stack("Conv2D(32, 3x3) on 28x28x1 versus Dense(32) on 784 inputs") is None
    assert read_layer_sums("MaxPooling2D((32, 32)) on a 2x2x10 input, output?") is None


def test_same_padding_said_bare_in_a_stack_keeps_the_size() -> None:
    """"conv 32 3x3 same" had been read with valid padding: 34,826 parameters in all instead of 50,186."""
    text = ("input 28x28x1, conv 32 3x3 same, maxpool 2x2, conv 64 3x3 same, maxpool 2x2, flatten, dense 10. "
            "total params?")
    stages = read_layer_stack(text)
    assert [stage.layer.padding for stage in stages if stage.layer.kind == "conv"] == ["same", "same"]
    assert sum(int(stage.layer.parameters().answer) for stage in stages if stage.layer.kind != "pool") == 50186


def test_layers_said_once_for_several_alike_are_each_worked_out() -> None:
    """"two 3x3 convs with 256 filters each, same padding. total params? and why stack two 3x3 instead of one 5x5?"
    had got an easier quiz item: the stack was not read, and the second question's "instead of" read as a comparison."""
    text = ("VGG-style block, input 56x56x128, two 3x3 convs with 256 filters each, same padding. total params? and "
            "why stack two 3x3 instead of one 5x5?")
    stages = read_layer_stack(text)
    assert [stage.layer.parameters().answer for stage in stages] == ["295168", "590080"]
    assert asks_layer_numbers(text) and not asks_layer_numbers("why stack two 3x3 convs")


def test_a_dense_layer_said_by_its_inputs_and_neurons_with_weights_plus_biases_claimed() -> None:
    # "62500 pixel inputs into 100 neurons is 6 250 000 weights + 100 biases??" had got the image-representation card
    sums = read_layer_sums("so 62500 pixel inputs into 100 neurons is 6 250 000 weights + 100 biases?? thats a lot")
    assert (sums.layer.kind, sums.layer.size, sums.layer.channels) == ("dense", 100, 62500)
    assert [claim.said for claim in sums.claims] == ["6250100"] and check_claim(sums.claims[0], sums.layer)[0]
    wrong = read_layer_sums("10 inputs into 5 neurons is 50 weights + 10 biases?")
    assert not check_claim(wrong.claims[0], wrong.layer)[0]          # one bias per neuron: 55, not 60


def test_a_number_said_not_to_be_the_count_is_no_claim() -> None:
    # "so conv 5x5x3 with 32 filters is 2432 params, no 2400?" had got "Not quite: not 2400"
    sums = read_layer_sums("so conv 5x5x3 with 32 filters is 2432 params, no 2400?")
    assert [claim.said for claim in sums.claims] == ["2432"] and sums.layer.kernel == 5 and sums.layer.channels == 3


def test_another_kind_named_is_no_restatement_of_the_last_layer() -> None:
    # "3x3 convolution on 28x28 input, stride 1, no padding. What is the output size?" after a pooling layer had been
    # read as that MaxPooling2D with a 3x3 window
    pool = read_layer_sums("MaxPooling2D((2, 2)) on 28x28x32: output?").layer
    assert read_layer_sums("3x3 convolution on 28x28 input, stride 1, no padding. What is the output size?", pool) is None
    assert read_layer_sums("and with stride 1?", pool) is not None
