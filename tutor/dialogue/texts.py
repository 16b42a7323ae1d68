"""What the tutor says, by key: every user-facing sentence of the dialogue in one place.

Placeholders are ``str.format`` fields. Options are (label, command) pairs; a label the learner may type is part
of the text too."""
from __future__ import annotations

from tutor.dialogue.chat_texts import BEFORE_NEWS_CHAT_BY_ACT, FIRST_CHAT_BY_ACT, MORE_CHAT_ABOUT_BY_ACT

INTRODUCTION = (
    "I'm tutorbot, your tutor for the practical deep learning seminar: five days, from "
    "machine learning basics to neural networks, CNNs, RNNs and word2vec. I teach in short "
    "steps, quiz you, and remember your progress. Shall we start with Day 1?")
HELLO_FIRST = "Hi! {introduction}"       # the introduction after a hello ("ok", "👍" as a first message: none)
NOD_FIRST = "👍 {introduction}"        # "k", "👍" as a first message: a nod back, no "Hi!"
ON_IN_THIS_LESSON = "We're in this lesson already, so on from where we were:"   # its button, halfway through it
HI_AGAIN = "Hi again! Shall we start with Day 1?"
WELCOME_BACK_LESSON = "Welcome back! You were in Day {day}: “{title}”. Shall we continue?"
WELCOME_BACK_QUESTION = "Welcome back!"
REVIEWS_DUE = "📚 {count} review item(s) are due — a quick review keeps them fresh."
GOODBYE = "Bye for now! Your progress is saved — come back any time and we'll pick up where you left off."
YOU_ARE_WELCOME = "You're welcome! Shall we keep going?"
QUIZ_STOPPED = "OK, no more questions for now. Where shall we go on?"
QUIZ_STOPPED_SHORT = "OK, no more questions for now."
SORRY_IT_DID_NOT_HELP = "Sorry that didn't help. Shall I explain it another way?"
HELP = (
    "I teach the practical deep learning seminar (Days 1–5) in short chat steps. You can:\n"
    "• say “let's start” or /lesson — continue the course\n"
    "• ask “what is gradient descent?” — I explain any concept of the seminar\n"
    "• say “quiz me” or /quiz — practise (/review for spaced review)\n"
    "• say “go to day 3” — jump anywhere\n"
    "• say “how am I doing?” or /progress\n"
    "• play with my models: /sentiment TEXT, /entities TEXT, /analogy king - man + woman, /gd 0.1\n"
    "• /lab — hands-on labs: train a network with your settings; /project — your final project\n"
    "• /reset — start over\n"
    "I teach in English; greetings, thanks and simple requests I understand in a few other languages too.")
NO_PROBLEM = "No problem. Whenever you're ready, say “let's go” — or ask me anything about the seminar."
NOTHING_TO_REPEAT = "There's nothing to repeat yet — shall we start Day 1?"
EXPLAIN_AGAIN = "Let's look at it through a worked example:\n{example}"
ANOTHER_WAY = "Let me put it another way: {again}"
OTHER_WAYS_IN = (   # variants: a further "explain again" never gets the same words twice in a row
    "Let's try a different way in: a question often makes it click, or we can go through “{title}” from its start.",
    "I've explained this step every way I have. Trying a question on it, or going through “{title}” again from its "
    "start, usually helps more than reading it once more.",
)
PUT_SIMPLY = "Put simply: {again}"
NOT_SURE_NEAREST = "I'm not sure I have the answer to that. Is it one of these?"
NOT_SURE_NEAREST_NAMED = ("I'm not sure I have the answer to that. The nearest I know: {topics}. "
                          "Ask one in full any time.")
FROM_THE_START = "Here is {term} from the start, one step at a time."
CONCEPT_NOT_FOUND = "I couldn't find that concept in the seminar. I can explain things like {known}."
NOT_IN_THE_COURSE = ("That goes beyond what this seminar covers, so I won't guess: I've noted your question for the "
                     "instructor. I can teach you {term} as the course does.")
