"""A Keras layer's numbers, asked or claimed ("how many params in Conv2D(32, (3,3)) on a 28x28x1 input?",
"LSTM(64) on 100-dim inputs: 42240 params, right?"): the verdict on each claimed number (with the known slip it
matches), then the working, from the same generators the quizzes use (:mod:`tutor.layer_sums`)."""
from __future__ import annotations

from dataclasses import replace

from tutor.dialogue import sums_texts as texts
from tutor.dialogue.state import Option
from tutor.dialogue.turn import Turn
from tutor.layer_sums import Claim, Layer, check_claim, claimed_total
from tutor.model_code import model_code
from tutor.question import fmt, fmt_vector

CONCLUSION_CONFIDENCE = 0.5   # the knowledge base's answer to a conclusion drawn from the sums: from this sure
_QUIZ = {"dense": ("dense_layer", "parameters"), "conv": ("convolutional_neural_network", "parameters"),
         "lstm": ("lstm", "parameters"), "gru": ("lstm", "parameters"),
         "rnn": ("recurrent_neural_network", "parameters"), "pool": ("stride_padding", "output size"),
         "embedding": ("word_embedding", "embedding")}


def work_out_layer(turn: Turn) -> None:
    sums = turn.signals.layer_sums
    assert sums is not None, "the rule checks it"
    layer = sums.layer
    lines = _wrong_sums(turn)      # "12*12*64 = 9126": the slip in their own arithmetic first
    lines += [verdict for claim in sums.claims if (verdict := _verdict(claim, layer))]
    lines.append(f"{layer.name}{_input(layer)}:")
    if sums.asks_parameters or any(claim.about == "parameters" for claim in sums.claims):
        lines.append(_parameters(layer))
    if sums.asks_output or any(claim.about == "output" for claim in sums.claims):
        lines.append(_output(layer))
    _say_worked(turn, lines, layer)


def work_through_stack(turn: Turn) -> None:
    """Layer after layer, each reading the one before's output: its output and parameters, a verdict under each
    number the learner claimed, and the total."""
    stages = turn.signals.layer_stack
    assert stages, "the rule checks it"
    lines, counts = _wrong_sums(turn), []
    for n, stage in enumerate(stages, start=1):
        layer, question = stage.layer, stage.layer.parameters()
        count = "0" if layer.kind == "pool" else question.answer if question else None
        counts.append(count)
        output = layer.output() or texts.STACK_VALUES[layer.kind == "embedding"].format(size=layer.size)
        lines.append(texts.STACK_NEEDS_INPUT.format(n=n, name=layer.name) if count is None else
                     texts.STACK_LINE.format(n=n, name=layer.name, input=_input(layer), output=output, parameters=count))
        lines += [f"   {verdict}" for claim in stage.claims if (verdict := _verdict(claim, layer))]
    if None not in counts:
        total = sum(int(count) for count in counts)
        lines.append(texts.STACK_TOTAL.format(total=total))
        if (said := claimed_total(turn.signals.text)) is not None:
            lines.append(texts.CLAIM_RIGHT.format(said=said) if int(said) == total else
                         texts.CLAIM_WRONG.format(expected=total, said=said))
    _say_worked(turn, lines, stages[-1].layer)


def write_network_code(turn: Turn) -> None:
    """The learner's network in Keras 3, each layer's output and parameters beside it, and what was filled in."""
    architecture = turn.signals.network_for_code
    assert architecture is not None, "the rule checks it"
    code = model_code(architecture)
    notes = [texts.CODE_LOSS.format(note=code.loss_note)]
    notes += [texts.CODE_FLATTEN_ADDED] if code.flatten_added else []
    notes += [texts.CODE_INPUT_WANTED] if architecture.input_shape is None else [texts.CODE_SUMMARY]
    kind = next((part.kind for part in architecture.parts if part.kind in _QUIZ), "dense")
    concept, quiz = _QUIZ[kind]
    turn.say(texts.CODE_FOR_NETWORK.format(code=code.source(), notes="\n".join(notes)),
             [Option(label, action.format(concept=concept, kind=quiz)) for label, action in texts.LAYER_OPTIONS])


def _say_worked(turn: Turn, lines: list[str], layer: Layer) -> None:
    """The working said, the layer kept for the next turn ("so 1792 params, right?"), a question like it offered."""
    turn.state.layer = layer.to_dict()
    concept, kind = _QUIZ[layer.kind]
    turn.say("\n".join(lines), [Option(label, action.format(concept=concept, kind=kind))
                                for label, action in texts.LAYER_OPTIONS])


def check_descent(turn: Turn) -> None:
    """The learner's point on the slides' descent: right, or the slip it matches, then every step worked out."""
    claim = turn.signals.descent_claim
    assert claim is not None, "the rule checks it"
    question, check = claim.question(), claim.check()
    lines = []
    if check is not None and check.correct:
        lines.append(texts.CLAIM_RIGHT.format(said=claim.said))
    elif check is not None:
        slipped = check.feedback != "Not quite."
        lines.append(check.feedback if slipped else texts.CLAIM_WRONG.format(expected=question.answer, said=claim.said))
    step = fmt(claim.step)
    lines.append(texts.DESCENT_WORKING.format(start=fmt_vector(list(claim.start)), step=step, solution=question.solution))
    turn.say("\n".join(lines), [Option(label, action.format(step=step)) for label, action in texts.DESCENT_OPTIONS])


