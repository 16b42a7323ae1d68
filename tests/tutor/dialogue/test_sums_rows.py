"""A layer's numbers asked or claimed ("Conv2D(64, (3,3)) on 32x32x3: I say 1792. Right?"): a yes or a "not quite"
with the slip it matches, then the working, the same as a quiz's; a claim or a change next turn refers to that layer;
never with a question open, whose answer it could be."""
from __future__ import annotations

from tests.tutor.test_dialogue import Chat


async def test_a_layers_numbers_asked_or_claimed_no_question_open(chat: Chat) -> None:
    text = await chat("Conv2D(64, (3,3)) on a 32x32x3 input, padding valid: how many params? I say 1728. Right?")
    assert text.splitlines()[0] == "Not quite: not 1728. Each filter also has one bias."
    assert "(3·3·3 + 1)·64 = 28·64 = 1792" in text and "A question like this" in chat.options
    text = await chat("So the answer is 30x30x64 and 1792 params, right?")
    assert text.splitlines()[:2] == ["Yes, 30x30x64 is right. ✅", "Yes, 1792 is right. ✅"]
    text = await chat("and with padding same?")
    assert "32×32×64" in text and "'same' padding" in text


async def test_an_open_question_is_never_worked_out_for_the_learner(chat: Chat) -> None:
    await chat("/quiz")
    assert chat.state().pending
    text = await chat("a dense layer with 10 units on 784 inputs: how many params?")
    assert "7850" not in text and chat.state().pending


async def test_a_count_needing_the_input_says_the_formula(chat: Chat) -> None:
    text = await chat("Conv2D(32, (3,3)) how many params")
    assert "(3·3·C + 1)·32" in text and "320" in text and "896" in text
    text = await chat("how many weights does an LSTM with 128 units have")
    assert "4·(128·(m + 128) + 128)" in text and "Tell me m" in text


async def test_a_sum_stated_no_question_open(chat: Chat) -> None:
    assert (await chat("so e^0 = 1, and g(0) = 1/(1+1) = 0,5. correct?")).startswith(
        "Yes, that's right: e^0 = 1; g(0) = 1/(1+1) = 0,5.")
    text = await chat("so e^0 = 1, and g(0) = 1/(1+1) = 0,6. correct?")
    assert text.splitlines() == ["Not quite: 1/(1+1) is 0.5, not 0,6.", "The rest is right: e^0 = 1."]
    await chat("/quiz")
    assert "0.8808" not in await chat("g(2) = 0.87?")      # with a question open, never worked out


async def test_the_slides_descent_worked_by_the_learner_no_question_open(chat: Chat) -> None:
    text = await chat("I got (2,56; 2,56) for x3 in the gradient descent example, from (5,5) with step 0,1. right?")
    assert text.startswith("Yes, (2,56; 2,56) is right.") and "x⁽³⁾ = (3.2, 3.2) − 0.1·(6.4, 6.4) = (2.56, 2.56)" in text
    text = await chat("gradient descent from (5,5) with lambda 0.1: x(2) = (3,3), right?")
    assert text.startswith("Not quite: I get (3.2, 3.2), not (3,3).")


async def test_a_slip_in_the_learners_own_product_is_named_with_the_layer(chat: Chat) -> None:
    text = await chat("then Flatten gives 12*12*64 = 9126 and Dense(128) on that has 9126*128 params")
    assert text.splitlines()[0] == "Not quite: 12*12*64 is 9216, not 9126."


async def test_a_stack_of_layers_worked_through_no_question_open(chat: Chat) -> None:
    text = await chat("Conv2D(32,(3,3)) on 28x28x1 then MaxPooling → 14x14x32 right?")
    assert text.splitlines() == ["1. Conv2D(32, (3, 3)) on a 28×28×1 input: output 26×26×32, 320 parameters",
                                 "2. MaxPooling2D((2, 2)) on a 26×26×32 input: output 13×13×32, 0 parameters",
                                 "   Not quite: I get 13×13×32, not 14x14x32.", "Parameters in all: 320."]


async def test_only_the_arithmetic_is_confirmed_when_a_conclusion_rides_on_it(chat: Chat) -> None:
    """"three stacked 3x3 convs see a 9x9 region since 3·3=9, right?" had got "Yes, that's right" (it is 7x7; that
    claim has a row of its own now)."""
    text = await chat("so a bigger kernel always learns better since 3·3=9, right?")
    assert text.startswith("I can only check the arithmetic here, and that part holds (3·3 = 9).") and "formula" in text