DEFINITION = "{term}: {definition}\n(Day {day}, lesson “{lesson}”.)"
DEFINITION_PLAIN = "{term}, in plain words: {again}\n(Day {day}, lesson “{lesson}”.)"
WHAT_FOLLOWS = ("{term} is taught in “{title}” (Day {day}); after it comes “{next_title}” (Day {next_day}).")
NOTHING_FOLLOWS = "{term} is taught in “{title}”, the course's last lesson: after it comes your final project."
PLAIN_WORDS_ON = ("Deal: from now on plain words and everyday examples instead of formulas, and the gentlest "
                  "questions first. Any formula is still there if you ask, and “show me the maths” brings them all "
                  "back.")
WHY_WHAT = "Why what? 🙂 Tell me what you're wondering about, a concept (“why do we need activation functions?”) or a step, and I'll explain."
PLAIN_WORDS_START = "Whenever you're ready, say “let's start”: the first lesson is a gentle one, about learning from examples."
MATHS_ON = "Maths back on: the steps come with their formulas again."
UNTAUGHT_TERM = ("This seminar doesn't teach {terms}, so I won't guess at it; I've noted your question for the "
                 "instructor. What it does teach next to it:\n{card}")
DAY_GOALS = "Day {day}: {title}. Its goals: {goals}."
# a day remarked on ("day 3 already?? time flies"): the remark answered, then where the learner is
DAY_REACHED = "Time flies, doesn't it? 😄 Yes, Day {day} already: {title}. You've come a long way, so keep going!"
DAY_AHEAD = ("Time flies, doesn't it? 😄 You're not on Day {day} yet, though: {where}. Day {day}, {title}, comes when you "
             "get there, or now if you'd rather jump ahead.")
DAY_REMARKED_QUESTION_OPEN = "Time flies, doesn't it? 😄 Day {day}, {title}, is there whenever you want it; first, this question."
WHERE_NOW = "you're in “{title}”, on Day {day}"
WHERE_NOT_STARTED = "we haven't started, and Day 1 comes first"
PROGRESS_LINE = "Day {day} · {title}: {done}/{total} concepts mastered"
PROGRESS = "Your progress — {practised} concept(s) practised, {due} review item(s) due:\n{lines}"
WHERE_TO = "Where to? The seminar has five days:"
WHICH_DAY = "Which day? /day 1 to /day 5."
# chat no topic, act or responder answers: the line for a question, for news, or for a word or two (a tutor-bot
# slogan had answered "Back-to-back calls since 8am. Voice is gone." and "Does anyone ever finish a hot cup of coffee
# after having kids?")
CHIT_CHAT_FALLBACK = (
    "Ha, good one. I'm honestly not sure what to say to that: I'm a small tutor bot and mostly know deep learning. "
    "What's your take?",
    "Thanks for telling me! I'm only a bot, but I like hearing how your day is going. 😊",
    "Hmm, I'm not sure what you mean there! 😄 Tell me a bit more, or say “let's start” for the lesson.",   # "b", "k?"
)
BACK_TO_COURSE = "{reply}\nShall we get back to the course?"
# a new learner's first message was chat: answered, then who the tutor is, with no second question
HELLO = "Hi! "
HELLO_AND_MORE = ("{hello}{reply}\nI'm tutorbot, your tutor for the practical deep learning seminar: say “let's start” "
                  "whenever you're ready.")
HELLO_NOD = "Good to hear from you!"
CHAT_THEN_INTRODUCTION = ("{reply}\nBy the way, I'm tutorbot, your tutor for the practical deep learning seminar: "
                          "say “let's start” whenever you're ready.")
CANNOT_HELP_SHORT = "Sorry, I can't help with that — I'm a tutor for the deep learning seminar."
CANNOT_HELP = (
    "Sorry, I can't help with that — I'm a tutor for the practical deep learning seminar. "
    "I can teach you the five days step by step, explain concepts (“what is overfitting?”), "
    "quiz you and track your progress.")
