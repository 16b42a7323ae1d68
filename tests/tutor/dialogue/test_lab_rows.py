"""The lab and final-project rows, played through the core with labs run inline (no pool: the result is part
of the turn that asked), the self-test lab registered."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import open_core
from labs import registry
from labs.base import LabQuestion, LabResult
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw
from tutor import lab_runs
from tutor.dialogue.moves.labs import lab_question


pytestmark = pytest.mark.usefixtures("selftest_lab")


async def test_lab_lists_the_labs_and_says_which_are_not_installed(chat: Chat) -> None:
    said = await chat("/lab")
    assert "• selftest (Day 1): A self-test lab" in said and "• ghost: not installed on this server yet" in said
    assert "A self-test lab: logistic regression on two blobs" in chat.options


async def test_a_setting_out_of_range_is_refused_with_the_allowed_range(chat: Chat) -> None:
    said = await chat("/lab selftest epochs=500")
    assert said.startswith("epochs must be from 1 to 200: 500 is outside it.")
    assert "• learning_rate=0.5 (from 0.001 to 10)" in said
    assert chat.state().context.get("labs") is None


async def test_a_lab_asked_in_words_runs_shows_its_result_and_asks_its_question(chat: Chat) -> None:
    said = await chat("train the selftest with 5 epochs and learning rate 2")
    assert "🧪 Lab “A self-test lab: logistic regression on two blobs” with epochs=5, learning_rate=2" in said
    assert "First a question about the run" in said
    assert "With learning rate 2" not in said and "Figures:" not in said      # what the run showed waits for the answer
    assert "The code of this run (its imports say which library" in said and "SGD(learning_rate=2.0)" in said
    assert "/lesson d1-logistic-regression" in said
    assert said.endswith("faster or slower per epoch?") and chat.options == ["faster", "slower"]
    answered = await chat("slower")
    assert "✅ Correct!" in answered
    assert "What the run showed: With learning rate 2 the loss went from 0.693" in answered
    assert "Figures: accuracy 0.89" in answered
    assert chat.state().mastery["logistic_regression"] == 1.0           # the lab counts towards its concept
    assert chat.core.store.cards(chat.learner) == []                     # ... but is not reviewed later
    runs = lab_runs.history(chat.core.store, chat.learner)
    assert [(run.lab, run.status, run.seed, run.params["epochs"]) for run in runs] == [("selftest", "done", 0, 5)]


async def test_again_repeats_the_last_lab_with_its_settings_and_a_new_seed(chat: Chat) -> None:
    await chat("/lab selftest epochs=5")
    said = await chat("run it again with seed 3")
    assert "with epochs=5, learning_rate=0.5, behaviour=train, busy_seconds=0, picture=no, seed=3" in said
    history = await chat("/lab history")
    assert history.index("seed=3") < history.index("seed=0")           # the latest first
    assert [run.seed for run in lab_runs.history(chat.core.store, chat.learner)] == [3, 0]


async def test_again_without_a_setting_is_no_lab_once_a_lab_has_run(chat: Chat) -> None:
    await chat("/lab selftest epochs=2")
    await chat("slower")
    await chat("/lesson l1")
    for text in ("explain again with an example", "again"):
        await chat(text)
        assert chat.core.store.load(chat.learner).context["labs"][-1]["params"]["epochs"] == 2
        assert len(lab_runs.history(chat.core.store, chat.learner)) == 1
    assert "with epochs=9" in await chat("again with 9 epochs")


async def test_a_lab_that_fails_or_is_missing_says_so(chat: Chat) -> None:
    assert "There's no lab to repeat yet" in await chat("/lab again")
    assert "There is no lab “nothing”" in await chat("/lab nothing")
    assert "The ghost lab isn't installed on this server yet" in await chat("/lab ghost")
    said = await chat("/lab selftest behaviour=fail")
    assert "could not finish: This lab failed on purpose" in said
    assert lab_runs.history(chat.core.store, chat.learner)[0].status == "failed"


async def test_the_final_project_walks_through_e_r_t_p_and_keeps_the_choices(chat: Chat) -> None:
    said = await chat("help me with my final project")
    assert "E, R, T and P" in said and chat.options[0] == "Titanic survivors prediction"
    said = await chat("1")
    assert "Experience (the data)? My suggestion: 1,309 Titanic passengers" in said
    assert "Noted: the passenger list from kaggle" in await chat("the passenger list from kaggle")
    for _ in range(3):
        said = await chat("ok")
    assert "E — Experience (the data): the passenger list from kaggle" in said
    assert "Metric: accuracy." in said and "1. Score the rule" in said
    assert chat.options == ["Run the baseline"]
    await chat("hello")
    said = await chat("my project")
    assert "Your project “Titanic survivors prediction”" in said and "the passenger list from kaggle" in said


async def test_a_project_part_is_read_only_right_after_it_was_asked(chat: Chat) -> None:
    await chat("/project house prices")
    await chat("/progress")
    await chat("continue")
    assert chat.state().context["project"]["answers"] == {}
    said = await chat("back to my project")
    assert "Experience (the data)? My suggestion: 546 houses" in said


async def test_a_proposal_without_installable_data_says_so_and_offers_the_nearest_lab(chat: Chat) -> None:
    await chat("/project fashion")
    for _ in range(4):
        said = await chat("ok")
    assert "Fashion-MNIST is a download" in said and chat.options == ["Try it in a lab"]


async def test_a_lessons_worked_example_offers_its_lab(tmp_path: Path) -> None:
    chat = Chat(open_core(None, tmp_path / "t.db"))        # the seminar's own curriculum
    await chat("/example d1-logistic-regression")
    assert chat.options == ["Quiz me on this", "Try it in a lab", "Next lesson"]
    said = await chat("2")
    assert "🧪 Lab “" in said             # the lesson's lab (the self-test one, or the real logistic lab)
    await chat.core.close()


@pytest.fixture
async def chat(tmp_path: Path):
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw)
    yield Chat(core)
    await core.close()


async def test_a_question_about_a_lab_describes_it_without_running_it(chat: Chat) -> None:
    said = await chat("what is the selftest lab about?")
    assert said.startswith("The selftest lab (Day 1)") and "• learning_rate=0.5 (from 0.001 to 10)" in said
    assert "🧪" not in said and chat.options == ["Run it"]
    assert lab_runs.history(chat.core.store, chat.learner) == []


@pytest.mark.parametrize("question", ["can i train the selftest myself?", "could we run selftest on our own?"])
async def test_can_i_train_a_lab_describes_it_with_run_it(chat: Chat, question: str) -> None:
    """A tester's "can i train a real cnn myself?" had got the CNN's glossary card: the lab answers it."""
    said = await chat(question)
    assert said.startswith("The selftest lab (Day 1)") and chat.options == ["Run it"]
    assert lab_runs.history(chat.core.store, chat.learner) == []


def test_the_first_hint_of_a_run_without_pictures_sends_the_learner_to_no_pictures() -> None:
    """A tester's project baseline drew nothing, and its hint said 'look at the pictures of the run again'."""
    spec = registry.spec("selftest")
    asked = LabQuestion("Which baseline is hardest to beat?", ("a coin flip", "women survive"), "women survive", "…")
    plain = LabResult("selftest", {}, {"accuracy": 0.785}, "The rule scores 78.5 %.", "", question=asked)
    drawn = LabResult("selftest", {}, {"accuracy": 0.785}, "The rule scores 78.5 %.", "", pictures=[b"png"],
                      question=asked)
    assert "pictures of the run" not in lab_question(spec, plain, asked).hints[0]
    assert "pictures of the run" in lab_question(spec, drawn, asked).hints[0]