async def test_thousands_separators_and_the_size_asked_for(chat: Chat) -> None:
    text = await chat("SimpleRNN(64) on 100-dim: 64·100+64·64+64 = 10,560, check?")
    assert "Not quite" not in text and "Yes, 10560 is right" in text
    await chat("Dense(128) how many params")                 # the formula, and "tell me n"
    assert "(30752 + 1)·128" not in (text := await chat("n = 30752")) and "3936384" in text


async def test_a_wrong_parameter_count_for_pooling_is_told_zero(chat: Chat) -> None:
    """"MaxPooling2D((2,2)) on 26x26x32 has 10 params, right?" had got "I get 13×13×32, not 10": the shape."""
    text = await chat("MaxPooling2D((2,2)) on 26x26x32 has 10 params, right?")
    assert text.splitlines()[0] == "Not quite: I get 0, not 10."


async def test_code_for_the_learners_own_network_no_question_open(chat: Chat) -> None:
    text = await chat("Keras 3 code for a CNN: 64x64x3 input, Conv2D 32, MaxPool, Flatten, Dense 128, Dropout 0.5, "
                      "softmax 10?")
    assert text.startswith("Your network in Keras 3:") and "keras.Input(shape=(64, 64, 3))" in text
    assert "# -> 62×62×32, 896 params" in text and "3,938,570 parameters in all" in text
    await chat("/quiz")
    assert chat.state().pending
    text = await chat("code for: 28x28x1 input, Conv2D(32,(3,3)), Flatten, Dense(10)")
    assert "params" not in text and chat.state().pending          # its counts could be the open question's answer


async def test_a_softmax_worked_by_the_learner_no_question_open(chat: Chat) -> None:
    assert (await chat("softmax check: logits (2,1,0) -> about 0.67, 0.24, 0.09, right?")).startswith("Yes")
    assert "divided by their sum" in await chat("softmax of 2, 1, 0 = 0.67, 0.33, 0?")


async def test_a_log_loss_worked_by_the_learner_no_question_open(chat: Chat) -> None:
    """"y = 0 and h = 0,9 ... -log(0,9) = 0,105. Is this correct?" had got logistic regression's worked example."""
    text = await chat("For one example with y = 0 and h = 0,9 I compute the cost as -log(0,9) = 0,105. Is this correct?")
    assert text.startswith("Not quite") and "2.303" in text and "other class" in text and "confident and wrong" in text
    assert (await chat("cross-entropy with y = 1 and h = 0.9 is 0.105, right?")).startswith("Yes")


async def test_the_region_stacked_convolutions_see_no_question_open(chat: Chat) -> None:
    text = await chat("three stacked 3x3 convs see a 9x9 region since 3*3=9, right?")
    assert text.startswith("Not quite") and "7×7, not 9×9" in text and "do not multiply" in text
    assert "7×7" in await chat("how big a region do three stacked 3x3 convs see?")


async def test_a_layer_the_arithmetic_does_not_know_is_left_to_the_knowledge_base(chat: Chat) -> None:
    """"Bidirectional(LSTM(32))" had got LSTM(32)'s count, "BatchNormalization after a conv with 128 channels" a
    conv's, a functional model with two inputs a one-input Sequential."""
    assert "12416" not in await chat("Bidirectional(LSTM(32)) on input dim 64: params and output shape?")
    assert "Parameters" not in await chat("BatchNormalization after a Conv2D(128, (3,3)) on 16x16x64: trainable params?")
    text = await chat("Keras code for a functional model with two inputs: 128x128x3 image -> Conv2D 32, 20 features "
                      "-> Dense 32, concatenate, Dense 1 sigmoid")
    assert "Your network in Keras 3" not in text


async def test_two_layers_named_that_the_stack_cannot_read_get_no_verdict(chat: Chat) -> None:
    """"SimpleRNN(64) on dim 10 = 4,800? LSTM = 4x = 19,200?" had got "Not quite: I get 4800, not 19200"."""
    assert "Not quite" not in await chat("SimpleRNN(64) on dim 10 = 4,800? LSTM = 4x = 19,200?")


async def test_a_one_by_one_convolution_is_counted_like_any_other(chat: Chat) -> None:
    text = await chat("how many weights does a 1x1 conv with 256 input channels and 64 filters have?")
    assert "(1·1·256 + 1)·64 = 257·64 = 16448" in text
