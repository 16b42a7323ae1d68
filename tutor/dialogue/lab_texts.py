"""What the tutor says about hands-on labs and the final project (:mod:`tutor.dialogue.moves.labs`,
:mod:`tutor.dialogue.moves.project`, the pool's answers in :mod:`bot.labs`): beside :mod:`tutor.dialogue.texts`,
the same conventions (``str.format`` placeholders; an option label the learner may type is part of the text)."""
from __future__ import annotations

# -- hands-on labs (tutor/dialogue/moves/labs.py; the pool's answers in bot/labs.py) ----------------------------
LABS = ("Hands-on labs: each trains a small network on real data with your settings, shows the code it ran, "
        "its figures and a picture, and asks you about it. Run one with /lab NAME key=value, e.g. "
        "/lab {example}, or in words: “train the CNN with 5 epochs”.")
LAB_LINE = "• {name} (Day {day}): {title}"
LAB_LINE_MISSING = "• {name}: not installed on this server yet"
LAB_MORE = "Also: /lab history (your runs), /lab again (the last one, same seed), /lab project (your final project)."
NO_SUCH_LAB = "There is no lab “{name}”. The labs: {names}."
LAB_UNAVAILABLE = "The {name} lab isn't installed on this server yet, sorry. These run: {names}."
LAB_BAD_SETTINGS = "{error}\nThe settings of “{title}”:\n{lines}"
LAB_STARTING = "🧪 Lab “{title}” with {settings}."
LAB_STARTED = "It's training now — I'll show its progress and send the result when it's done."
LAB_QUEUED = ("All lab workers are busy: you're number {place} in the queue. I'll start it as soon as one is free "
              "and send the result when it's done.")
LAB_BUSY = ("You already have a lab on its way (“{lab}”): one at a time, so that everyone's labs get their turn. "
            "I'll send its result when it's done.")
LAB_QUEUE_FULL = "The lab queue is full right now ({limit} waiting): please try again in a few minutes."
LAB_TOO_BIG = ("That lab would need {asked}, more than this server allows a lab ({limit}), so I can't run it here.")
LAB_DONE = "🧪 {title} ({settings}) — done in {seconds:.0f} s.\n{summary}\nFigures: {figures}"
LAB_CODE = "The code of this run (its imports say which library: Keras, gensim or PyTorch):\n{code}"
LAB_NEXT = "Next: the lesson (/lesson {lesson}) or a quiz on what it showed (/quiz {concept})."
LAB_STOPPED = ("⛔ I stopped the lab “{title}” ({settings}): {why}. Try smaller settings (fewer epochs, a smaller "
               "network): /lab {name} lists them.")
LAB_FAILED = "The lab “{title}” could not finish: {why}"
LAB_CRASHED = "something went wrong inside it (the server's log has the details). Your settings were fine."
# A run with a question: pictures, code, the question; what it showed only once answered (it had told the answer)
LAB_DONE_ASKING = ("🧪 {title} ({settings}) — done in {seconds:.0f} s. First a question about the run (its pictures "
                   "and code help); what it showed comes with your answer.")
RUN_VERDICT = "Your last run ({settings}), read from its curves: {summary}"   # "is that overfitting or not?"
RUN_VERDICT_AFTER_ANSWER = ("What your run showed comes with your answer to its question: answer it first (or say "
                            "“skip”), and I'll read the curves with you.")
LAB_SHOWED = "What the run showed: {summary}\nFigures: {figures}"
LAB_HINT_RUN = "Look at the pictures of the run again: the answer is in them."
LAB_HINT_NO_PICTURES = "This run drew no pictures: reason it out from the question and the code, step by step."
LAB_HINT_FIGURES = "Here is what the run showed: {summary}"
LAB_HISTORY_EMPTY = "You haven't run a lab yet: /lab lists them."
LAB_HISTORY = "Your last labs (the latest first; /lab again repeats the last one exactly):\n{lines}"
LAB_HISTORY_LINE = "• {lab} ({settings}): {status}{figures}"
LAB_NOTHING_AGAIN = "There's no lab to repeat yet: /lab lists them."
PROGRESS_LAB = "⏳ {title}: {text}"

# -- the final project (tutor/dialogue/moves/project.py) --------------------------------------------------------
PROJECT_PICK = ("Your final project! Pick one of the seminar's proposals (or “my own idea”), and we'll go through "
                "it as E, R, T and P: the experience (data), the representation, the task and the performance "
                "measure. Proposals: {titles}.")
PROJECT_PICKED = "“{title}”: let's set it up as E, R, T and P — say what you think, or “ok” to take my suggestion."
PROJECT_PICK_AGAIN = "Which one will it be? Say its name, or “my own idea”."
PROJECT_ASK = "{name}? My suggestion: {suggestion}"
PROJECT_NOTED = "Noted: {answer}"
PROJECT_OWN_IDEA = ("A project of your own: “{idea}”. Good, let's set it up as E, R, T and P, one at a time: say what you "
                    "think, or “ok” to take my suggestion.")
PROJECT_DATA_NOTED = "Your data, noted as the experience E: {data}"
PROJECT_PART_NOTED = "Noted as {part}, {name}: {answer}"
PROJECT_PART_COMPARE = "To compare, how I'd put it: {suggestion}"
PROJECT_ASIDE = "About “{question}”: {answer}"
PROJECT_ASIDE_UNKNOWN = ("I have no sure answer to that in the course material; it is a good question to try out in "
                         "your first experiment.")
PROJECT_SUMMARY = ("Your project “{title}”:\n{parts}\nMetric: {metric}.\nNext three steps:\n{steps}\n"
                   "Your choices are saved: say “my project” to come back to them.")
PROJECT_BASELINE = "A baseline runs on data installed here: /lab project proposal={baseline}."
PROJECT_NO_BASELINE = "{instead}"
PROJECT_BACK = "Back to your project “{title}” — here is where we are:"
PROJECT_UNKNOWN = "I didn't recognise that proposal. Pick one by its name or number, or say “my own idea”."
LAB_OPTION_LESSON = "The lesson"
LAB_OPTION_QUIZ = "Quiz me on it"
LAB_OPTION_AGAIN = "Run it again"
LAB_OPTION_RUN = "Run it"
LAB_ABOUT = ("The {name} lab (Day {day}): {title}. It trains on data installed here with your settings, shows the code "
             "it ran, its figures and pictures, and asks you about the run. Its settings:\n{lines}\n"
             "Run it with /lab {name} (add settings like name=value), or in words.")
LAB_OPTION_BASELINE = "Run the baseline"
LAB_OPTION_OFFER = "Try it in a lab"
# two runs of a lab compared ("is this because of dropout or because of 10 epochs?")
RUNS_COMPARED = "Your last two runs of “{lab}”: {before} → {after}."
RUNS_TWO_CHANGES = ("You changed {changes} at once, so these two runs can't tell which one helped. Change one setting "
                    "per run: keep the other as it was in the first run and run again (/lab {lab} {one}).")
RUNS_ONE_CHANGE = ("Only {change} changed, so the difference is down to it{noise}.")
RUNS_NOISE = ("; but from one run each, a gap under about {points} points can come from the random start alone: run both "
              "again with another seed (seed=1) before you conclude")
RUNS_NO_CHANGE = "The two runs have the same settings: any difference comes from chance alone (the seed), not from a setting."
LAB_PICTURES_UNSEEN = ("Sorry, that question needs the run's pictures. Where they show only as file paths (this console), "
                       "they are PNG files: open one in an image viewer. Here is the answer and what the run showed, in words:")
