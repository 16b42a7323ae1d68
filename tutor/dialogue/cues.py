"""The cue words and patterns the dialogue's signals read (:mod:`tutor.dialogue.signals` is their only
reader): lesson navigation, pictures, tone, speech acts, answers' shapes, and the keyword intents used
when there is no NLU or it is unsure."""
from __future__ import annotations

import re

NEXT_LESSON = re.compile(r"\bnext (lesson|topic|chapter|unit)\b", re.IGNORECASE)
PREVIOUS_LESSON = re.compile(r"\b(previous|prior) (lesson|topic|chapter|unit)\b|\blesson before\b", re.IGNORECASE)
EXAMPLE_REQUEST = re.compile(r"\b(examples?|for instance)\b", re.IGNORECASE)
REFERS_BACK = re.compile(r"\b(it|its|this|that|these|those|they|them)\b", re.IGNORECASE)  # to the concept just explained
# "graph", "image", "chart" are also what learners ask about ("how does a CNN see an image?"): only "a graph of ..."
PICTURE_REQUEST = re.compile(
    r"\b(pictures?|pics?|plot|draw|diagram|visuali[sz]e|sketch)\b|\b(graph|image|chart|figure)s? of\b", re.IGNORECASE)
# with a step size: "show me the path for learning rate 0.5", "try gradient descent with 1.2" (the /gd playground)
RUN_REQUEST = re.compile(r"\b(show|run|try|simulate|path|with)\b", re.IGNORECASE)
BARE_WHY = re.compile(r"\W*(but )?(why|why not|how|how come|what do you mean|explain)\W*", re.IGNORECASE)
GIVES_A_REASON = re.compile(r"\s*(because|since|as|so that|so|to|it|they|the|cause|bc|coz)\b", re.IGNORECASE)
# the learner's tone, beyond the sentiment score: each gets its own answer (the same "everyone finds this
# hard" had answered insults, "too easy" and tiredness alike)
ASKS_HARDER = re.compile(r"\b(too easy|so easy|easy peasy|(that|this|it) (was|is|'s) (so |too |really )?easy|boring|"
                         r"bored|harder (one|question|ones|stuff)?|more (difficult|challenging)|challenge me|"
                         r"the hardest|something harder)\b", re.IGNORECASE)
INSULT = re.compile(r"\byou('re| are)? (so )?(stupid|useless|dumb|an idiot|terrible|trash|rubbish)\b|"
                    r"\b(stupid|useless|dumb|idiot) (bot|tutor|machine)\b|\bshut up\b|\bf+u+c+k+ (you|off)\b|"
                    r"\b(this|the) (bot|tutor|thing) (is|'s) (so )?(stupid|useless|dumb|trash|terrible|rubbish)\b",
                    re.IGNORECASE)
TIRED = re.compile(r"\b(i'?m|i am|so|too|really) (tired|sleepy|exhausted|knackered)\b|\bneed a break\b|"
                   r"\bbrain is (fried|melting|dead)\b|\bcan'?t think anymore\b|\bbrb\b|\bbe right back\b|"
                   r"\b(getting|grabbing|making) (a |some )?(coffee|tea|snack|food|lunch)\b", re.IGNORECASE)
# Speech acts of a chit-chat message and of the responder's reply: a reply that answers another act is not
# sent ("good night!" -> "Hello! Ready to learn?", "you're pretty smart" -> "Sorry about your day").
FAREWELL = re.compile(r"\b(good ?night|bye|see (you|ya)|gotta go|talk (to you )?later|i'?m off|night night)\b", re.I)
GREETING = re.compile(r"^\W*(hi|hello|hey|good (morning|afternoon|evening)|welcome|ready to learn)\b", re.I)
COMPLIMENT = re.compile(r"\b(you('re| are) (so |pretty |really |very )?(smart|great|good|clever|awesome|amazing|the best|"
                        r"helpful|cool|funny)|love (you|u|this bot)|good bot|nice bot|great job|well done)\b", re.I)
GOOD_NEWS = re.compile(r"\b(happy|glad|great day|good news|excited|can'?t wait|passed|got the job|congrat|"
                       r"new year|birthday|weekend|holiday|vacation|i did it)\b", re.I)
WELCOME_REPLY = re.compile(r"\W*you'?re welcome", re.I)           # a reply to thanks
GOOD_QUESTION_REPLY = re.compile(r"\W*good question", re.I)       # a reply to a question
THANKS = re.compile(r"\b(thanks?|thank you|thx|ty|cheers|appreciate)\b", re.I)
SYMPATHY = re.compile(r"\b(sorry (about|to hear)|be kind to yourself|that sounds (hard|tough|rough)|i'?m here (whenever|for you)|"
                      r"hang in there|don'?t give up|take a break)\b", re.I)
# "so E is the data?", "dropout is only used in training, right?": a claim to confirm (only these get a
# knowledge-base answer that starts "Yes" or "Not quite")
ASKS_TO_CONFIRM = re.compile(r"^\W*(so|is|are|does|do|did|can|could|would|will|was|were|isn'?t|aren'?t|doesn'?t|"
                             r"wait so|ok so|like|kind of like|sort of like|as in|you mean|meaning)\b|\b(right|correct|true|isn'?t it|no)\s*[?!.]*\s*$", re.IGNORECASE)
