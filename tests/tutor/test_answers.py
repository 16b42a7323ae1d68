"""Reading learners' answers: numbers, vectors, options, free text."""
from __future__ import annotations

import pytest

from tutor.answers import each_part_matches, match_option, names_first, option_conclusions, parse_number, parse_vector, text_matches
from tutor.key_ideas import missing_ideas


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.5", 0.5), (".5", 0.5), ("1/2", 0.5), ("50%", 0.5), ("half", 0.5),
        ("-3", -3.0), ("\u22120.25", -0.25), ("about 0.73", 0.73), ("J = 0.125", 0.125),
        ("x1 = 4", 4.0), ("1e-3", 0.001), ("4.", 4.0), ("the answer is 448!", 448.0),
        ("h = g(2) = 0.88", 0.88), ("3,072", 3072.0), ("z = 2·1 − 0.5 = 1.5", 1.5),
    ],
)
def test_parse_number_reads_the_usual_formats(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "no idea", "(4, 4)", "1/0", "between 3 and 4"])
def test_parse_number_refuses_text_without_exactly_one_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("(3.2, 3.2)", [3.2, 3.2]), ("3.2 3.2", [3.2, 3.2]), ("[4,4]", [4.0, 4.0]),
        ("x1 = 4, x2 = -4", [4.0, -4.0]), ("(100,200)", [100.0, 200.0]), ("(1/2; 50%)", [0.5, 0.5]),
    ],
)
def test_parse_vector_reads_tuples_lists_and_assignments(text: str, values: list[float]) -> None:
    assert parse_vector(text) == pytest.approx(values)


def test_parse_vector_is_none_without_numbers() -> None:
    assert parse_vector("I don't know") is None


OPTIONS = ["Overfitting", "Underfitting", "The learning rate is too small"]


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("b", 1), ("B)", 1), ("(c)", 2), ("option a", 0), ("2", 1), ("3.", 2),
        ("underfitting", 1), ("Overfiting", 0), ("learning rate", 2),
        ("the rate is too small", 2), ("too small a learning rate", 2),  # every word in one option, any order
    ],
)
def test_match_option_by_letter_number_or_text(text: str, index: int) -> None:
    assert match_option(text, OPTIONS) == index


def test_match_option_prefers_an_options_own_number_text() -> None:
    assert match_option("4", ["2", "3", "4", "5"]) == 2   # the option "4", not the 4th option


@pytest.mark.parametrize("text", ["d", "7", "what?", "", "the rate is too big", "what is overfitting"])
def test_match_option_refuses_what_matches_no_option(text: str) -> None:
    assert match_option(text, OPTIONS) is None


def test_text_matches_tolerates_case_plural_and_typos() -> None:
    accepted = ["convolutional neural network"]
    assert text_matches("Convolutional Neural Networks", accepted)
    assert text_matches("convolutonal neural network", accepted)
    assert not text_matches("recurrent neural network", accepted)
    assert text_matches("I think it's the experience", ["experience"])
    assert text_matches("a CNN", ["cnn"]) and not text_matches("an RNN", ["cnn"])


# --- answers as people write them ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0,5", 0.5), ("0,62", 0.62), ("-0,05", -0.05), ("1,5", 1.5), ("12,25", 12.25), ("0,625", 0.625),
        ("3,072", 3072.0), ("1,234,567", 1234567.0),               # a thousands group stays one
        ("2.5e-1", 0.25), ("-4.3e-3", -0.0043), ("2.5·10^-1", 0.25), ("2.5×10⁻¹", 0.25), ("2.5 x 10^(-1)", 0.25),
        ("3x3", 3.0), ("3 × 3", 3.0), ("3 by 3", 3.0),                # one side of a square size
        ("zero point five", 0.5), ("twenty", 20.0), ("minus two", -2.0), ("twenty one", 21.0),
        ("one hundred and twenty", 120.0), ("i think a half", 0.5),
        ("ugh. 2", 2.0), ("i think its 0,5", 0.5), ("hmm 2.5e-1?", 0.25),
        ("This is forward pass, but ok. z = 1·(−3) + 2·(−1) − 0,5 = −5,5. Output −5,5.", -5.5),   # the result said twice
    ],
)
def test_parse_number_reads_what_people_write(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["3x4", "i have one question", "give me two more minutes please"])
def test_parse_number_refuses_two_sides_and_words_that_are_no_answer(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "values"),
    [("(6,3; -3,5)", [6.3, -3.5]), ("6,3;-3,5", [6.3, -3.5]), ("(6,3, -3,5)", [6.3, -3.5]), ("3,2 3,2", [3.2, 3.2]),
     ("(4,4)", [4.0, 4.0]), ("(100,200)", [100.0, 200.0])],
)
def test_parse_vector_reads_decimal_commas_when_the_size_says_so(text: str, values: list[float]) -> None:
    assert parse_vector(text, 2) == pytest.approx(values)