def check_softmax(turn: Turn) -> None:
    """The learner's softmax: right, the z/sum(z) slip, or the values that are off, with every step."""
    claim = turn.signals.softmax_claim
    assert claim is not None, "the rule checks it"
    logits = ", ".join(fmt(z) for z in claim.logits)
    probabilities = ", ".join(fmt(p, 3) for p in claim.probabilities())
    wrong = claim.wrong()
    if not wrong:
        text = texts.SOFTMAX_RIGHT
    else:
        text = texts.SOFTMAX_SLIP if claim.slip() else texts.SOFTMAX_WRONG
    said = " and ".join(claim.said[i] for i in wrong)
    turn.say(text.format(logits=logits, probabilities=probabilities, working=claim.working(), said=said),
             [Option(label, action) for label, action in texts.NETWORK_SUMS_OPTIONS["softmax"]])


def check_cosine(turn: Turn) -> None:
    """The learner's cosine similarity: right, a slip in the dot product, or the value off, with every step (the sums
    alone had been checked: "a.b = 3 + 1 + 0 = 4" for (1, -1, 2)·(3, 1, 0) had got "Yes, that's right")."""
    claim = turn.signals.cosine_claim
    assert claim is not None, "the rule checks it"
    text = (texts.COSINE_RIGHT if claim.right() and not claim.dot_wrong() else
            texts.COSINE_DOT_SLIP if claim.dot_wrong() else texts.COSINE_WRONG)
    turn.say(text.format(working=claim.working(), dot=fmt(claim.dot), dot_said=claim.dot_said,
                         cosine=fmt(claim.cosine, 3), said=claim.said),
             [Option(label, action) for label, action in texts.NETWORK_SUMS_OPTIONS["cosine"]])


def _worked_verdict(values: dict[str, object], asked: bool, right: bool, slip: str | None,
                    said: texts.VerdictTexts) -> list[str]:
    """The lines of a result the learner worked out by hand: worked out where only asked, "Yes" where right, else
    "Not quite" with the slip it matches named."""
    if asked:
        return [said.asked.format(**values)]
    if right:
        return [said.right.format(**values)]
    return [said.wrong.format(**values)] + ([said.slips[slip].format(**values)] if slip else [])


def _say_with_options(turn: Turn, lines: list[str], kind: str) -> None:
    turn.say("\n".join(lines), [Option(label, action) for label, action in texts.NETWORK_SUMS_OPTIONS[kind]])


def check_log_loss(turn: Turn) -> None:
    """The log loss of one example: worked out where it is asked, or judged with the slip it matches."""
    claim = turn.signals.log_loss_claim
    assert claim is not None, "the rule checks it"
    values = dict(working=claim.working(), said=claim.said, loss=fmt(claim.loss, 3), y=claim.y, h=fmt(claim.h))
    lines = _worked_verdict(values, claim.said is None, claim.right(), claim.slip(), texts.LOG_LOSS)
    lines += [texts.LOG_LOSS_CONFIDENT] if claim.loss > 1 else []
    _say_with_options(turn, lines, "log loss")


def check_dense_count(turn: Turn) -> None:
    """A dense network's parameters, layer by layer: asked, right, or the biases left out."""
    claim = turn.signals.dense_count_claim
    assert claim is not None, "the rule checks it"
    values = dict(working=claim.working(), total=claim.total, said=claim.said,
                  sizes=" → ".join(str(size) for size in claim.sizes))
    lines = _worked_verdict(values, claim.said is None, claim.said == claim.total, claim.slip(), texts.DENSE_COUNT)
    _say_with_options(turn, lines, "dense")


def check_neuron_gradient(turn: Turn) -> None:
    """One sigmoid neuron's ∂L/∂w or ∂L/∂b: right, or the factor the learner left out, with the chain worked out."""
    claim = turn.signals.neuron_gradient_claim
    assert claim is not None, "the rule checks it"
    values = dict(working=claim.working(), said=claim.said, gradient=fmt(claim.gradient, 3), of=claim.of,
                  x=fmt(claim.x))
    _say_with_options(turn, _worked_verdict(values, False, claim.right(), claim.slip(), texts.GRADIENT), "gradient")


def check_size_trace(turn: Turn) -> None:
    """A feature map's side traced layer by layer: asked, right, or the slip it matches (the +1, pooling rounded up)."""
    claim = turn.signals.size_trace
    assert claim is not None, "the rule checks it"
    values = dict(working=claim.working(), final=claim.final, said=claim.said)
    right = claim.said == claim.final
    _say_with_options(turn, _worked_verdict(values, claim.said is None, right, claim.slip(), texts.TRACE), "field")


