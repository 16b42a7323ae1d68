"""What the tutor says when it works out the learner's own numbers: a layer's parameters and output, a stack of
layers, a stated sum, the slides' descent, a softmax, the region stacked convolutions see, and the code for the
learner's network (:mod:`tutor.dialogue.moves.sums`). The dialogue's other texts are in :mod:`tutor.dialogue.texts`."""
from __future__ import annotations

from dataclasses import dataclass

# -- a layer's numbers worked out (tutor/dialogue/moves/sums.py; the formulas are the quiz generators') ---------
LAYER_ON = {"image": " on a {height}×{width}×{channels} input", "features": " on inputs of {channels} features"}
CLAIM_RIGHT = "Yes, {said} is right. ✅"
CLAIM_SLIP = "Not quite: not {said}. {why}"
CLAIM_WRONG = "Not quite: I get {expected}, not {said}."
LAYER_PARAMETERS = "• Parameters: {solution} ({why})."
LAYER_PARAMETERS_WHY = {
    "dense": "every input connects to every unit, and each unit has one bias",
    "conv": "each filter has one weight per kernel cell and input channel, and one bias",
    "lstm": "four weight sets, for the forget, input and output gates and the candidate, each with input weights, "
            "recurrent weights and one bias per unit",
    "gru": "three weight sets, for the update and reset gates and the candidate, each with input weights, recurrent "
           "weights and, in Keras's default reset_after=True, two bias vectors",
    "rnn": "input weights, recurrent weights from the layer's own last output, and one bias per unit",
    "embedding": "a lookup table, not a layer of neurons",
}
LAYER_PARAMETERS_OPEN = {
    "dense": "• Parameters: (n + 1)·{size} for n input features: a weight from every input to every unit, and one "
             "bias per unit. Tell me n and I'll count them.",
    "conv": "• Parameters: ({kernel}·{kernel}·C + 1)·{size} for an input with C channels: {gray} on a grayscale image "
            "(C = 1), {rgb} on an RGB one (C = 3).",
    "conv_kernel": "• Parameters: (k·k·C + 1)·{size} for k×k filters on an input with C channels: each filter has one "
                   "weight per kernel cell and channel, and one bias. Tell me k and C and I'll count them.",
    "lstm": "• Parameters: 4·({size}·(m + {size}) + {size}) for inputs of m features: the three gates and the candidate "
            "each see the input and the layer's last output. Tell me m and I'll count them.",
    "gru": "• Parameters: 3·({size}·(m + {size}) + 2·{size}) for inputs of m features (Keras's default reset_after=True). "
           "Tell me m and I'll count them.",
    "rnn": "• Parameters: {size}·(m + {size}) + {size} for inputs of m features. Tell me m and I'll count them.",
    "embedding": "• Parameters: V·{size} for a vocabulary of V words, one {size}-number vector each. Tell me V and I'll "
                 "count them.",
}
LAYER_NO_PARAMETERS = "• Parameters: none. Pooling takes the largest value of each window; there is nothing to learn."
LAYER_OUTPUT = "• Output: {working}, so {shape}{per}."
LAYER_OUTPUT_PER = {"conv": " (one feature map per filter)", "pool": " (each channel pooled on its own)"}
LAYER_OUTPUT_VECTOR = "• Output: {size} values per example, one per unit."
LAYER_OUTPUT_OPEN = ("• Output: each side is (n + 2p − k) / s + 1 for an input n pixels wide, with padding p and stride "
                     "s. Tell me the input's size and I'll work it out.")
DESCENT_WORKING = "Gradient descent on y = x1² + x2² from {start} with λ = {step}:\n{solution}"
DESCENT_OPTIONS = (("Try other steps in the playground", "/gd {step}"), ("Quiz me on it", "/quiz gradient_descent"))
SUMS_RIGHT = "Yes, that's right: {sums}. ✅"
SUMS_ONLY = ("I can only check the arithmetic here, and that part holds ({sums}). Whether the step or the conclusion "
             "is right I can't tell from the sums alone: tell me the formula you started from (the function, the "
             "gradient, the layer) and I'll check it.")
SUMS_AND_CONCLUSION = "The arithmetic is right: {sums}. As for your question: {answer}"
SUM_WRONG = "Not quite: {left} is {value}, not {said}."
SUMS_REST_RIGHT = "The rest is right: {sums}."
SUMS_OPTIONS = (("Continue", "/lesson"), ("Quiz me", "/quiz"))
STACK_LINE = "{n}. {name}{input}: output {output}, {parameters} parameters"
STACK_NEEDS_INPUT = "{n}. {name}: tell me the size of its input and I'll count it"
STACK_VALUES = ("a vector of {size}", "a vector of {size} for each word")   # [is it an embedding?]
STACK_TOTAL = "Parameters in all: {total}."
CODE_FOR_NETWORK = "Your network in Keras 3:\n\n{code}\n\n{notes}"
CODE_LOSS = "Loss: {note}. ReLU in the hidden layers where you named no activation."
CODE_FLATTEN_ADDED = ("I added Flatten() before the first Dense: a Dense layer after a feature map would work on each "
                      "position's channels only.")
CODE_INPUT_WANTED = ("Start it with keras.Input(shape=(height, width, channels)) for images: tell me the input's size "
                     "and I'll put each layer's output shape and parameters beside it.")