@pytest.mark.parametrize(
    ("text", "index"),
    [("the two", 1), ("option two", 1), ("the second one", 1), ("second", 1), ("2nd", 1), ("ugh. 2", 1),
     ("the last one", 2), ("i think b", 1), ("option one", 0), ("the answer is c", 2), ("third option", 2)],
)
def test_match_option_by_ordinal_and_number_word(text: str, index: int) -> None:
    assert match_option(text, OPTIONS) == index


def test_a_number_word_picks_the_option_with_that_number_first() -> None:
    assert match_option("the two", ["1", "2", "3"]) == 1
    assert match_option("ugh. 4", ["2", "3", "4", "5"]) == 2


@pytest.mark.parametrize(
    ("text", "options", "index"),
    [
        ("sklearn", ["PyTorch", "scikit-learn", "Caffe"], 1),
        ("RL", ["Supervised learning", "Reinforcement learning", "Clustering"], 1),
        ("the context words", ["The words around a given word", "The letters of the word", "The word's length"], 0),
        ("they overfit", ["It overfits and predicts new points badly", "It underfits the data"], 0),
        ("a bigger learning rate", ["A larger learning rate", "More training data"], 0),
        # a filler after the option's words (a teacher's play-through: it had run the "skip" command)
        ("skip connections obviously", ["Removing all pooling layers", "Skip connections that add a block's input to "
                                        "its output", "The sigmoid activation"], 1),
    ],
)
def test_match_option_by_meaning_in_the_learners_own_words(text: str, options: list[str], index: int) -> None:
    assert match_option(text, options) == index


def test_match_option_by_an_options_curated_aliases() -> None:
    options = ["The ½ cancels the 2 that comes from differentiating the square", "It counts every example twice"]
    aliases = {options[0]: ["cancel the 2", "the derivative's 2"]}
    assert match_option("the 1/2 cancel the 2 of derivative", options, aliases) == 0
    assert match_option("the 1/2 cancel the 2 of derivative", options) is None   # its words alone are not enough


def test_missing_ideas_names_what_an_explanation_leaves_out() -> None:
    ideas = [["without it the layers stay linear", "linear", "nonlinear"],
             ["stacked layers collapse into one", "collapse", "single layer"]]
    assert missing_ideas("otherwise the layers collapse into a single linear layer", ideas) == []
    assert missing_ideas("because it is not linear", ideas) == [1]
    assert missing_ideas("no idea", ideas) == [0, 1]
    assert missing_ideas("the 1/2 cancels the two", [["half cancels the 2", "half cancel the two"]]) == []


@pytest.mark.parametrize(("text", "value"), [
    ("oh 2 on each side so 4", 4.0), ("2 before and 2 after, so 4 in total", 4.0), ("2+2 thats 4", 4.0),
    ("3 words left and 3 right which makes 6", 6.0),
])
def test_a_reasoning_in_words_is_read_as_the_number_it_concludes(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["2 or 4", "either 2 or 4 i guess", "2 and 4"])
def test_two_numbers_without_a_conclusion_stay_unread(text: str) -> None:
    assert parse_number(text) is None


def test_an_option_named_in_the_learners_own_words_is_picked() -> None:
    options = ["tanh", "mean squared error", "learning rate", "epoch"]
    assert match_option("the hyperbolic tangent one", options) == 0
    assert match_option("the rectified linear unit", ["sigmoid", "ReLU", "softmax"]) == 1


@pytest.mark.parametrize("text", ["alexnet i think", "AlexNet, I think?", "i think alexnet maybe", "alexnet probably"])
def test_a_hedged_answer_is_read_without_its_hedge(text: str) -> None:
    assert text_matches(text, ["AlexNet", "alex net"])
    assert not text_matches("resnet i think", ["AlexNet", "alex net"])


@pytest.mark.parametrize("text, index", [
    ("4 because the thermostat decide alone", 3), ("2 the eights", 1), ("3 the one with g", 2),
    ("2 because it learn the noise", 1), ("1, the rules", 0),
])
def test_an_options_number_with_the_learners_reason_picks_it(text: str, index: int) -> None:
    assert match_option(text, ["Rules written by hand", "Eights", "The one with g", "A thermostat"]) == index