# "test me on day 2 so I can skip it", "placement test for day 3", "can I test out of day 1?"
PLACEMENT = re.compile(r"\bplacement\b|\btest out of\b|\bso (that )?i can skip\b|"
                       r"\b(test|check|quiz|examine) me\b.*\b(skip|already know|know (it|this|that))\b", re.IGNORECASE)
PASS = re.compile(r"\W*(skip|pass|next|no idea|idk|i don'?t know|dunno|no clue)\W*", re.IGNORECASE)
DAY_NUMBER = re.compile(r"\bday\s*\d+\b|\b\d+(st|nd|rd|th)? day\b", re.IGNORECASE)
ASKS_WHAT = re.compile(r"\bwhat( is| are| does|'s)\b", re.IGNORECASE)
# ends a review session (only read with a review question open, where it would otherwise be a wrong answer)
STOP = re.compile(r"\W*(stop|enough|that'?s enough|i'?m done|no more|end (the )?review|stop review(ing)?)\W*",
                  re.IGNORECASE)
BARE_NUMBER = re.compile(r"\s*[-+]?\d+[.)]?\s*")

# The keyword fallback: used when there is no NLU, or the NLU is unsure. First match wins.
KEYWORD_INTENTS: list[tuple[str, re.Pattern[str]]] = [
    (intent, re.compile(pattern, re.IGNORECASE)) for intent, pattern in [
        ("goto_day", r"\b(go|jump|skip|move|switch|take me|open)\b.*\b(to|day)\b|^day\s+\w+$"),
        ("quiz", r"\b(quiz|test me|question|exercise)\b"),
        ("progress", r"\b(progress|score|how am i doing|my stats)\b"),
        ("help", r"\b(help|what can you do|how does this work)\b"),
        ("smalltalk", r"\b(how are you|who (made|built|created) you|joke|your name)\b"),
        ("out_of_scope", r"\b(weather|flight|pizza|taxi|hotel|book me)\b"),
        ("repeat", r"\b(again|repeat|don'?t (get|understand)|confus|lost)\b"),
        ("ask_concept", r"\b(what'?s?|how|why|explain|define|meaning)\b.+"),
        ("start_lesson", r"\b(start|begin|continue|next|lesson|go on|let'?s go)\b"),
        ("thanks", r"\b(thanks?|thank you|thx|cheers)\b"),
        ("goodbye", r"\b(bye|goodbye|see you|quit|exit)\b"),
        ("greet", r"^\s*(hi|hello|hey|good (morning|afternoon|evening)|howdy)\b"),
        ("affirm", r"^\s*(yes|yeah|yep|sure|ok(ay)?|of course|go ahead|y)\b"),
        ("deny", r"^\s*(no|nope|nah|not now|n)\b"),
    ]
]
# keyword intents that, while a question is open and the NLU is unsure, mean "not an answer"
KEYWORD_REQUESTS = ("goto_day", "progress", "help", "goodbye", "quiz", "repeat")


def keyword_intent(text: str) -> str | None:
    return next((intent for intent, pattern in KEYWORD_INTENTS if pattern.search(text)), None)


# "what is dropout?": a concept's own name asked for, answered by its glossary card
ASKS_DEFINITION = re.compile(r"\s*(what('?s| is| are)|define|explain|meaning of|tell me about)\s+(an? |the )?(?P<term>.+?)"
                             r"[\s?!.]*", re.IGNORECASE)

# -- hands-on labs (tutor/dialogue/lab_signals.py) ----------------------------------------------------------
# "lab: logistic regression with learning rate 2", "is there a lab for CNNs?" ("label" is no lab)
LAB_WORD = re.compile(r"\b(hands-on )?labs?\b", re.IGNORECASE)
# "train the CNN on digits with 5 epochs": an order to train, at the start of the message (not "how do I train")
TRAIN_ORDER = re.compile(r"^\W*(please |pls |now |ok,? |okay,? |so |can you |could you |let'?s |let me |i want to |"
                         r"i'?d like to )*(train|run|fit|try)\b", re.IGNORECASE)
# "run it again", "rerun", "same lab again" (only read after a lab ran); "again with seed 3" only with a setting named
LAB_AGAIN = re.compile(r"\b(re-?run|(run|train|do|try) (it|that|the lab|this|the same( lab)?) again|(same|the) lab again)\b",
                       re.IGNORECASE)
AGAIN_WITH = re.compile(r"\bagain,? with\b", re.IGNORECASE)
LAB_HISTORY = re.compile(r"\b(my|past|previous|earlier) (labs|lab runs|runs)\b|\blab history\b", re.IGNORECASE)
# "help me with my final project", "my project", "back to my project"
PROJECT_REQUEST = re.compile(r"\b(help( me)?( with)?|walk me through|work on|back to|continue with|resume) "
                             r"(my|the|a) (final )?project\b|^\W*(my )?(final )?project\W*$", re.IGNORECASE)