# a question outside the course ("how many cups are in a liter?", "what does 'saudade' mean?"): no refusal as if a
# task had been asked, an honest "I'd be guessing"
OUTSIDE_MY_KNOWLEDGE = (
    "Good question, but it's outside my little world: I only know the deep learning of this seminar, so I'd just "
    "be guessing. A quick search (or a friend) will do better. 🙂",
    "I'd only be guessing there, I'm afraid: deep learning is the one thing I know well. A search engine will give "
    "you a proper answer.",
)
GIST_YES_OR_NO = "In short: {gist}"   # "is that a yes?" after an answer to a yes-or-no question
GIST_OF_AN_OPEN_QUESTION = "That one wasn't a yes-or-no question, but in one line: {gist}"
OTHER_QUESTION = "And your other question, “{question}”: {answer}"
QUESTION_BESIDE_THE_ANSWER = "And your question, “{question}”: {answer}"
RESTATED_ALL = "Yes, that's it ✅ {term} in your words, with every key idea: {covered}."
RESTATED_PART = "Right so far ✅ You have: {covered}."
RESTATED_MISSING = "One more key idea to add: {missing}."
RESTATED_WRONG = "Not quite: {says}."
RESTATED_KEY = "The key idea: {key}."
CLAIM_TO_COMPARE = ("I can't check that sentence word for word, so here is what the course says, to compare with yours:\n"
                    "{reference}\nIf yours says the same in other words, you've got it; if not, ask me about the part that differs.")
WEAK_SPOTS = "What to review first, weakest first:"
WEAK_SPOT_LINE = "• {term} (Day {day})"
NO_WEAK_SPOTS = "No weak spots so far: every concept you've practised is mastered. /review keeps them fresh."
NOTHING_PRACTISED = "You haven't practised anything yet, so there's nothing to review. Shall we start?"
DAY_IN_SHORT = "Day {day}, {title}, in short:"
LESSON_IN_SHORT = "“{title}” in short:"
SUMMARY_LINE = "• {title}: {point}"
RECAP_HEAD = "What you've covered so far, in short:"
RECAP_EARLIER = "• Before that: {titles}."
RECAP_PRACTICE = "• Practice: topics tried {practised}, mastered {mastered}{weak}."
RECAP_WEAK = "; worth another look: {terms}"
SAME_ANSWER = ("My best answer to that is the one I just gave, in short: {short} If you meant something else, is it one "
               "of these? Or tell me which part you'd like more on.")
READY_UNSEEN = ("You can go to Day {day} whenever you like: nothing is locked. But you haven't seen {lessons} yet, and "
                "Day {day} builds on {it}: I'd study {it} first.")
READY_WEAK = "Yes, go ahead: you've seen every lesson before Day {day}. Worth a quick review first: {terms}."
READY_YES = "Yes, go ahead: you've seen every lesson before Day {day}."
NOTHING_LEARNED_YET = ("I have no lessons on record with you yet (progress made under another account stays there), so "
                       "there's nothing to sum up. Shall we start with Day 1, or jump to where you think you were?")
SORRY_REPEATED = ("Sorry, I said the same thing twice. Another way:", "You're right, that was a repeat. Let me try "
                  "it differently:")
# the repeat owned up to, before a new question's answer ("you're repeating yourself. ok last q: why is relu ...?")
SORRY_REPEATED_THEN_ANSWER = ("Sorry for repeating myself! To your new question:", "Fair point, that was a repeat. Now, your "
                              "question:")
# the learner's own words missed ("I literally said x3 lol"), before the lesson goes on
OWN_WORDS_MISSED = ("You did say it, sorry: I should have read your answer more carefully. On we go:",
                    "You're right, you had it already. My mistake! Next:")
QUIZ_ON_NEAREST = "I have no questions on “{topic}” as such; here is one on {term}, the concept it belongs to:"
TAUGHT_WHERE = "Yes: the seminar teaches {term} on Day {day}, in the lesson “{title}”."
NOT_TAUGHT = ("No, that isn't part of this seminar. It covers machine-learning basics, neural networks and "
              "backpropagation, CNNs, text with word2vec and RNNs, and research trends and careers: ask me about any "
              "of those.")
NOT_A_LESSON = "No lesson of the seminar teaches that, but here is the short answer:"
STOPPED_AT = "You stopped at Day {day}, “{title}”, step {step} of {total}: say “continue” to go on from there."
NO_GOOD_ANSWER = ("Sorry, I don't have a good answer to that in the seminar's material, and I'd rather not guess. "
                  "I've noted your question for the instructor. You can ask me about one part of it, or go on with "
                  "the course.")