def check_receptive_field(turn: Turn) -> None:
    """The region stacked convolutions see: asked, or claimed and judged, and why the sides add up."""
    claim = turn.signals.field_claim
    assert claim is not None, "the rule checks it"
    k, said = claim.kernel, claim.said
    values = dict(layers=claim.layers, k=k, k2=k * k, side=claim.side, said=said, working=claim.working())
    if said is None:
        lines = [texts.FIELD_ASKED.format(**values)]
    elif said == claim.side:
        lines = [texts.FIELD_RIGHT.format(**values)]
    else:
        multiplied = said in (k * k, k ** claim.layers, k * claim.layers)
        lines = [texts.FIELD_WRONG.format(**values)] + ([texts.FIELD_MULTIPLIED.format(**values)] if multiplied else [])
    turn.say("\n".join(lines), [Option(label, action) for label, action in texts.NETWORK_SUMS_OPTIONS["field"]])


def check_equations(turn: Turn) -> None:
    """Each stated sum against its own sides: "Yes" with the sums, or the first side that is off, worked out."""
    equations = turn.signals.equations
    wrong = [equation for equation in equations if equation.wrong_at is not None]
    right = "; ".join(equation.written for equation in equations if equation.wrong_at is None)
    options = [Option(label, action) for label, action in texts.SUMS_OPTIONS]
    if not wrong:
        conclusion = _about_the_conclusion(turn) if turn.signals.reasons_beyond_the_sums else None
        if conclusion is not None:
            return turn.say(texts.SUMS_AND_CONCLUSION.format(sums=right, answer=conclusion), options)
        verdict = texts.SUMS_ONLY if turn.signals.reasons_beyond_the_sums else texts.SUMS_RIGHT
        turn.say(verdict.format(sums=right), options)
        return
    turn.say("\n".join(_wrong_sums(turn) + ([texts.SUMS_REST_RIGHT.format(sums=right)] if right else [])), options)


def _about_the_conclusion(turn: Turn) -> str | None:
    """The knowledge base's answer to the conclusion drawn from the sums ("so far from zero the sigmoid learns
    slower. Correct?"), where it is sure enough; None otherwise (the reply then says only the sums were checked)."""
    hit = turn.signals.conclusion_answer
    if hit is None or hit.confidence < CONCLUSION_CONFIDENCE:
        return None
    return hit.answer


def _wrong_sums(turn: Turn) -> list[str]:
    """Each stated sum that is off: its first wrong side, worked out."""
    return [texts.SUM_WRONG.format(left=equation.sides[at - 1], value=equation.result(at - 1, equation.sides[at]),
                                   said=equation.sides[at])
            for equation in turn.signals.equations if (at := equation.wrong_at) is not None]


def _verdict(claim: Claim, layer: Layer) -> str | None:
    checked = check_claim(claim, layer)
    if checked is None:       # a size it needs is not known: the working below asks for it
        return None
    right, slip = checked
    if right:
        return texts.CLAIM_RIGHT.format(said=claim.said)
    if slip:
        return texts.CLAIM_SLIP.format(said=claim.said, why=slip[:1].upper() + slip[1:])
    question = layer.parameters()
    # a count is the item's answer, or none at all for pooling; a shape is the layer's output
    expected = (question.answer if question else "0") if claim.about == "parameters" else layer.output()
    return texts.CLAIM_WRONG.format(said=claim.said, expected=expected)


def _input(layer: Layer) -> str:
    if layer.height is not None and layer.channels is not None:
        return texts.LAYER_ON["image"].format(height=layer.height, width=layer.width, channels=layer.channels)
    if layer.channels is not None and layer.kind not in ("conv", "pool", "embedding"):
        return texts.LAYER_ON["features"].format(channels=layer.channels)
    return ""


def _parameters(layer: Layer) -> str:
    if layer.kind == "pool":
        return texts.LAYER_NO_PARAMETERS
    question = layer.parameters()
    if question is not None:
        return texts.LAYER_PARAMETERS.format(solution=question.solution, why=texts.LAYER_PARAMETERS_WHY[layer.kind])
    if layer.kind == "conv" and layer.kernel is None:
        return texts.LAYER_PARAMETERS_OPEN["conv_kernel"].format(size=layer.size)
    counts = {name: _with_channels(layer, channels) for name, channels in (("gray", 1), ("rgb", 3))}
    return texts.LAYER_PARAMETERS_OPEN[layer.kind].format(size=layer.size, kernel=layer.kernel, **counts)


def _with_channels(layer: Layer, channels: int) -> str:
    question = replace(layer, channels=channels).parameters()
    return question.answer if question else ""


def _output(layer: Layer) -> str:
    if layer.kind not in ("conv", "pool"):
        return texts.LAYER_OUTPUT_VECTOR.format(size=layer.size)
    sides, shape = layer.sides(), layer.output()
    if not sides or shape is None:
        return texts.LAYER_OUTPUT_OPEN
    working = "; ".join(text for _, text in sides)
    return texts.LAYER_OUTPUT.format(working=working, shape=shape, per=texts.LAYER_OUTPUT_PER[layer.kind])