CODE_SUMMARY = ("model.summary() prints the same shapes and counts. Then model.fit(x_train, y_train, epochs=10, "
                "validation_split=0.1): the test set stays untouched until the end.")
LAYER_OPTIONS = (("A question like this", "/quiz {concept} {kind}"), ("Continue", "/lesson"))
COSINE_RIGHT = "Yes, that's right ✅: {working}."
COSINE_DOT_SLIP = "Not quite: the dot product is {dot}, not {dot_said}: multiply pair by pair, signs included. {working}."
COSINE_WRONG = "Not quite: the cosine is about {cosine}, not {said}. {working}."
SOFTMAX_RIGHT = "Yes, that's right ✅: softmax({logits}) ≈ ({probabilities}). {working}."
SOFTMAX_WRONG = "Not quite: softmax({logits}) ≈ ({probabilities}), so {said} is off. {working}."
SOFTMAX_SLIP = ("Not quite: those are the scores divided by their sum. Softmax first takes e to the power of each "
                "score, so a bigger score gets a much bigger share, and a negative one still a positive share: {working}, "
                "so ({probabilities}).")
FIELD_RIGHT = "Yes ✅: {layers} stacked {k}×{k} convolutions see {side}×{side} pixels of the input: {working}."
FIELD_WRONG = ("Not quite: {layers} stacked {k}×{k} convolutions (stride 1, no pooling between them) see {side}×{side}, "
               "not {said}×{said}: {working}.")
FIELD_MULTIPLIED = ("The sides add up, they do not multiply: {k}·{k} = {k2} is the number of weights in one {k}×{k} "
                    "kernel, not the width of the view.")
FIELD_ASKED = ("{layers} stacked {k}×{k} convolutions (stride 1, no pooling between them) see {side}×{side} pixels of the "
               "input: {working}. A pooling layer or a stride of 2 between them makes the region grow faster.")
@dataclass(frozen=True)
class VerdictTexts:
    """What is said of a result the learner worked out by hand: asked, right, or wrong with the slip it matches."""
    asked: str
    right: str
    wrong: str
    slips: dict[str, str]


LOG_LOSS = VerdictTexts(
    asked="The log loss is −[y·ln(h) + (1 − y)·ln(1 − h)]: {working}.",
    right="Yes, that's right ✅: {working}.",
    wrong="Not quite: the loss is about {loss}, not {said}: {working}.",
    slips={"other term": "You took the log of the probability of the other class: the loss looks at the probability "
                         "the model gave the true label, which for y = 0 is 1 − h, for y = 1 it is h.",
           "sign": "The minus sign in front makes the loss positive: a log of a probability is negative.",
           "base 10": "That is the log to base 10; the loss uses the natural log, ln (Keras and PyTorch do too)."})
LOG_LOSS_CONFIDENT = ("That is a large loss because the model was confident and wrong: it gave the true class only "
                      "a small probability, and −ln of a small number is big.")
DENSE_COUNT = VerdictTexts(
    asked="A dense layer with n inputs and k neurons has n·k weights and k biases. For {sizes}: {working} parameters.",
    right="Yes, {said} is right ✅: n·k weights plus k biases for each layer, {working}.",
    wrong="Not quite: {sizes} has {total} parameters, not {said}. Each layer has n·k weights plus k biases: {working}.",
    slips={"no biases": "Your count is the weights alone: every neuron also has its own bias.",
           "one bias": "Every neuron has its own bias, not one for the whole network."})
GRADIENT = VerdictTexts(
    asked="{working}.",   # a gradient is only claimed, never asked: the rule reads a claimed value
    right="Yes, that's right ✅: {working}.",
    wrong="Not quite: ∂L/∂{of} is about {gradient}, not {said}: {working}.",
    slips={"no x": "You have ∂L/∂a · ∂a/∂z, but the chain goes one link further: ∂z/∂w = x = {x}.",
           "no slope": "The sigmoid's slope ∂a/∂z = a(1 − a) is missing from your chain.",
           "no 2": "With L = (a − y)² and no ½ in front, ∂L/∂a = 2(a − y): the 2 is missing."})
TRACE = VerdictTexts(
    asked="Side by side (a valid k×k convolution with stride 1 takes off k − 1, a p×p pooling divides by p, rounded "
          "down): {working}.",
    right="Yes, {final}×{final} is right ✅: {working}.",
    wrong="Not quite: it ends at {final}×{final}, not {said}×{said}. Side by side: {working}.",
    slips={"no +1": "A valid k×k convolution takes off k − 1, not k: n − k + 1 positions fit across.",
           "rounded up": "Pooling rounds down: an odd side leaves its last row and column out (11 / 2 → 5)."})
NETWORK_SUMS_OPTIONS = {"softmax": (("Quiz me on softmax", "/quiz softmax"), ("Continue", "/lesson")),
                        "cosine": (("Quiz me on cosine similarity", "/quiz cosine similarity"), ("Continue", "/lesson")),
                        "dense": (("Quiz me on dense layers", "/quiz dense_layer"), ("Continue", "/lesson")),
                        "gradient": (("Quiz me on backpropagation", "/quiz backpropagation"), ("Continue", "/lesson")),
                        "log loss": (("Quiz me on cross-entropy", "/quiz cross_entropy"), ("Continue", "/lesson")),
                        "field": (("Quiz me on convolution", "/quiz convolution"), ("Continue", "/lesson"))}