DROPPED_TAKEN_UP = "Back to the question you left, then: {prompt}"
NO_QUESTION_OPEN = "There's no question open right now, so I can't grade that. Want a fresh one?"
BACK_TO_QUESTION = "{lead}\nBack to your question: {prompt}"
KEPT_FOR_AFTER = ("Good question! Its answer would give this one away, so I'll answer it as soon as you've had a go "
                  "(or said “skip”).")
KEPT_ANSWERED = "Now your question from before, “{text}”:\n{answer}"
KEPT_ANSWERED_BEFORE_THE_NEXT = "Before the next one, your question from before, “{text}”:\n{answer}"
FINISH_THIS_ONE = "Let's finish this one first (or say “skip”)."
UNKNOWN_COMMAND = "I don't know the command /{name}."
NO_SUCH_LESSON = "There is no lesson {name!r}."
START_A_LESSON_FIRST = "Start a lesson first, then I can show its worked example."
NOT_IN_SEMINAR = "“{topic}” is not in the seminar, so here is a question from the course instead."
NOTHING_TO_REVIEW_YET = ("There's nothing to review yet: review items come from the lessons you study. "
                         "Shall we start a lesson?")
NOTHING_DUE = "Nothing is due for review right now — well remembered! 🎉"
REVIEW_TIME = "Review time: {count} item(s) due. Say “stop” to end the review."
REVIEW_SUMMARY = "Review done: {right} right, {wrong} wrong."
REVIEW_SLIPPED = " Worth another look: {concepts}."
REVIEW_NEXT = " Next review: {when} ({count} item(s))."
REMINDER = ("📚 {count} review item(s) are due — a few minutes of /review keeps them fresh. "
            "(/remind off stops these reminders.)")
REMINDER_SET = "I'll remind you at {label} on days when reviews are due, at most once a day. /remind off stops it."
REMINDER_ZONE_ASK = (" Which time zone are you in? Say a city or a zone, e.g. “Berlin”, “New York” or "
                     "“Asia/Kolkata” (or carry on, and it stays UTC).")
REMINDER_ZONE_SET = "Got it: I'll remind you at {label} on days when reviews are due."
REMINDER_OFF = "Reminders are off."
REMINDER_BAD = "I need a time, and maybe your time zone: /remind 19:00 or /remind 19:00 Europe/Berlin."
REMINDER_NONE = "No reminders yet: /remind 19:00 (with your time zone, e.g. /remind 19:00 Europe/Berlin)."
REMINDER_SHOW = "I remind you at {label} when reviews are due. /remind off stops it."
REVIEW_CAP = "That's today's {cap} review items — the rest waits for tomorrow."
CANNOT_ASK_REVIEWS = "I can't ask those review items right now."
NO_OPEN_QUESTION = "There is no open question to skip."
NO_EXERCISE = "I have no exercise for that yet."
RESET_QUESTION = "Reset all your progress (mastery, reviews, where you are)? This cannot be undone."
RESET_UNCLEAR = "Please answer yes or no: reset all your progress?"
RESET_DONE = "Done: your progress is reset. Shall we start again with Day 1?"
RESET_CANCELLED = "OK, nothing was reset — your progress is safe."
NOTHING_TO_CONFIRM = "There is nothing to confirm."
OK = "OK."
CLARIFY = "I'm not sure what you meant. Did you want to…"
LESSON_STEP_TITLE = "{day}Lesson: {title} ({number}/{total})\n"
WORKED_EXAMPLE = "Worked example — {title}:\n{example}"
EXAMPLE_OF = "An example for {term} — {title}:\n{example}"
NO_PICTURE = "I have no picture of {term}, but an example shows it well."
FIRST_LESSON = "This is the first lesson of the seminar."
BACK_TO_DAY = "Back to Day {day}:"
MY_MISTAKE = "Sorry, my mistake — {term}, then."
WHERE_YOU_LEFT_DAY = "Day {day}, where you left it: “{title}”."
DAY_FROM_ITS_START = "Day {day} from its start"
COURSE_DONE = ("That was the last lesson of the seminar — congratulations! 🎓 "
               "Keep your knowledge fresh with /review.")
