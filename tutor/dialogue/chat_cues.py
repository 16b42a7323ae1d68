"""More speech acts of everyday chit-chat (merged into :data:`tutor.dialogue.cues.MESSAGE_ACTS`), what a reply to
each must do (merged into ``EXPECTED_REPLY``), and which acts are chat whatever the NLU reads into them.

They were answered by stock lines for other acts: a birthday with "Well done!", a good mood with
"congratulations", "knock knock" with "everyone finds this hard", "what happens after we die?" with the first
lesson, "would you rather ...?" with "I'm a program, no meals, no sleep"."""
from __future__ import annotations

import re

MORE_ACTS: dict[str, re.Pattern[str]] = {
    "birthday": re.compile(r"\b(my|it'?s my|its my) (\w+ )?(birthday|bday|b-day)\b|\bturn(ed|ing)? \d+ today\b|🎂",
                           re.I),
    # a mood, not an achievement ("feeling super happy rn", "in such a good mood"): glad for them, no congratulations
    "good_mood": re.compile(r"\b(happy(?! (new year|holidays?|weekend|easter|christmas|(mon|tues|wednes|thurs|fri|"
                            r"satur|sun|birth)day)\b)|glad|cheerful|good mood|great mood|feel(ing)? (great|good|amazing|"
                            r"awesome|fantastic|happy))\b|[😊😁😄]", re.I),
    "knock_knock": re.compile(r"^\W*knock,? knock\b", re.I),
    # chat asked for itself: "can we just chat for a bit instead of studying?", "let's just talk"
    "just_chat": re.compile(r"\b(can|could|shall) we (just )?(chat|talk)\b|\blet'?s (just )?(chat|talk)\b(?! about (day|"
                            r"lesson|the course))|\b(chat|talk) (for a (bit|while|minute)|instead|about anything)\b",
                            re.I),
    # the bot asked to imagine: "if you could be any animal...", "where would you travel if..."
    "hypothetical": re.compile(r"\bif (you|u) (could|were|had)\b|\bwould (you|u) rather\b|\b(what|where|who|which) "
                               r"would (you|u) (be|go|pick|choose|travel|visit|take|bring)\b", re.I),
    # big or silly questions of opinion: "do you believe in ghosts?", "is it weird to ...", "is a taco a sandwich?"
    "musing": re.compile(r"\bdo (you|u) (believe in|think (there'?s|there is|we|ghosts|aliens))\b|"
                         r"\bwhat happens (after|when) (we|you|u|people) die\b|\b(meaning of life|afterlife|simulation|"
                         r"came first)\b|\bis it (weird|ok|okay|normal|bad|wrong|strange|fine|rude|acceptable) (to|if)\b|"
                         r"^\W*(is|are) (an? )?[\w' ]{2,25} (ok|okay|fine|acceptable|overrated|underrated|an? \w+)\W*\?\W*$",
                         re.I),
}
MORE_EXPECTED: dict[str, str] = {
    "birthday": r"\bbirthday\b",
    "good_mood": r"\b(glad|love (that|it)|lovely|great to hear|happy to hear|nice|yay|wonderful|awesome|good mood)\b|😊",
    "knock_knock": r"\bwho'?s there\b",
    "just_chat": r"\b(chat|talk|sure|of course|happy to|on your mind)\b",
    "hypothetical": r"\b(i'?d|if i could|i would|i'?ll pick|choose|pick)\b",
    "musing": r"\b(think|opinion|take|question|one|guess|believe|maybe|depends)\b",
}
# kinds of reply only some acts want (merged into cues.REPLY_ACTS): the course's own comfort ("it's okay to struggle,
# which concept shall we look at again?") answers a learner stuck on it, not "I feel a bit lonely these days"
MORE_REPLY_KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("study comfort", r"\b(which concept|look at (it |that )?again|that'?s how (the )?learning happens)\b",
     ("frustration", "about_studies", "about_mistakes")),
)
# chat whatever the intent model reads into it (it read "what happens after we die" as "start the lesson"): a
# message doing one of these, naming nothing of the course, gets a chit-chat reply
PLAYFUL_ACTS = frozenset({"this_or_that", "likes", "favourite", "knock_knock", "just_chat", "hypothetical", "musing",
                          "birthday", "good_mood"})
# harmless chat: never "Sorry, I can't help with that" (the refusal is for requests the tutor cannot do; "what's the
# weather in Rome?" or "can you text my friend?" ask for one)
HARMLESS_ACTS = PLAYFUL_ACTS | {"greeting", "compliment", "feeling_good", "feeling_bad", "life_news",
                                "nature", "home", "bot_relations", "tips", "plans", "laughter", "apology"}
# the words of a greeting, taken out to see what else a first message says ("hey there, just woke up lol")
GREETING_WORDS = re.compile(r"\b(hi+|hello+|hey+|heya|hiya|yo|there|good ?(morning|afternoon|evening|day)|morning|afternoon|evening|"
                            r"gm|howdy|"
                            r"tutorbot|bot|teacher|everyone|all|guys|again|it'?s me|lol|haha\w*|long time no see|what'?s up|sup|"
                            r"nice to meet (you|u)|i'?m back)\b", re.I)