def test_an_options_number_with_a_reason_picks_it_when_another_option_holds_a_number() -> None:
    """"3, the thermostat learns when to heat" to four options, one of them "heat below 20 °C": the third (it had
    been read as no answer at all, and the lesson went on); a number an option holds is no position."""
    options = ["A thermostat following the rule 'heat below 20 °C'", "A web page showing today's date",
               "A calculator adding two numbers", "A spam filter that improves as users mark more emails"]
    assert match_option("3, the thermostat learns when to heat", options) == 2
    assert match_option("20 because of the rule", options) is None
    assert match_option("3 because", ["3 layers", "5 layers", "7 layers"]) is None


@pytest.mark.parametrize("text, value", [
    ("-2 + -1,5 + 0,5 = -3 so 0,05", 0.05), ("-1,5 + 1 - 0,5 = -1 so 0,27", 0.27), ("3 so 12.5", 12.5),
])
def test_the_number_a_worked_line_concludes_may_have_several_digits(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_a_conclusion_with_two_numbers_stays_ambiguous() -> None:
    assert parse_number("1 so 2 and 3") is None


@pytest.mark.parametrize("text", ["descent obviously", "obviously descent", "descent, clearly", "descent for sure"])
def test_an_option_with_an_intensifier_is_still_that_option(text: str) -> None:
    # a tester's "descent obviously" to a lab's question had been read as a new request
    assert match_option(text, ["gradient", "descent", "learning", "weights"]) == 1


@pytest.mark.parametrize("text", ["3 obviously", "obviously 3", "c for sure", "definitely the third one"])
def test_an_option_s_number_or_letter_with_an_intensifier_is_that_option(text: str) -> None:
    # a tester's "3 obviously" in a placement check had been read as a day to go to, ending the check
    options = ["It trains faster", "It becomes a CNN", "It collapses into one linear model", "It outputs zeros"]
    assert match_option(text, options) == 2


OPTIONS_W2V = ["The word itself", "The context words", "The whole vocabulary", "The document's topic"]


@pytest.mark.parametrize("text, verdict", [
    ("2, the context words", "correct"),            # number and words agree
    ("3 the context words", "asked"),               # they name different options: which one?
    ("b) the whole vocabulary", "asked"),
    ("2 because it predicts its neighbours", "correct"),   # a reason, not another option
    ("3", "wrong"),
])
def test_an_option_named_by_number_and_in_other_words_is_asked_about_not_graded(text: str, verdict: str) -> None:
    from tutor.question import Question   # noqa: PLC0415

    question = Question("w2v", "word2vec", "What does skip-gram predict?", OPTIONS_W2V, OPTIONS_W2V[1], ["h", "p"], "s")
    check = question.check(text)
    seen = "asked" if not check.understood else ("correct" if check.correct else "wrong")
    assert seen == verdict
    if verdict == "asked":
        assert "Which one do you mean?" in check.feedback


@pytest.mark.parametrize("text, verdict", [
    ("b, thats what the lesson said", "correct"),    # a letter, then a comment that names no option
    ("2 obviously", "correct"),
    ("the word itself i guess. b", "asked"),          # words name option 1, the letter option 2
    ("we talked about neighbours. b", "correct"),
    ("a lot of words", "asked"),                      # "a" is an article here, and no option is named
])
def test_an_option_by_its_letter_or_number_among_other_words_is_read(text: str, verdict: str) -> None:
    from tutor.question import Question   # noqa: PLC0415

    question = Question("w2v", "word2vec", "What does skip-gram predict?", OPTIONS_W2V, OPTIONS_W2V[1], ["h", "p"], "s")
    check = question.check(text)
    assert ("asked" if not check.understood else "correct" if check.correct else "wrong") == verdict


@pytest.mark.parametrize("text, picked", [
    ("the first one, because the lesson said h = W transpose x", 0), ("ok then the one with g, the third", 2),
    ("more data! the second", 1), ("ok it's the percentage, 4", 3), ("answer 2, more training data", 1),
    ("training longer, because the model learns more", 1), ("ah ok, then number four", 3), ("ok then it's 2", 1),
    ("what does the second one mean? more data", None),  # a question, no answer
    ("the second day", None),                           # a day, not an option
])
def test_an_option_named_inside_a_longer_answer_is_read(text: str, picked: int | None) -> None:
    options = ["Use more training data", "Train longer", "Add more features", "Remove the validation set"]
    assert match_option(text, options) == picked


# A teacher's play-through: right answers with the working shown had got "I need one number".
@pytest.mark.parametrize(("text", "value"), [
    ("I think is minus 1,5 so... 0,18?", 0.18), ("sigma of 0 is 0,5 so 0,5 times 0,5 ... zero point two five", 0.25),
    ("hmm... 0.5", 0.5), ("wait, the answer is 0,25", 0.25),
])
def test_a_worked_answer_is_read_as_the_result_it_turns_to(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_a_self_correction_is_read_as_the_vector_it_ends_on() -> None:
    assert parse_vector("(0,0)? no wait. 5 - 0.1*10 = 4, so (4, 4)", 2) == pytest.approx([4.0, 4.0])
    assert parse_number("so is it 0.5 or 0.25?") is None     # two candidates after the turn: still unread


@pytest.mark.parametrize(("text", "options", "index"), [
    ("8, it gets confused with 7 mostly", ["3", "8", "4", "1"], 1),
    ("the third one? small weights", ["More data", "A bigger net", "Small weights", "More epochs"], 2),
    ("I'm not confused. the answer is 8.", ["3", "8", "4", "1"], 1),
])
def test_an_option_said_with_the_learners_words_around_it_is_picked(text: str, options: list[str], index: int) -> None:
    assert match_option(text, options) == index


def test_parts_that_pick_different_options_pick_none() -> None:
    assert match_option("is it the first? or the third?", ["a b", "c d", "e f"]) is None


def test_a_decimal_point_is_no_break_between_parts() -> None:
    assert match_option("try gradient descent with 1.2", ["Quiz me on LSTM", "Next lesson", "My progress"]) is None


def test_a_long_message_in_sentences_picks_no_option_from_a_number_in_one() -> None:
    text = "Input shape (28, 28, 1). Conv2D(32, (3,3)) -> MaxPooling2D((2,2)) -> Flatten -> Dense(10)"
    assert match_option(text, ["A question like this", "Continue"]) is None


# A teacher's fifth play-through: right answers in natural wording had been read as questions or marked wrong.
def test_answers_in_natural_wording_are_read() -> None:
    assert parse_number("ten, one per digit") == 10
    assert parse_number("The weighted sum is minus one, so h = 1/(1+e), which I make roughly 0.27.") == pytest.approx(0.27)
    options = ["Image captioning", "Object recognition", "Object segmentation", "Image generation"]
    assert match_option("segmantation", options) == 2 and match_option("segmentation. 3", options) == 2
    assert match_option("0.5", options) is None
    assert names_first("Against overfitting, I should think, though you have not yet told me", ["overfitting"])
    assert not names_first("not overfitting, underfitting", ["overfitting"])
    assert not names_first("is it overfitting or underfitting?", ["overfitting"])


@pytest.mark.parametrize(("text", "value"), [
    ("the squares are 0,16 + 0,64 + 0,81 + 0,64 = 2,25. divide by 4 is 0,563", 0.563),
    ("z=-4, a-y=-5, times x: 10. this is the same template as before, come on", 10.0),
])
def test_a_sixth_play_throughs_worked_answers_are_read_as_their_results(text: str, value: float) -> None:
    """A teacher's sixth play-through: both had got "I need one number", the bare result then the right verdict."""
    assert parse_number(text) == pytest.approx(value)


def test_a_worked_vector_with_semicolons_at_the_end_is_read_as_that_vector() -> None:
    text = "gradient is (-12, -14). x1 = -6 - 0,15*(-12) = -6 + 1,8 = -4,2 and x2 = -7 + 2,1 = -4,9. so (-4,2 ; -4,9)"
    assert parse_vector(text, 2) == pytest.approx([-4.2, -4.9])


def test_the_n_one_and_an_answer_said_twice_are_read() -> None:
    assert match_option("the 3 one, with the g", ["e^(Wᵀx)", "Wᵀx", "g(Wᵀx)", "(Wᵀx)²"]) == 2
    assert each_part_matches("the b? the bias", ["bias", "b"]) and not each_part_matches("the weight? the bias", ["bias"])


def test_an_option_said_as_a_sentence_of_its_own_is_picked() -> None:
    """"wow, brutal. 3. seriously, something hard on backprop please" had left its "3" unread."""
    options = ["Its weights are large", "New pictures right", "All training pictures right", "It trains fast"]
    assert match_option("wow, brutal. 3. seriously, something hard on backprop please", options) == 2
    assert match_option("the learning rate is 0.5. then it diverges", options) is None


@pytest.mark.parametrize(("text", "value"), [
    ("minus one plus four plus a quarter, so 3.25. And that means it's outside the circle so y = 1?", 3.25),
    ("Wᵀx = -2*1 + -0.5*2 + -1.5*-1 = -2 - 1 - 1.5 = -4.5, so g(-4.5) = 1/(1+e^4.5) = 1/(1+90) = 0.01", 0.01),
    ("z = 2*0 + (-2)*(-2) = -4, relu of a negative is 0, so the output is 0", 0.0),
])
def test_a_seventh_play_throughs_worked_answers_are_read(text: str, value: float) -> None:
    """The statement's number, not the one in a question after it; products in a worked line are no sizes."""
    assert parse_number(text) == pytest.approx(value)
    assert parse_number("3*3") == 3 and parse_number("3x4") is None


def test_an_option_in_the_learners_own_words_is_picked_unless_it_says_the_opposite() -> None:
    l2 = ["Increases the learning rate", "Makes the training error exactly zero",
          "Pushes weights toward small values, so the boundary wiggles less", "Adds more features"]
    assert match_option("it pushes the weights to be small so the boundary is less wiggly", l2) == 2
    gan = ["It labels the training data", "It generates new images", "It tells real examples from the generator's fakes"]
    assert match_option("it's the inspector that spots the fakes", gan) == 2
    assert match_option("the rate is too big", ["Overfitting", "Underfitting", "The learning rate is too small"]) is None
    resnet = ["Dropout after every layer", "Batch normalization alone", "Skip connections that add the input"]
    assert match_option("skip conections", resnet) == 2


def test_a_number_said_first_then_its_reason_in_words_is_the_answer() -> None:
    # "4. 2 on each side. now stop" had got "I need one number"
    assert parse_number("4. 2 on each side. now stop") == 4 and parse_number("4, 2 on each side") == 4
    assert parse_number("2, 3") is None and parse_number("0,5") == 0.5


def test_the_working_in_brackets_beside_the_answer_is_no_second_number() -> None:
    # "idk… 28? (4 times 3+4)" had got "I need one number, like 1.5 or -2"
    assert parse_number("idk… 28? (4 times 3+4)") == 28 and parse_number("128 (4·(4·7+4))") == 128
    assert parse_number("(6.3, -3.5)") is None and parse_number("g(2) = 0.88") == 0.88


@pytest.mark.parametrize("said, picked", [
    ("like 80% sure its the first one", 0), ("90 percent certain: b", 1), ("ooh 7", 2), ("cool, 2", 1),
    ("I'd say the second, since it is not a fixed rule", 1), ("I'll go with the third", 2),
])
def test_a_pick_said_with_how_sure_or_an_exclamation_is_read(said: str, picked: int) -> None:
    options = ["one", "two", "three", "four", "five", "six", "seven"] if said == "ooh 7" else ["apple", "pear", "plum"]
    assert match_option(said, options) == (6 if said == "ooh 7" else picked)


def test_the_term_a_slip_forgot_named_before_the_answer_is_no_second_number() -> None:
    # "ahh the +1, 28" had got "I need one number"
    assert parse_number("ahh the +1, 28") == 28 and parse_number("oh i forgot the +1. 28") == 28
    assert parse_number("2, 3") is None


def test_an_option_said_at_the_end_of_a_worked_tail_is_read() -> None:
    # "z = -3 so sigmoid is like 0,05, it says NO" had been taken for a question about the sigmoid
    assert option_conclusions("z = -3 so sigmoid is like 0,05, it says NO")[0] == "it says NO"
    assert match_option("it says NO", ["y = 1 (YES)", "y = 0 (NO)"]) == 1


def test_a_position_and_the_option_s_text_that_agree_pick_it_among_number_options() -> None:
    # "2, the 8 again" had picked the option "2" where option 2 was "8"
    assert match_option("2, the 8 again. other thing, for a student project", ["2", "8", "3", "7"]) == 1
    assert match_option("2", ["2", "8", "3", "7"]) == 0


def test_a_worked_line_with_a_size_or_german_thousands_is_read_as_its_result() -> None:
    # "10x2 weights + 2 bias = 22" (a size on the left) and "4 x 4256 = 17.024" had got "I need one number"
    assert parse_number("10x2 weights + 2 bias = 22") == 22 and parse_number("ah right, 4 gates. 4 x 4256 = 17.024") == 17024
    assert parse_number("2 x 3 = 6.5") == 6.5 and parse_number("3x4") is None


def test_a_number_then_its_reason_with_other_numbers_is_the_answer() -> None:
    # "I think it is 1, because in the bottom-right 3 by 3 patch the largest value is 1" had got "I need one number"
    assert parse_number("I think it is 1, because in the bottom-right 3 by 3 patch the largest value is 1") == 1
    assert parse_number("1/(1+1)") is None and parse_number("(5·5·3 + 1)·32 = 2432") == 2432