NOT_MASTERED_YET = ("\nNot mastered yet ({count} of {total} concepts): {terms}. A quick quiz on each makes them stick: "
                    "/quiz {first}.")
ALL_MASTERED = "\nYou have mastered every concept of the seminar. 🏆"
DAY_SUMMARY = "Day {day} done: {mastered} of {total} concepts mastered.{review}"
DAY_TO_REVIEW = " Worth a review: {terms} (/quiz {first})."
CHECK_FIRST = ("Before you move on: one quick question on “{title}” shows whether its key idea stuck. "
               "Or go on to “{next}” if you're sure.")
PLACEMENT_START = ("A quick check of Day {day}: {count} questions, one per lesson. Answer what you know (or say "
                   "“skip”); at the end you get your score and the lessons you can skip or should study.")
PLACEMENT_RESUMED = ("Picking up your Day {day} check where it stopped: {right} of {total} right so far, {left} "
                     "lesson(s) to go.")
PLACEMENT_RIGHT = "✅ Right."
PLACEMENT_MISSED = "Not this one — the answer: {solution}"
PLACEMENT_DONE = "Day {day} check: {right} of {total} right. You already know: {known}."
PLACEMENT_STUDY = " The lessons below are worth studying before you move on."
PLACEMENT_SKIP = " You can skip this day."
PLACEMENT_UNFINISHED = (" The check stopped with {left} lesson(s) unchecked, so that's not enough to skip the day: ask "
                        "for the check again to finish it.")
CORRECT = "✅ Correct!"
CORRECT_AFTER_HELP = "✅ Correct — well worked out!"
DAY_MASTERED = "\n🎉 You've mastered every concept of Day {day}! The day is done — on to the next?"
LET_ME_HELP = "Let me help."
HINT = "Hint: {hint}"
LEADING_QUESTION = "Think about it this way: {hint}"
TRY_AGAIN = "{lead}\n{help}\nTry again!"
WORKED_ANSWER = "{lead}Here is the worked answer:\n{solution}"
TRY_ONE_LIKE_IT = "Now try one like it yourself:"
# Variants of what is said often: the next one each time, so the same words never come twice in a row.
ENCOURAGE = (
    "Don't worry — everyone finds this hard at first, and you're doing the right thing by asking. "
    "Let's take it step by step.",
    "That's a normal place to get stuck: it took the researchers years too. One small step at a time.",
    "Being confused is part of learning this — it means you're working on the hard part. Let's go slower.",
)
EASIER = ("Sure, an easier one:", "Let's take a gentler one:", "Here's an easier one to warm up:")
HARDER = (
    "Fair enough — let's make it harder. Here is a tougher one:",
    "Good sign! A harder one, then:",
    "Let's raise the bar:",
)
ANOTHER_KIND = "You're right, let's change the kind of question. Here is another kind:"
NO_OTHER_KIND = "I have no other kind of question on {term} yet, so here is another kind from {where}:"
NO_HARDER_ON = "I have nothing harder on {term}: here is the hardest question I have on it."
BORED = (
    "Bored? Let's fix that with something more challenging:",
    "Then let's wake your neurons up with a harder one:",
    "Boredom means you're ready for more. Try this one:",
)
CALM = (
    "Sorry I'm not being helpful. Tell me what you need — a simpler explanation, an example, a quiz, or "
    "to skip ahead — and I'll do that.",
    "I hear you — this isn't working for you right now. Say “explain again”, “example” or “skip”, "
    "or ask me anything about the seminar.",
)
BREAK = (
    "Sounds like a good moment for a break. Your progress is saved — come back later and we'll pick up right "
    "here; a 2-minute review then makes today's lesson stick.",
    "Rest is part of learning: your brain consolidates while you pause. I'll be here when you're back — "
    "everything is saved.",
)
EASIER_SKIP = " Say “skip” to see the worked answer."
EASIER_HINT = " A hint for the question: {hint}"
EASIER_EXAMPLE = " A worked example usually makes it click — pick “Show me a worked example”."
EASIER_START = " Let's begin with the very first, gentle lesson: say “let's start”."

