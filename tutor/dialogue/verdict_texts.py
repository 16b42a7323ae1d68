"""What the tutor says about verdicts: "was I right?" answered, and a verdict disputed (the words that ask them are in
:mod:`tutor.dialogue.verdict_cues`)."""
from __future__ import annotations

# "was I right?": the last graded item (its answer is known), or the open one (its answer kept back)
WRONG_ANSWER_WAS = "your answer “{answer}” was not right"
NO_ANSWER_GIVEN = "you didn't answer it (the worked answer was shown)"
VERDICT_RIGHT = "Yes: {which} was “{prompt}”, and your answer “{answer}” was right. {why}"
VERDICT_WRONG = "Not that one: {which} was “{prompt}”, and {what}. The answer: {solution}"
LAST_QUESTION, QUESTION_BEFORE = "the last question", "the question before it"
STILL_OPEN_MISSED = ("Not yet: “{answer}” isn't right, and this question is still open, so I won't give its answer "
                     "away. Say “hint” for a hint, or try again.")
STILL_OPEN = "You haven't answered this one yet — it's still open. Say “hint” for a hint."
NOTHING_GRADED = "You haven't answered a question yet, so there's nothing to grade. Shall I quiz you?"
# A verdict disputed ("but I said ten, surely that is right?"): what was read, and owned up to where it was right.
READ_AS, AN_EARLIER_QUESTION, CHECKED_AGAIN = ", which I read as {reading}", "an earlier question", "I checked it again."
ATTEMPT_READ_AGAIN = ("I checked your answer “{answer}” again{read}: that isn't the answer to this one yet, so the "
                      "question is still open (and its answer kept back).{why} If you meant something else, type "
                      "just your answer; say “hint” for a hint.")
STILL_WRONG = ("I checked it again. The question was “{prompt}”; you answered “{answer}”{read}, and that isn't it. "
               "The answer: {solution}")
SHOW_YOUR_WORKING = ("I've checked “{answer}” twice now, and the answer to that one is {answer_key}. If you still think "
                     "I'm wrong, put your working beside the worked answer: where do your steps first differ?")
OWN_UP = ("You're right, and I'm sorry: I got that one wrong. Your answer “{answer}” ({reading}) is right for “{prompt}”. "
          "I've counted it as right. {why}")
