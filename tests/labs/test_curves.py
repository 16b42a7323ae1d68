"""What the summary says is read off the curves: each verdict from curves that show it."""
from __future__ import annotations

from labs.curves import best_epoch_question, diagnose


def test_validation_rising_while_training_falls_is_overfitting_from_the_lowest_epoch() -> None:
    history = {"loss": [0.9, 0.5, 0.3, 0.2, 0.1, 0.05], "val_loss": [0.9, 0.6, 0.45, 0.5, 0.6, 0.7]}
    verdict = diagnose(history, "dropout=0.0")
    assert verdict.kind == "overfitting" and verdict.best_epoch == 3
    assert "epoch 3 (0.450)" in verdict.observation and "0.700" in verdict.observation
    assert best_epoch_question(history, verdict).answer == "3"


def test_a_rising_or_nan_training_loss_is_divergence() -> None:
    assert diagnose({"loss": [0.7, 2.0, 9.0], "val_loss": [0.7, 2.5, 9.5]}, "lr=10.0").kind == "diverged"
    nan = diagnose({"loss": [0.7, float("nan")], "val_loss": [0.7, float("nan")]}, "lr=10.0")
    assert nan.kind == "diverged" and "NaN" in nan.observation and "lr=10.0" in nan.advice


def test_a_bouncing_training_loss_is_a_too_large_step() -> None:
    bouncing = [0.7, 0.5, 0.6, 0.45, 0.55, 0.42, 0.5, 0.41, 0.49, 0.40]
    assert diagnose({"loss": bouncing, "val_loss": bouncing}, "lr=40.0").kind == "unsteady"


def test_both_still_falling_is_underfitting_and_flat_is_settled() -> None:
    falling = {"loss": [0.9, 0.7, 0.5, 0.4], "val_loss": [0.95, 0.75, 0.6, 0.5]}
    assert diagnose(falling, "epochs=4").kind == "still learning"
    flat = {"loss": [0.9, 0.3, 0.2, 0.2], "val_loss": [0.9, 0.35, 0.3, 0.3]}
    assert diagnose(flat, "epochs=4").kind == "settled"


def test_a_rise_only_in_the_last_epochs_is_overfitting_beginning() -> None:
    history = {"loss": [0.9, 0.6, 0.4, 0.3, 0.25, 0.2, 0.15, 0.12, 0.1, 0.09],
               "val_loss": [0.9, 0.6, 0.45, 0.4, 0.35, 0.3, 0.28, 0.26, 0.25, 0.33]}
    verdict = diagnose(history, "lr=0.005")
    assert verdict.kind == "overfitting begins" and verdict.best_epoch == 9
    assert "in the last 1 epoch while" in verdict.observation


def test_a_wobbling_training_loss_beside_a_steady_validation_loss_is_no_learning_rate_problem() -> None:
    # dropout and mini-batches make the training loss wobble (a tester had read "the learning rate is too
    # large" for Adam at 0.005 with dropout on 8 units)
    wobbling = [1.0, 0.8, 0.85, 0.7, 0.75, 0.6, 0.65, 0.55, 0.6, 0.5]
    steady = [1.0, 0.9, 0.8, 0.72, 0.66, 0.6, 0.56, 0.53, 0.51, 0.50]
    assert diagnose({"loss": wobbling, "val_loss": steady}, "dropout=0.5").kind != "unsteady"


def test_still_learning_only_when_the_last_epoch_is_the_best() -> None:
    dipped = {"loss": [1.0, 0.8, 0.7, 0.65, 0.62], "val_loss": [1.0, 0.8, 0.70, 0.74, 0.73]}
    assert diagnose(dipped, "epochs=5").kind != "still learning"


def test_epochs_the_plot_cannot_tell_apart_count_and_the_hint_never_says_the_answer() -> None:
    """A tester read epoch 12 where 18 was lower by 0.005, and the second hint told the answer."""
    val = [0.9, 0.5, 0.3, 0.2, 0.15, 0.1402, 0.145, 0.1395]
    history = {"loss": [0.9, 0.5, 0.3, 0.2, 0.15, 0.12, 0.1, 0.09], "val_loss": val}
    question = best_epoch_question(history, diagnose(history, "epochs=8"))
    assert question.answer == "8" and question.accept == ("6",) and "Epochs 6 are within 1%" not in question.explanation
    assert "6" in question.explanation and "8" not in question.hint


def test_curves_that_level_off_far_apart_are_a_mild_overfitting_not_settled() -> None:
    # the logistic lab at degree 3 had said "no sign of overfitting" beside training 93% / validation 86%
    loss = [0.6, 0.3, 0.25, 0.22, 0.21, 0.2, 0.195, 0.19, 0.189, 0.188]
    val = [0.6, 0.4, 0.375, 0.37, 0.372, 0.38, 0.385, 0.39, 0.395, 0.397]
    diagnosis = diagnose({"loss": loss, "val_loss": val}, "degree=3")
    assert diagnosis.kind == "gap" and "no sign of overfitting" not in diagnosis.observation


def test_a_loss_that_never_fell_is_a_network_that_learned_nothing() -> None:
    """Adam with lr=0.5 on the digits: the loss flat at 14.4 from epoch 1, every digit read as one class; the run had
    been read as "levelled off together, no sign of overfitting"."""
    dead = {"loss": [14.50, 14.40, 14.39, 14.38, 14.38], "val_loss": [14.66, 14.66, 14.66, 14.66, 14.66]}
    diagnosis = diagnose(dead, "lr=0.5")
    assert diagnosis.kind == "stuck" and "learned nothing" in diagnosis.observation
    healthy = {"loss": [0.60, 0.30, 0.20, 0.15, 0.12], "val_loss": [0.50, 0.30, 0.25, 0.22, 0.21]}
    assert diagnose(healthy, "lr=0.001").kind != "stuck"