async def test_a_project_part_naming_course_words_or_asking_is_still_the_part(chat: Chat) -> None:
    await chat("/project titanic")
    said = await chat("what is gradient descent?")                # a question that leaves: answered, not saved
    assert chat.state().context["project"]["answers"] == {} and "Noted" not in said
    await chat("back to my project")
    said = await chat("backprop data I guess? the passenger list from kaggle?")   # course words and "?": the part
    assert "Noted: backprop data I guess? the passenger list from kaggle?" in said


async def test_a_question_put_with_a_project_part_is_not_saved_in_it_and_is_answered(chat: Chat) -> None:
    await chat("/project titanic")
    said = await chat("the passenger list from kaggle. is 891 rows enough though?")
    assert "Noted: the passenger list from kaggle." in said and "About “is 891 rows enough though”:" in said
    assert chat.state().context["project"]["answers"]["E"] == "the passenger list from kaggle."


def test_a_lab_question_reads_the_number_after_its_unit_and_accepts_lookalike_epochs() -> None:
    spec = registry.spec("selftest")
    asked = LabQuestion("Look at the loss curves: at which epoch was the validation loss lowest?", (), "18", "…",
                        accept=("12",))
    run = LabResult("selftest", {}, {}, "Validation loss was lowest at epoch 18 (0.139).", "", pictures=[b"png"],
                    question=asked)
    question = lab_question(spec, run, asked)
    assert "18" not in question.hints[1]                    # its summary says the answer: not a hint
    assert question.check("i think epoch 12, the orange line is lowest there, around 0,14").correct
    assert not question.check("epoch 19 i think").correct