# option labels
START_DAY = "Start Day {day}"
DAY_OPTION = "Day {day}: {title}"

# their lines answer the learner's mood (or need no pep talk; a question about the bot): no encouragement after them
ACTS_THAT_MEET_THE_MOOD = frozenset({*FIRST_CHAT_BY_ACT, *BEFORE_NEWS_CHAT_BY_ACT, "feeling_bad", "feeling_good", "apology",
                                     "compliment", "insult", "filler", "laughter", "weather", "life_news", "about_bot",
                                     "nature", "home", "bot_relations", "likes", "favourite", "tips", "plans",
                                     "birthday", "good_mood", "knock_knock", "just_chat", "hypothetical", "musing",
                                     "mishap", "asks_leave", "effort_done"})
# a line that says back what the message said (tutor.dialogue.echo.said_about): its act's line where it can
CHAT_ABOUT_BY_ACT: dict[str, tuple[str, ...]] = {
    **MORE_CHAT_ABOUT_BY_ACT,
    "life_news": (
        "Oh, {news}! Thanks for telling me. I'm only a bot, but I love hearing what you're up to.",
        "So {news}? Tell me more!",
    ),
}
# Chit-chat by the message's speech act (cues.MESSAGE_ACTS), in order of precedence: said where the responder has no
# reply of its own or its reply answers another act ("good night!" -> "Hello!"). Variants: the next one each time.
CHAT_BY_ACT: dict[str, tuple[str, ...]] = {
    **FIRST_CHAT_BY_ACT,
    "goodbye": (
        "Bye for now! Your progress is saved, so we'll pick up right where you left off.",
        "See you soon! A quick review next time will help today's lesson stick.",
        "Take care! I'll be here whenever you want to learn more.",
    ),
    "thanks": (
        "You're welcome! Happy to help.",
        "Any time, that's what I'm here for!",
        "My pleasure! You did the learning.",
    ),
    "apology": (
        "No need to apologise! Let's just carry on.",
        "No worries at all, it happens. Glad you're here!",
        "Don't worry about it! We can pick up whenever you're ready.",
    ),
    "insult": (
        "Sorry I'm not being helpful. Tell me what you need: a simpler explanation, an example or a quiz?",
        "Fair enough, I'm only a small bot. Tell me what went wrong and I'll try another way.",
    ),
    "compliment": (
        "Thank you, that's kind! I enjoy teaching you too.",
        "Aw, thanks! You're a great learner yourself.",
        "Thank you! I was trained on lots of examples, just like the networks we study.",
    ),
    "feeling_bad": (
        "I'm sorry to hear that. Be kind to yourself; we can do something small, or just pause for now.",
        "That sounds hard. Take the time you need. Your progress is saved, and I'll be here.",
        "Sorry you're having a tough time. One small step is plenty today, or none at all.",
    ),
    "birthday": (
        "Happy birthday! 🎂 I hope it's a great day.",
        "Happy birthday! 🎉 Have a wonderful day.",
    ),
    "feeling_good": (
        "That's great news, congratulations! 🎉",
        "Wonderful, I'm happy for you! A good mood is perfect for learning.",
        "Yay, well done! That deserves a celebration.",
    ),
    "good_mood": (   # a mood, not an achievement: glad for them, no congratulations
        "Love that! I'm glad you're in a good mood. 😊",
        "That's lovely to hear! Good moods are contagious, even for a bot. 😊",
    ),
    "knock_knock": ("Who's there? 😄",),
    "just_chat": (
        "Sure, happy to chat for a bit! What's on your mind?",
        "Of course, a little chat is nice. What would you like to talk about?",
    ),
    "greeting": (   # how the tutor is, only where it was asked (greeting_asked): "Salam! Greetings from Cairo" asks nothing
        "Hi! Nice to hear from you. 😊 Ready to learn something new?",
        "Hello, and welcome! How about a short lesson?",
        "Hey there! Nice to have you here.",
    ),
    "greeting_asked": (
        "Hi! All good here, thanks for asking. Ready to learn something new?",
        "Hello! I'm doing fine, as bots do. How about a short lesson?",
        "Hey there! Always good on my side. Nice to have you here.",
    ),
    "request": (
        "I can't do that, sorry: I'm only a tutor bot. But I can teach you how models like that work!",
        "That's beyond me, I'm afraid: I only teach deep learning.",
    ),
    "nature": (
        "I'm a bot: tutorbot, a program made to teach deep learning. No human behind the keyboard!",
        "Definitely a bot! A program that teaches, not a person, though I try to be good company.",
    ),
    "home": (
        "I live on a server, so wherever you chat with me, I'm there.",
        "Somewhere in the cloud, on a computer that runs me. Cosy, and always online!",
    ),
    "bot_relations": (
        "Not really, I'm a bot! But every learner I chat with is good company, so I never feel alone. How about you?",
        "Being a program, I don't have any of my own. My learners are the closest thing! Do you?",
    ),
    "this_or_that": (
        "Tough choice! As a bot I can't try either, so I'll let you pick. Which one is yours?",
        "I can't choose, being a bot: both sound good to me! Which do you prefer?",
    ),
    "likes": (
        "I'm a bot, so I can't really enjoy things the way you do, but I can see why people like it! Do you?",
        "Honestly, as a program I don't get to try it myself. What do you like about it?",
        "I can't taste, see or feel things, being a bot, but I'm curious: are you a fan?",
    ),
    "favourite": (
        "As a bot I don't really have favourites, but I'd love to hear yours! What's your pick?",
        "Tough one for a program: I've never tried any! What's your favourite?",
        "I don't have a favourite, being a bot, except maybe neural networks. What's yours?",
    ),
    "hypothetical": (
        "Fun question! If I could, I'd pick something with lots of data to learn from. 😄 What would you choose?",
        "Ooh, I like that one! As a bot I've never had the choice. What would you pick?",
    ),
    "musing": (   # big or silly questions of opinion: "what happens after we die", "is cereal for dinner ok?"
        "Ooh, a big one! People have argued about that for ages, and I'm only a bot, so I'll pass the question "
        "back: what do you think?",
        "Good one! Honestly, opinions differ, and a bot gets no vote. What's your take?",
    ),
    "tips": (
        "I don't get to watch, read or play much, being a bot! What have you enjoyed lately?",
        "Hard for a bot to say, I only know the seminar by heart! Tell me what you like and I'll cheer you on.",
    ),
    "plans": (
        "No big plans for me: I'm a bot, so I'll be right here, ready to teach. Got anything fun planned?",
        "My plans are always the same: helping learners like you! What are you up to?",
    ),
    # a question to the bot no topic or act line answers ("do you think uni is worth it now that AI exists?", "tabs or
    # spaces, your answer decides"): an honest, open answer, no recital of what a bot does not do (the line "no
    # meals, no sleep" had answered such questions as a non sequitur)
    "about_bot": (
        "Hmm, I'm not sure I'm the right one to ask: I'm a small tutor bot, and deep learning is the one thing I "
        "know well. What do you think?",
        "Good question! Honestly, I only really know this seminar, so my view is limited. What's your take?",
        "I'm only a bot, so my life is mostly gradients. 😄 I'd love to hear what you think, though.",
    ),
    "weather": (
        "I can't feel the weather from my server, but I hope you're staying comfortable out there!",
        "No weather where I live, just a warm server room. Whatever it's like outside, it's a fine day to learn.",
    ),
    "sigh": (
        "That sounds like a sigh. Want to take it slower, or have a short break?",
        "Hang in there! Shall I explain something another way, or shall we pause?",
        "Oof. Everything okay? We can slow down or take a break whenever you like.",
    ),
    **BEFORE_NEWS_CHAT_BY_ACT,
    "life_news": (
        "Thanks for telling me! I'm only a bot, but I like hearing what you're up to.",
        "Oh, really? Tell me more!",
        "I see! Thanks for sharing that with me.",
    ),
    "laughter": (
        "Haha! Glad you're having fun. 😄",
        "😂 Learning goes better with a laugh!",
    ),
    "filler": (
        "😄 I'm here whenever you need me.",
        "Okay! Say “continue” for the next step, or ask me anything.",
        "Alright! I'm here when you want to go on.",
    ),
}
