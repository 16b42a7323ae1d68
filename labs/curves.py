"""Reading a run's training curves: what the learner's setting did, in two sentences from its numbers.

A diagnosis is one of: diverged (training loss rose or became NaN), stuck (it stayed high from the first epoch to
the last: nothing learned), unsteady (it went up at many
epochs: the learning rate is too large), overfitting (validation loss
rose well above its lowest point while training loss kept falling; "begins" when that happened only in
the last epochs), still learning (both were
still falling at the last epoch: more epochs would help) or settled (they levelled off together).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from labs.base import LabQuestion

RISE = 0.10          # validation loss this far (relative) above its minimum counts as a rise ...
RISE_ABSOLUTE = 0.02  # ... and at least this much (tiny losses wobble)
STILL_FALLING = 0.01  # the last epoch still cut validation loss by 1 %: not finished
UNSTEADY = 0.25       # a loss that rose at more than a quarter of the epochs bounces
GAP = 1.8            # validation loss this many times the training loss, and a little above its minimum: a gap
STUCK = 0.03         # a training loss that fell less than 3 % from the first epoch to the last ...
STUCK_LOSS = 0.5     # ... and stayed this high learned nothing (a dead network: Adam with lr=0.5 on the digits)


@dataclass(frozen=True)
class Diagnosis:
    kind: str          # "diverged", "stuck", "unsteady", "overfitting (begins)", "still learning", "gap", "settled"
    best_epoch: int    # 1-based epoch of the lowest validation loss
    observation: str   # what the curves did, with the verdict
    advice: str        # what to change, for the learner's setting

    @property
    def text(self) -> str:
        return f"{self.observation} {self.advice}"


def diagnose(history: dict[str, list[float]], setting: str) -> Diagnosis:
    """``setting`` names the learner's knob in the advice, e.g. "lr=0.5" or "dropout=0.2"."""
    train, val = history["loss"], history.get("val_loss", history["loss"])
    best = min(range(len(val)), key=lambda i: val[i] if math.isfinite(val[i]) else math.inf)
    last = len(train)
    if not all(math.isfinite(v) for v in train) or train[-1] > train[0] * 1.05:
        end = "NaN" if not math.isfinite(train[-1]) else f"{train[-1]:.3f}"
        return Diagnosis(
            "diverged", best + 1,
            f"Training loss went from {train[0]:.3f} to {end} instead of falling: the steps overshoot the "
            "minimum, so gradient descent diverged.",
            f"With {setting} the learning rate is too large; try one ten times smaller.")
    if last >= 3 and train[-1] >= train[0] * (1 - STUCK) and train[-1] > STUCK_LOSS:
        return Diagnosis(
            "stuck", best + 1,
            f"Training loss stayed at about {train[-1]:.3f} from the first epoch to the last: the network learned "
            "nothing and gives every input the same answer (a 10-class model is then right one time in ten).",
            f"With {setting} the steps are far from what this optimizer needs (Adam's default learning rate is "
            "0.001); that model is no better than guessing, so none of its epochs is worth keeping.")
    rises = _rises(train)
    # both curves bounce: the steps overshoot; a training loss that wobbles beside a steadily falling validation
    # loss is the noise of dropout and mini-batches, not a learning rate too large
    if len(train) >= 8 and rises > UNSTEADY * (len(train) - 1) and _rises(val) > UNSTEADY * (len(val) - 1):
        return Diagnosis(
            "unsteady", best + 1,
            f"Training loss went up at {rises} of the {len(train) - 1} steps instead of falling steadily (it ended at "
            f"{train[-1]:.3f}): the steps overshoot the minimum and bounce around it.",
            f"With {setting} the learning rate is too large; a smaller one descends steadily.")
    if val[-1] > val[best] + max(RISE_ABSOLUTE, RISE * val[best]) and train[-1] < train[best]:
        after = last - (best + 1)
        if after < max(2, last // 5):
            return Diagnosis(
                "overfitting begins", best + 1,
                f"Validation loss was lowest at epoch {best + 1} ({val[best]:.3f}) and rose to {val[-1]:.3f} in the "
                f"last {after} epoch{'s' if after > 1 else ''} while training loss kept falling: overfitting is beginning.",
                f"With {setting}, more epochs would widen the gap; the model of epoch {best + 1} is the one to keep.")
        return Diagnosis(
            "overfitting", best + 1,
            f"Validation loss was lowest at epoch {best + 1} ({val[best]:.3f}) and rose to {val[-1]:.3f} by epoch "
            f"{last} while training loss kept falling ({train[best]:.3f} to {train[-1]:.3f}): that is overfitting.",
            f"Stopping at epoch {best + 1}, or more regularisation than {setting}, would keep the better model.")
    if last > 1 and best == last - 1 and val[-2] - val[-1] > STILL_FALLING * val[-2]:   # the last epoch the best
        return Diagnosis(
            "still learning", best + 1,
            f"Training and validation loss were both still falling at epoch {last} (training {train[-1]:.3f}, "
            f"validation {val[-1]:.3f}): the model had not finished learning.",
            f"With {setting}, more epochs would help: this is underfitting, not overfitting.")
    if val[-1] > GAP * train[-1] and val[-1] > val[best] + RISE_ABSOLUTE / 2:   # levelled off far apart, a little up
        return Diagnosis(
            "gap", best + 1,
            f"Validation loss levelled off well above training loss (training {train[-1]:.3f}, validation "
            f"{val[-1]:.3f} at epoch {last}, its lowest {val[best]:.3f} at epoch {best + 1}): the model fits its "
            "training points better than new ones, a mild overfitting.",
            f"More data, fewer features or more regularisation than {setting} would narrow the gap; the model of "
            f"epoch {best + 1} is the one to keep.")
    return Diagnosis(
        "settled", best + 1,
        f"Training and validation loss levelled off together (training {train[-1]:.3f}, validation "
        f"{val[-1]:.3f} at epoch {last}), with no sign of overfitting.",
        f"Validation loss was lowest at epoch {best + 1}, so with {setting} more epochs would add little.")


def best_epoch_question(history: dict[str, list[float]], diagnosis: Diagnosis) -> LabQuestion:
    """A typed question whose answer is read off the run's own validation curve. Epochs whose loss is within
    ``EPOCHS_ALIKE`` of the lowest cannot be told apart on the plot, so they count as right too (a tester read 12 where
    18 was lower by 0.005), and the explanation says so."""
    val = history.get("val_loss", history["loss"])
    best = diagnosis.best_epoch
    alike = [epoch for epoch, loss in enumerate(val, start=1)
             if epoch != best and loss <= val[best - 1] * (1 + EPOCHS_ALIKE)]
    named = f"Epoch {alike[0]} is" if len(alike) == 1 else f"Epochs {', '.join(str(e) for e in alike)} are"
    close = (f" {named} within {EPOCHS_ALIKE:.1%} of it: on the plot they look the same, so "
             f"{'it counts' if len(alike) == 1 else 'they count'} too." if alike else "")
    return LabQuestion(
        prompt="Look at the loss curves: at which epoch was the validation loss lowest?",
        options=(),
        answer=str(best),
        explanation=(f"Epoch {best}: validation loss {val[best - 1]:.3f}.{close} That is the model to keep; training "
                     "past it only helps if validation loss falls again."),
        hint="Find the lowest point of the validation curve and read its epoch on the x-axis.",
        accept=tuple(str(epoch) for epoch in alike),
    )


EPOCHS_ALIKE = 0.025    # validation losses this close (relative) look the same on the plot (0.133 beside 0.130)


def _rises(losses: list[float]) -> int:
    """How many epochs a loss went up from the one before."""
    return sum(1 for before, after in zip(losses, losses[1:]) if after > before * 1.001)