async def test_a_question_put_to_the_tutor_is_not_saved_as_the_projects_part(chat: Chat) -> None:
    await chat("/project titanic")
    said = await chat("that's a lot for my old laptop, can i use just a part of it?")
    assert chat.state().context["project"]["answers"] == {} and "Noted" not in said
    said = await chat("wait, you didn't answer me")
    assert chat.state().context["project"]["answers"] == {} and "Noted" not in said
    said = await chat("was I right?")          # a tester's "was I right?" had become the project's task
    assert chat.state().context["project"]["answers"] == {} and "Noted" not in said


async def test_an_own_idea_told_outright_starts_the_project_with_its_data_noted(chat: Chat) -> None:
    said = await chat("My idea: predict which patients will fall in the hospital (fall risk). I have 2000 patients "
                      "with age, medicines, fell before yes/no. Can you help me?")
    project = chat.state().context["project"]
    assert project["proposal"] == "own_idea"
    assert project["idea"] == "predict which patients will fall in the hospital (fall risk)"
    assert project["answers"] == {"E": "I have 2000 patients with age, medicines, fell before yes/no"}
    assert "Representation (how an example becomes numbers)? My suggestion: One row per example" in said   # a table
    said = await chat("where is my project?")
    assert "“Your own idea: predict which patients will fall in the hospital (fall risk)”" in said


async def test_a_part_named_is_kept_as_that_part_whichever_was_asked(chat: Chat) -> None:
    await chat("/project titanic")
    said = await chat("Task is: for each passenger, survived yes or no. Is this ok?")
    assert chat.state().context["project"]["answers"] == {"T": "for each passenger, survived yes or no"}
    assert "To compare, how I'd put it" in said and "Experience (the data)? My suggestion" in said
    said = await chat("data is private, can I use it?")          # "data is" before no ":" names no part
    assert "T" in chat.state().context["project"]["answers"] and "E" not in chat.state().context["project"]["answers"]


async def test_two_runs_compared_say_what_changed_and_what_the_comparison_can_tell(chat: Chat) -> None:
    await chat("/lab selftest epochs=5")
    await chat("slower")
    await chat("/lab selftest epochs=10 learning_rate=2")
    await chat("faster")
    said = await chat("so is this because of the epochs or because of the learning rate?")
    assert "Your last two runs of “selftest”" in said and "accuracy" in said
    assert "You changed epochs and learning_rate at once" in said
    assert "/lab selftest epochs=10 learning_rate=0.5" in said       # one change from the first run
    await chat("/lab selftest epochs=10 learning_rate=0.5")
    await chat("slower")
    said = await chat("which one helped, compared to the previous run?")
    assert "Only learning_rate (2 → 0.5) changed" in said


@pytest.mark.parametrize("said", ["I have to go to a lab soon, can u give me a summary", "no, my biology lab",
                                  "lab report due tomorrow ugh"])
async def test_a_lab_that_is_a_room_or_a_class_is_not_a_lab_asked_for(chat: Chat, said: str) -> None:
    assert "Hands-on labs" not in await chat(said)
    assert "Hands-on labs" in await chat("go to the lab")


async def test_a_lab_question_whose_pictures_cannot_be_seen_is_answered_in_words(chat: Chat) -> None:
    await chat("/lab selftest epochs=5")
    said = await chat("I cannot see the pictures, only file paths")
    assert "PNG files" in said and "What the run showed: With learning rate" in said       # the result, in words
    assert chat.state().pending is None and "Look at the pictures" not in said


async def test_a_change_of_the_last_lab_s_setting_runs_it_again_with_it(chat: Chat) -> None:
    # "I want more epochs, like 30" after a run had got "Sorry for repeating myself"
    await chat("/lab selftest epochs=5")
    await chat("slower")
    said = await chat("more epochs like 30")
    assert "epochs=30" in said and [run.params["epochs"] for run in lab_runs.history(chat.core.store, chat.learner)] == [30, 5]
    assert "Hands-on labs" not in await chat("more of that please")       # no setting named: no lab
