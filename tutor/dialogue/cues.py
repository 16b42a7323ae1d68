"""The cue words and patterns the dialogue's signals read (:mod:`tutor.dialogue.signals` is their only
reader): lesson navigation, pictures, tone, speech acts, answers' shapes, and the keyword intents used
when there is no NLU or it is unsure."""
from __future__ import annotations

import re
from typing import NamedTuple

from tutor.dialogue.chat_cues import (
    COMPLIMENT, FEELING_BAD, MORE_ACTS, MORE_EXPECTED, MORE_REPLY_KINDS, MORE_THIS_OR_THAT, SYMPATHY, THANKS,
)

NEXT_LESSON = re.compile(r"\bnext (lesson|topic|chapter|unit)\b", re.IGNORECASE)
PREVIOUS_LESSON = re.compile(r"\b(previous|prior) (lesson|topic|chapter|unit)\b|\blesson before\b", re.IGNORECASE)
# "per-example loss", "each example", "the examples as rows" speak of data, they ask for no worked example
EXAMPLE_REQUEST = re.compile(r"(?<!per-)(?<!per )(?<!each )(?<!every )(?<!training )\b(examples?|for instance)\b(?!\s+as rows)",
                             re.IGNORECASE)
# an example remarked on, not asked for: "That bakery example is actually perfect", "Nice example, but I meant the next
# step" (both had got the lesson's worked example again)
EXAMPLE_REMARKED = re.compile(r"\b(?:nice|good|great|perfect|lovely|cool|helpful|useful|clear|that|this|the|your)\s+"
                              r"(?:\w+\s+)?examples?\s*(?:is|was|were|helps|helped|works|worked|made|makes|,|!)",
                              re.IGNORECASE)
# the learner's own example, given, not asked for: "For example features like dose, age ...", "For one example with
# y = 0 and h = 0,9 I compute ..." (both had got the lesson's worked example); "for example?" still asks
EXAMPLE_GIVEN = re.compile(r"\bfor (?:one |an |a |this |that |my |one such )?(?:example|instance)\b(?!\s*\?)(?=\s*[,:]?\s*\w)",
                           re.IGNORECASE)
REFERS_BACK = re.compile(r"\b(it|its|this|that|these|those|they|them)\b", re.IGNORECASE)  # to the concept just explained
# "graph", "image", "chart" are also what learners ask about ("how does a CNN see an image?"): only "a graph of ..."
PICTURE_REQUEST = re.compile(r"\b(plot|draw|visuali[sz]e|sketch)\b|\b(graph|image|chart|figure|diagram)s? of\b|\b(show|see|send|"
                             r"give|have|got|any|want|need)\b[^.?!]{0,25}\b(pictures?|pics?|diagrams?|illustrations?)\b|"
                             r"^\W*(a |the )?(pictures?|pics?|diagrams?)\b", re.IGNORECASE)   # not "E is the pictures"
# with a step size: "show me the path for learning rate 0.5", "try gradient descent with 1.2" (the /gd playground)
RUN_REQUEST = re.compile(r"\b(show|run|try|simulate|path|with)\b", re.IGNORECASE)
# an optimizer other than the /gd playground's plain gradient descent: its step size is no playground's
OTHER_OPTIMIZER = re.compile(r"\b(adam|adamw|rmsprop|adagrad|adadelta|momentum|nesterov|sgd)\b", re.IGNORECASE)
# the learner's tone, beyond the sentiment score: each gets its own answer (the same "everyone finds this
# hard" had answered insults, "too easy" and tiredness alike)
# "thats harder not simpler :(" complains: no harder item ("harder" said of what was given)
# an easier item asked for: "Can you quiz me, an easy one please?" after "the ∂L/∂z I don't understand" had got the
# neuron's analogy again, no quiz
ASKS_EASIER = re.compile(r"\b(an? )?(easy|easier|simpler|simple|basic|gentle) (one|question|quiz|item|problem|exercise)s?\b|"
                         r"\b(something|anything) (easy|easier|simpler)\b|\beasier (please|pls|one|ones)\b", re.IGNORECASE)
ASKS_HARDER = re.compile(r"\b(too easy|so easy|easy peasy|(that|this|it) (was|is|'s) (so |too |really )?easy|boring|bored|"
                         r"(?<!that's )(?<!thats )(?<!it's )(?<!its )(?<!is )(?<!was )(?<!getting )harder(?! to| than| not)|"
                         r"more (difficult|challenging)|challenge me|hardest|(hard|tough|tricky) (\w+ ){0,2}(one|question|quiz|item|problem)s?|trivial|"
                         r"(make|makes|making) me think|something (really |genuinely |actually )?(hard|harder|tough|tougher|"
                         r"difficult))\b", re.IGNORECASE)
# "that's the same kind of question though", "just new numbers": the last item's kind again, after a harder one
SAME_KIND = re.compile(r"\b(same (kind|type|sort) of (question|exercise|problem|thing|item)s?|same (template|question|"
                       r"exercise|format)s?( again| as before)?|(just|only) (the )?(new|different|other) numbers|(only )?the "
                       r"numbers (changed|are different)|(a |another |some )?different (kind|type|sort) of (question|exercise|"
                       r"problem)s?|something different (pls|please|now)(?=\W*$)|(something|one) different(?=\W*$))\b",
                       re.IGNORECASE)
# "explain again with simple words", "simpler please", "in plain English": the simpler explanation asked for
# "give me an analogy I could use for this", "a teaching analogy" (not "a word analogy")
_ANALOGY = (r"\b(give|giv|got|have|need|want|use|with|suggest|share|think of|come up with|know|is there|there)\s+(me\s+|us\s+)?"
            r"(an?|another|good|nice|simple|everyday|better|some|any|teaching|classroom|real[- ]life)\s+"
            r"(?!word\b|vector\b)(\w+\s+)?(analog(y|ies)|metaphor)\b")
ASKS_SIMPLER = re.compile(r"\b(simpler|((more|very|really|explain( it| that)?|say( it| that)?|put( it| that)?|tell me|"
                          r"tell( it)?|it|that) )simply\b|simply (please|pls|plz|put|explained)|simply(?=\W*$)|"   # not "than simply connecting"
                          r"simple (words|terms|english|language|way)|plain (english|words|language)|simple( please| pls| plz)?(?=\W*$)|(more|much|very) (simple|easy)|"
                          r"keep it simple|easier (words|way|terms)|eli5|like i'?m (5|five)|dumb(ed)? (it )?down|less technical|too (technical|complicated|"
                          r"complex|mathy|abstract|jargony)|(less|without( the)?|no) jargon|plainer|layman'?s? terms|"
                          # "how would you explain gradient descent to a 16-year-old?", "... to a class of teenagers"
                          r"(how (would|do|should|could|can) (you|i|we|one) |(can|could|would) you |please |^\W*)"
                          r"(explain|say|put|teach|describe)\b[^.?!]{0,60}\b(to|for) (a |an |my |the |your )?(class of |room of "
                          r"|bunch of )?(\d+[- ]?(year|yr)s?[- ]?olds?|kids?|child(ren)?|teen(ager)?s?|students|pupils|beginners?|"
                          r"grandm(a|other)|mum|mom|non-?technical))\b|" + _ANALOGY, re.IGNORECASE)
# the learner putting their own question simply: "Let me ask more simply: what does P stand for there?"
ASKED_SIMPLY_BY_THE_LEARNER = re.compile(r"\b(let me|i'?ll|i will|i'?d|to) (ask|put|say|phrase|word|try) (it |this |that |my "
                                         r"question )?(more |a bit more |even more )?simpl(y|er)\b", re.IGNORECASE)
# the words asking for an analogy name no concept: "word analogy" is Day 4's (it had answered "give me an analogy ...")
ANALOGY_ASKED = re.compile(_ANALOGY, re.IGNORECASE)
# after the /gd playground: "run it with 0.05", "try lr 0.05", "again with a learning rate of 0.1", "what about 0.5?"
DESCENT_AGAIN = re.compile(r"\b(run|try|again|with|lr|learning rate|step( size)?|rate|what about|how about|use|now)\b",
                           re.IGNORECASE)
BARE_DECIMAL = re.compile(r"\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)\s*")
BORED = re.compile(r"\b(i'?m|i am|so|getting|this is|that'?s|it'?s|bit|kinda) (so |really |a bit |getting )?"
                   r"(bored|boring)\b|^\W*bo+re+d+\W*$|^\W*bor(ed|ing)\W*$", re.IGNORECASE)
INSULT = re.compile(r"\byou('re| are)? (so )?(stupid|useless|dumb|an idiot|terrible|trash|rubbish)\b|"
                    r"\b(stupid|useless|dumb|idiot) (bot|tutor|machine)\b|\bshut up\b|\bf+u+c+k+ (you|off)\b|"
                    r"\b(this|the) (bot|tutor|thing|app) (is|'s) (so |really |just |such an? )?(stupid|useless|dumb|trash|terrible|"
                    r"rubbish|annoying)\b|"
                    r"\b(are|r) (you|u) (\w+ )?(stupid|dumb|an idiot|useless)\b(?! (enough|for))", re.I)   # "are you stupid or just pretending"
TIRED = re.compile(r"^\W*[😴💤🥱]+\W*$|\b(i'?m|i am|so|too|really) (very |so |really )?(tired|sleepy|exhausted|knackered)\b|\bneed a break\b|"
                   r"\bbrain is (kind of |kinda |a bit |totally |completely )?(fried|melting|dead|mush)\b|\bcan'?t think anymore\b|\bbrb\b|\bbe right back\b|\b(can|could|shall) we (take|"
                   r"have) a (short |quick |little )?break\b|"
                   r"\b(getting|grabbing|making) (a |some )?(coffee|tea|snack|food|lunch)\b", re.IGNORECASE)
# "thanks for nothing", "thanks, that didn't help": thanks in anger ("cheers mate" is none, whatever the sentiment)
UNGRATEFUL = re.compile(r"\b(for nothing|(did ?n'?t|does ?n'?t|not|no) (really )?help\w*|useless|i hate|whatever|"
                        r"not really|thanks a lot for)\b", re.IGNORECASE)
# "do you ever get bored?", "are u tired?": the bot's state asked about, not the learner's (no harder item, no break)
ASKS_BOT_STATE = re.compile(r"\b(do|are|r|did|does|can|will|would|have) (you|u)( \w+){0,2} (bored|boring|tired|sleepy|"
                            r"exhausted|lonely)\b", re.IGNORECASE)
# Speech acts of a chit-chat message and of the responder's reply: a reply that answers another act is not
# sent ("good night!" -> "Hello! Ready to learn?", "you're pretty smart" -> "Sorry about your day").
# "goodbye to studying at lunch", "say bye to my weekend": something given up, not a farewell
FAREWELL = re.compile(r"\b(good ?night|night night|nighty|gn|(bye+|bye ?bye|goodbye)(?! to\b)|cya|see (you|ya|u)|gotta (go|run)|"
                      r"got to go|(have|need|must) to (go|leave)|talk (to you )?(later|tomorrow|soon)|ttyl|later(?=\W*$)|laters|"
                      r"i'?m off|heading (to bed|out|off)|(going|off|time) (to|for) (bed|sleep)|logging off|"
                      r"that'?s (it|all|enough) for (today|now)|done for (today|now|the day)|"
                      r"(?<!you )have a (nice|good|great|lovely) (day|evening|night|weekend|one)|take care(?! of)|ciao(?=\W*$)|adios|farewell|"
                      r"peace out|signing off|sign(ing)? off for|(shall|will|must) say good ?night|(?<!n't )(?<!not )(?<!didnt )sleep well)\b",
                      re.I)
GREETING = re.compile(r"^\W*(hi|hello|hey|good ?(morning|afternoon|evening)|welcome|ready to learn)\b", re.I)
GOOD_QUESTION_REPLY = re.compile(r"^\W*good question", re.I)       # a reply to a question

# The speech acts a message can perform (several at once: "thanks, bye!"), read by cue words. Each act that
# has lines in texts.CHAT_BY_ACT gets one of them where the responder's reply would answer another act.
_YOU = r"(you|u|ya|ur|you'?re|youre|you are|u r)"
_HEDGES = r"(so |kinda |kind of |really |pretty |such |totally |just |a bit |actually |honestly |sometimes |too |very )*"
MESSAGE_ACTS: dict[str, re.Pattern[str]] = {
    "goodbye": FAREWELL,
    "thanks": THANKS,
    "apology": re.compile(r"\b(sorry|sry|soz|apologi[sz]e|apologies|my bad|oops|forgive me)\b", re.I),
    "insult": re.compile(INSULT.pattern + r"|\b(this|the) (app|bot|tutor|thing|course) (sucks|is (so )?(bad|boring|"
                         r"terrible|awful|trash))|\byou suck|\bworst (bot|tutor|teacher|app)|\bhate (you|u|this (bot|app))\b|"
                         rf"\b{_YOU} {_HEDGES}(slow|boring|annoying|bad|terrible|awful|useless|stupid|dumb|trash|rubbish|"
                         r"lame|the worst)\b|\byou (don'?t|never) understand\b|\bwaste of time\b|^\W*[🙄🖕😡😠]+\W*$|"
                         r"\b(you|u|this (bot|tutor|app|lesson|course|thing))\b[^.!?]*[🙄🖕😡😠]|"
                         r"\b(that|this|your) (answer|reply|explanation) (made|makes) (no|zero|little) sense\b|"
                         r"\b(long|lengthy) (answers|replies|texts|messages)\b|\bwalls? of text\b|\b(dumbest|stupidest|worst|weirdest) "
                         r"(answer|reply|explanation)\b|\b(so|too|being) (chirpy|perky|cheery|cheerful)\b", re.I),   # 🙄 at the dog who ate the charger: no insult
    "compliment": COMPLIMENT,
    "feeling_bad": FEELING_BAD,
    # stuck on the course: the encouragement rows answer it (tutor.dialogue.rules ENCOURAGE), not a chit-chat line
    "frustration": re.compile(r"\b(frustrat\w*|confus\w*|stuck|lost|give up|too hard|don'?t (get|understand))\b|"
                              r"[😩😫😤]", re.I),
    "sigh": re.compile(r"\b(ugh+|u+f+|sigh|argh+|oof|pf+|hmpf)\b", re.I),
    # good news: "I got the internship!!", "i buy new phone", "we just got a puppy" ("just got fired": bad wins)
    "feeling_good": re.compile(
        r"\b(great day|good news|great news|passed(?! out| away)|promoted|congrat\w*|(team|we|they) won|won (the|a|an|our|my)|(finished|ran|did|completed) (my|our) first \w+|(ran|finished|completed) (a|my|the) (\w+ )?(marathon|race)|learn(ed|t) (to|how to)|paid off|made it|adopted (a|an|our|my)|"
        r"got (?!(a|an) ([c-f][+-]?|cold|flu|fine|ticket|parking|speeding|headache|virus|bad|low|[0-4]([.,]\d+)?\s*(/|out of)\s*10|[1-5]?\d\s*%)(\b|(?<=%)))(the|a|an|my|into|in|accepted)|just got(?! (home|back|up|off|out|here|there)\b)|(got|get|getting|bought|buy|buying) (a |an |my )?new|"
        r"accepted (to|into|at)|admitted|new year|birthday|christmas|graduated|had a baby|engaged|married|"
        r"(i|we) won(?!'?t)|aced|nailed it|holidays?|vacation|i did it|proud|yay+|woo+h?o*|hooray|best day|"
        r"finally(?! (home|here|back|in bed|awake|up|over|friday|the weekend|asleep|sleeping|quiet|done)\b))\b|[🎉🥳]",
        re.I),
    "greeting": re.compile(
        r"^\W*(hi+|hello+|hey+|heya|hiya|yo|sup|howdy|greetings|good ?(morning|afternoon|evening|day)|morning|evening|"
        r"afternoon|gm|hallo|helo|hola|bonjour|ciao|namaste|namaskar|salaam|salam|rise and shine)\b|^\W*(i'?m |im )?back\W*$|\b(what'?s up|wassup|long time no see|how('?s| is) it going|"
        r"how (are|r) (you|u)|how you are|hope (you|u) are (fine|well|ok|good)|what'?s new|^\W*(you|u) good\W*$|how have you been|nice to meet|i'?m back)\b|👋", re.I),
    "asks_joke": re.compile(r"(?<!is a )(?<!what a )(?<!such a )(?<!is )(?<!'s )\b(jokes?|funny|make me laugh|riddles?|puns?|"
                            r"fun fact(?!\s*:)|something (fun|funny))\b", re.I),   # "london is a joke": no joke asked
    "request": re.compile(r"\b(order|book|buy|call|write|do(?! not)|send|play|translate|summari[sz]e|solve|calculate)\b"
                          r".{0,30}\b(me|my|for me)\b|\bwhat time is it\b|\bwhat'?s the (time|date)\b|"
                          r"\bwhat'?s \d+|\bwho is the\b|\bcapital of\b", re.I),
    # what the bot is, where it lives, who it has: "are you a human or a robot", "you are living in computer?"
    "nature": re.compile(r"\b(are|r) (you|u) (a |an )?(real |actual )?(human|real|robot|bot|person|ai|machine|alive|man|"
                         r"woman|boy|girl|chatgpt)\b|\b(human|person|robot|bot|ai) or (a |an )?(human|person|robot|bot|ai)\b",
                         re.I),
    "home": re.compile(r"\bwhere (do|are|r) (you|u) (live|living|from|based|stay)\b|\b(you|u) (are |r )?living\b|"
                       r"\bwhere (are|r) (you|u)\W*$", re.I),
    "bot_relations": re.compile(r"\b(you|u) (have|got) (a |any )?(family|friends?|parents|mom|mum|dad|kids|children|siblings|"
                                r"brothers?|sisters?|pets?|girlfriend|boyfriend|wife|husband|partner)\b", re.I),
    # the bot's tastes asked: "do you like rain?", "whats ur fav food", "dogs or cats?" (its answer must name them)
    "likes": re.compile(r"\b(do|did|would|will|does) (you|u|ya) (even |ever |also |really |still )?(like|love|enjoy|hate|"
                        r"prefer|dislike)\b|\bwhat (kind of |sort of )?\w+ (do|are) (you|u) (listen(ing)? to|watch(ing)?|read(ing)?|play(ing)?|eat(ing)?)\b|"
                        r"\b(do|did) (you|u) (ever )?(listen to|watch|read|play|eat|drink)\b|"
                        r"\b(you|u) (like|love|enjoy|prefer)\b.*\?|\b(are|r) (you|u) (into|a fan of)\b",
                        re.I),
    "favourite": re.compile(r"\b(your|ur|you|u)\b.*\b(fav(ou?rite)?|fave)\b|\b(fav(ou?rite)?|fave)\b.*\?|"
                            r"^\W*(fav(ou?rite)?|fave)\b", re.I),
    "this_or_that": re.compile(r"^\W*(?!.*\b(you|u|i|my)\b|.*\bor (no|not)\b)[\w' -]{2,25}\bor\b[\w' -]{2,25}\W*$|"
                               r"\bwhich (do|would) (you|u) (prefer|pick|choose)\b|\b(what'?s|which is) (better|best|nicer)\b.*\bor\b|\brather\b.*\bor\b|"
                               r"^\W*[\w' -]{2,25}\bor\b[\w' -]{2,25}, (choose|pick|quick|go|decide)\b|" + MORE_THIS_OR_THAT, re.I),
    # tips asked for: "seen any good movies lately?", "any good podcasts?" (a bot has watched nothing)
    "tips": re.compile(r"\b(seen|watched|read|heard|played|tried) any good\b|\b(any|got) (good )?(recommendations?|"
                       r"suggestions?|tips)\b|\bany good (shows?|movies?|films?|books?|series|songs?|games?|podcasts?)\b",
                       re.I),
    "plans": re.compile(r"\b(any|got|your|ur) (\w+ )?plans?\b|\bplans? for (the |this |tonight|today|tomorrow)|"
                        r"\bwhat are (you|u) (doing|up to) (this|tonight|on|for|later|tomorrow)\b", re.I),
    # ("I'll try it your way" asks nothing of the bot: "your" alone only in a question)
    "about_bot": re.compile(r"\b(are|do|can|have|did|will|would|were|r) (you|u)\b|\b(your|ur|yourself)\b(?=.*\?)|"
                            r"\bhow old\b|\bwho (made|built|created|programmed|trained) (you|u)\b|"
                            r"\b(what|where|when) (do )?(you|u) \w+|\byou can \w+\b|\b(you|u) ever\b|"
                            r"\b(you|u) (have|are|like|live|speak|eat|sleep|know|think|feel|watch|play|listen)\b.*\?",
                            re.I),
    "weather": re.compile(r"\b(weather|rain(ing|y|s)?|snow(ing|y|s)?|sunny|freezing|windy|storm(y|ing)?|heat ?wave|"
                          r"humid|cloudy|foggy|(so|too|very|really) (hot|cold|warm|chilly))\b", re.I),
    # news of the learner's life with no feeling word ("in weekend i go to see my parents", "i made pancakes"):
    # a reply about something else is no answer (it must name something of the message)
    "life_news": re.compile(r"^(?!.*\?)\W*(so |well |btw |guess what,? |omg |ok |today |yesterday |tonight )?(i|i'?m|im|"
                            r"i am|i'?ve|ive|i have|i had|i was|i just|my|we|we'?re|this (morning|week|weekend)|"
                            r"in (the )?weekend|last (night|week)|(just |finally )?(had|went|made|watched|saw|ate|"
                            r"finished|started|bought|met|tried|cooked|baked|visited)(?=\W+\w+\W+\w)|(just|finally) (made|cooked|baked|"
                            r"bought|finished|ate|watched)(?=\W+\w)|(just )?woke up|just got (home|back))\b", re.I),
    # laughter alone ("hahaha", "lmaooo", "😂😂"): laughed with, not told to take its time
    "laughter": re.compile(r"^\W*((lol|lmao+|lo+l|ha(ha)+h?|he(he)+|rofl|xd|[😂🤣😆])\W*)+$", re.I),
    # what a message is about, for the replies that speak of it (REPLY_ACTS): "mistakes are how we learn" answers
    # a mistake, not "sorry I was away"; "short sessions beat cramming" answers exam stress, not a sick cat
    "about_mistakes": re.compile(r"\b(mistakes?|typo|error|wrong(?! (chat|window|person|message|number|group))|"
                                 r"questions?|stupid|dumb|confus\w*|don'?t (get|understand)|bad at)\b", re.I),
    "about_absence": re.compile(r"\b(away|back|late|delay\w*|disappeared|gone|afk|left|step(ped)? out|came up|"
                                r"distracted|call|phone died|internet|fell asleep|brb)\b", re.I),
    "about_studies": re.compile(r"\b(exams?|tests?|deadlines?|stud(y|ying)|homework|assignments?|pressure|cramming|"
                                r"school|uni|university|class|course|lesson|learn\w*)\b", re.I),
    "filler": re.compile(r"^\W*((lol|lmao+|lo+l|ha(ha)+h?|he(he)+|rofl|xd|hm+|um+|uh+|erm|ok(ay)?|k+|cool|nice|wow|"
                         r"wo+ah|whoa|omg|meh|eh|interesting|neat|sweet|alright|fine|got it|i see|whatever|nah|"
                         r"true|so true|fair|fair enough|makes sense|exactly|same|indeed|agreed|totally|right|yeah|yep|"
                         r"yup|sure|i guess|ikr|a+h+|o+h+|fr|for real|no way|facts|noted|understood|sounds good|good point|true that)\W*)+$|"
                         r"^[\W\d_]+$", re.I),                         # emoji or punctuation alone
    **MORE_ACTS,
}
# What a reply to each act must do (besides not answering another act, REPLY_ACTS): a reply to a compliment
# that does not thank ("you're pretty smart" -> "My name is tutorbot"), to good news that does not cheer
# ("I got the internship!!" -> "that is beyond me"), to a question about the bot that does not speak of itself
# is not sent; the act's own lines answer instead (texts.CHAT_BY_ACT). A message with several acts is met
# by a reply that meets any one of them.
_FIRST_PERSON = r"\b(i|i'?m|i'?d|i'?ve|i'?ll|my|me|myself)\b"
EXPECTED_REPLY: dict[str, re.Pattern[str]] = {act: re.compile(pattern, re.I) for act, pattern in {
    "goodbye": r"\b(bye|good ?night|sleep well|sweet dreams|see (you|ya)|take care|talk (to you )?(soon|later|tomorrow)|"
               r"later|have (a|fun)|enjoy|until next time|come back)\b",
    "thanks": r"\b(welcome|my pleasure|any ?time|happy to help|glad|no problem|don'?t mention it|pleasure)\b",
    "apology": r"\b(no worries|no problem|no need|don'?t worry|(it|that)'?s (ok|okay|fine|alright|all good)|all good|"
               r"happens|welcome back|no harm)\b",
    "insult": r"\b(sorry|fair enough|let me|tell me|another way|better|try)\b",
    "compliment": r"\b(thank|thanks|kind|aw+|glad|flattered|blush\w*|appreciate|made my day|happy to hear|you too)\b",
    "feeling_bad": SYMPATHY.pattern + r"|\b(sorry|oh no|poor|hope|sounds (hard|tough|rough|awful|stressful|"
                   r"exhausting|horrible)|hugs?|rest|get well|take care|breaks?|here for you|tough|rough)\b",
    # cheer, not any friendly word ("i just got a puppy!!" -> "Nice to meet you!" is no cheer)
    "feeling_good": r"\b(congrat\w*|great news|(that'?s|sounds|how) (great|lovely|exciting|fun|nice|cool|amazing)|"
                    r"wonderful|awesome|amazing|fantastic|yay|woo+|happy for you|well done|brilliant|exciting|"
                    r"celebrat\w*|good for you|love that|proud|enjoy)\b|🎉|🥳",
    "greeting": r"\b(hi|hello|hey|welcome|morning|evening|afternoon|good to see|nice to (see|meet)|howdy|"
                r"i'?m (fine|good|great|well|doing)|all good|doing (well|fine|great)|thanks for asking|how about you|"
                r"and you)\b",
    "asks_joke": r"\?|knock knock|walks into",
    "request": r"\b(can'?t|cannot|sorry|beyond me|not able|unable|afraid)\b",
    "nature": r"\b(bot|program|human|person|ai|machine|software|code|robot)\b",
    "home": r"\b(server|computer|cloud|internet|live|home|here|everywhere|anywhere|phone)\b",
    "bot_relations": _FIRST_PERSON,
    "life_news": r".",
    "likes": _FIRST_PERSON,
    "favourite": _FIRST_PERSON,
    "this_or_that": r"\b(both|either|neither|tough|pick|choose|prefer|team|i'?d (go|say|take))\b",
    "tips": _FIRST_PERSON,
    "plans": r"\b(my|no|big|any|some) plans?\b|\bi'?(ll|m) (be|going|just)\b|\b(weekend|tonight|tomorrow|holidays?)\b",
    "about_bot": _FIRST_PERSON,
    "weather": r"\b(weather|sun\w*|rain\w*|snow\w*|hot|cold|warm|sky|outside|indoors|umbrella|cos[yi]|storm\w*|"
               r"wind\w*|freez\w*|chill\w*)\b",
    "sigh": r"\b(sorry|oh no|hang in|break|slow|ok(ay)?|everything|what'?s (up|wrong)|sounds|tough|rough|hard|sigh)\b",
    "laughter": r"\b(ha(ha)*|glad|fun|laugh\w*|smile|funny|lol)\b|[😄😂🤣😆]",
    "filler": r"^\W*(😄|😊|🙂|haha|ha|glad|not|right|exactly|indeed|fair|true|ok(ay)?|alright|sure|yes|take your time|"
              r"yeah|whenever|:\)|happy|same|agreed|totally)\b|^\W*😄",
    **MORE_EXPECTED,
}.items()}
# The bot's tastes asked: a reply about something else ("do you like rain?" -> "I can't play sports") is no
# answer, so the reply must name something of the message's own words ("colour" for "color" too: 4-letter stems)
MUST_NAME_THE_TOPIC = frozenset({"likes", "favourite", "this_or_that", "bot_relations", "life_news"})
_TOPIC_STOP = frozenset("""you your ur like love enjoy hate prefer dislike would what whats which does did your favourite
favorite fave the and are really ever even also still more most best good kind any thing things have has had got just
was were this that then today yesterday tonight going today some lot lots very""".split())


def topic_stems(text: str) -> frozenset[str]:
    """The 4-letter stems of ``text``'s content words ("colours" -> "colo")."""
    return frozenset(word[:4] for word in re.findall(r"[a-z]{3,}", text.lower()) if word not in _TOPIC_STOP)


SOCIAL_INTENT_ACTS = {"greet": "greeting", "goodbye": "goodbye", "thanks": "thanks"}   # intent -> its speech act
# what a message is about rather than what it does: no evidence against a greeting, goodbye or thanks the NLU
# reads ("I'm leaving now" is life_news by its words, and still a goodbye)
TOPICS = frozenset({"question", "life_news", "about_mistakes", "about_studies", "about_absence"})
# news that can be a goodbye names the leaving or a time to come ("I'm leaving now"); "had ramen for lunch" cannot
LEAVING = re.compile(r"\b(leav\w*|go(ing)?|head\w*|off|out|gotta|have to|need to|must|now|later|tomorrow|tonight|gtg|"
                     r"g2g|brb|afk|bed|sleep)\b", re.I)
KEYWORD_CHAT = (None, "smalltalk", "out_of_scope", "greet", "goodbye", "thanks")   # keyword intents that ask nothing
# acts that only chat: such a message that names nothing of the course is chit-chat, whatever the NLU reads into it
CHAT_ONLY_ACTS = frozenset({"apology", "compliment", "feeling_bad", "feeling_good", "good_mood", "birthday", "sigh"})
INTENTS_KEPT_FOR_CHAT = frozenset({"smalltalk", "greet", "goodbye", "thanks"})   # these route chit-chat already
QUESTION = re.compile(r"\?|^\W*(do|does|are|is|can|could|what|where|who|how|why|when|will|would|have|r)\b", re.I)


class ReplyAct(NamedTuple):
    """A kind of reply, and the message acts it answers (``only_after``; empty: any) or clashes with."""
    name: str
    pattern: re.Pattern[str]
    only_after: frozenset[str] = frozenset()
    never_after: frozenset[str] = frozenset()


REPLY_ACTS: tuple[ReplyAct, ...] = (
    ReplyAct("greeting", GREETING, frozenset({"greeting"})),
    ReplyAct("goodbye", re.compile(r"\b(bye|goodbye|good night|sweet dreams|sleep well|see you (soon|later|next time|"
                                   r"tomorrow))\b", re.I), frozenset({"goodbye"})),
    ReplyAct("you're welcome", re.compile(r"^\W*(you'?re welcome|happy to help|any ?time|my pleasure|glad (i could|to) "
                                          r"help)\b", re.I), frozenset({"thanks"})),
    ReplyAct("no worries", re.compile(r"^\W*(no (worries|need to apologi[sz]e)|don'?t worry about it)\b", re.I),
             frozenset({"apology", "thanks", "feeling_bad", "frustration"})),
    ReplyAct("sympathy", SYMPATHY, frozenset({"feeling_bad", "frustration", "sigh", "insult"})),
    ReplyAct("thanks", re.compile(r"^\W*(thank you|thanks|aw,? thanks|that'?s (very )?kind)\b", re.I),
             frozenset({"compliment", "goodbye", "feeling_good", "greeting"})),
    ReplyAct("congratulation", re.compile(r"\b(congratulations|congrats|happy for you)\b", re.I),
             frozenset({"feeling_good"})),
    ReplyAct("glad it helped", re.compile(r"\bglad (it|the lesson|i could|that) help|\bglad you enjoyed", re.I),
             frozenset({"thanks", "compliment"})),
    ReplyAct("praise", re.compile(r"\b(well done|fantastic|that'?s real progress|great job|great learner)\b", re.I),
             never_after=frozenset({"feeling_bad", "frustration", "sigh", "insult", "apology", "goodbye", "birthday",
                                  "good_mood"})),
    ReplyAct("good question", GOOD_QUESTION_REPLY, frozenset({"question"})),
    ReplyAct("mistakes are fine", re.compile(r"\b(mistakes are how|no (dumb|silly|stupid) questions)\b", re.I),
             frozenset({"about_mistakes", "frustration"})),
    ReplyAct("welcome back", re.compile(r"\b(welcome back|good to have you back|pick up where you left)\b", re.I),
             frozenset({"about_absence", "greeting"})),
    ReplyAct("study pressure", re.compile(r"\b(cramming|under pressure|exams?)\b", re.I), frozenset({"about_studies"})),
    ReplyAct("joke", re.compile(r"^\W*(why (did|was|do|does|don'?t|is|are)\b.*\?|what do you call\b|knock knock|"
                                r"an? (machine learning|neural network|ml) model walks)", re.I),
             frozenset({"asks_joke", "filler"})),
    ReplyAct("how I am", re.compile(r"^\W*(i'?m (fine|good|great|doing (great|well|fine))|all good here)\b", re.I),
             frozenset({"greeting", "about_bot"})),
    *(ReplyAct(name, re.compile(pattern, re.I), frozenset(after)) for name, pattern, after in MORE_REPLY_KINDS),
)


WORD_MENTIONED = re.compile(r"(?<!\w)[\"“‘'][^\"“”‘’'\n]{1,25}[\"”’'](?!\w)")


def read_acts(text: str) -> frozenset[str]:
    """The speech acts ``text`` performs (MESSAGE_ACTS), and "question"; several at once ("thanks, bye!"),
    none for a plain statement ("I have two cats"). A word in quotes is mentioned, not meant: "how does the network
    know what the word "terrible" means?" had got "I'm sorry to hear that"."""
    text = WORD_MENTIONED.sub(" ", text)
    acts = {act for act, cue in MESSAGE_ACTS.items() if cue.search(text)}
    # "are you happy?", "do you get lonely?": the bot's feelings asked, not the learner's ("how are you? I hate
    # mondays" speaks of the learner too)
    if "about_bot" in acts and not re.search(r"\b(i|i'?m|im|my)\b", text, re.I):
        acts -= {"feeling_good", "feeling_bad", "good_mood"}
    # "I am fine thank you", "Namaste ji 🙏": politeness with a greeting, no thanks for anything
    if re.search(r"\b(fine|good|great|well|ok|okay)\W+(thank you|thanks|thx)\b|\bnamaste\b", text, re.I):
        acts -= {"thanks"}
    if "feeling_bad" in acts:   # "just got fired", "not happy": the bad news is what to answer
        acts -= {"feeling_good", "good_mood"}
    if "this_or_that" in acts:   # "morning person or night owl?", "beach or mountains for a holiday": a choice
        acts -= {"greeting", "feeling_good", "good_mood"}
    if "funny_news" in acts and not re.search(r"\b(scared|afraid|worried|anxious|nervous)\b", text, re.I):
        acts -= {"feeling_bad"}   # "my cat sits on my keyboard 😂": laughed about; "lol. I'm scared of the math": not
    if "laughter" in acts:
        acts -= {"filler"}
    return frozenset(acts | ({"question"} if QUESTION.search(text) else set()))


# between sentences: "0,5 approx. Is it ...?" (a decimal point or comma has no space after it)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
CLAUSE_END = re.compile(r"(?<=[.!?;])\s+")   # a sentence or a clause after ";": the parts around stated sums
# how the tutor is, said back: only where the message asks it ("Salam! Greetings from Cairo. Do you know it is 40 degrees
# here today?" had got "All good here, thanks for asking")
HOW_I_AM_SAID = re.compile(r"\bthanks for asking\b|\ball good (here|on my side)\b|\bmy weights are rested\b|\bi'?m (doing )?(fine|"
                           r"well|good|great)\b", re.I)
# how the tutor is, asked back after the learner's own news or mood ("I just eat a pizza and now I am very happy, and you?")
HOW_I_AM_ASKED_BACK = re.compile(r"\b(i'?m|im|i am|i feel|feeling|i'?ve been|i was)\b.*\b(and|how about|what about) (you|u|yourself)"
                                 r"\s*\?*\W*$|\bhow('?s| is| was) (your|ur) day( going)?\b", re.I)
HOW_I_AM_ASKED = re.compile(r"\bhow('?s| is| are|'re| r| have| has)? (you|u|ya|it going|it goin|things|life|everything|your (day|"
                            r"good ?self|week|morning|evening|night))\b|\bhow (you|u) (doing|been|dey|holding up)\b|\bwhat'?s up\b|\bsup\b|"
                            r"\bhow far\b|\b(you|u) (ok|okay|good|alright|dey|doing ok)\b|\bhru\b|\bhow do you do\b|"
                            r"\b(c[oó]mo est[aá]s|[cç]a va|wie geht|come stai|tudo bem)\b", re.I)


def answers_another_act(acts: frozenset[str], reply: str, message: str = "") -> bool:
    """Whether ``reply`` is a kind of reply (REPLY_ACTS) that does not answer a message performing ``acts``, or
    misses what every act of the message wants (EXPECTED_REPLY; the bot's tastes: naming what ``message`` asks), or
    says how the tutor is where nobody asked."""
    if message and HOW_I_AM_SAID.search(reply) and not HOW_I_AM_ASKED.search(message):
        return True
    return any(kind.pattern.search(reply) and (bool(kind.only_after) and not kind.only_after & acts
                                               or bool(kind.never_after & acts)) for kind in REPLY_ACTS) \
        or misses_the_act(acts, reply, message)


def misses_the_act(acts: frozenset[str], reply: str, message: str) -> bool:
    expected = [act for act in acts if act in EXPECTED_REPLY]
    if not expected:
        return False
    # a feeling, a greeting, ... met is enough ("my cat is sick" -> "I'm sorry to hear that" names no cat)
    only_topical = all(act in MUST_NAME_THE_TOPIC or act == "about_bot" for act in expected)
    if only_topical and acts & MUST_NAME_THE_TOPIC and topic_stems(message) \
            and not topic_stems(message) & topic_stems(reply):
        return True
    return not any(EXPECTED_REPLY[act].search(reply) for act in expected
                   if only_topical or act not in MUST_NAME_THE_TOPIC and act != "about_bot")


# "so E is the data?", "dropout is only used in training, right?": a claim to confirm (only these get a
# knowledge-base answer that starts "Yes" or "Not quite")
# ("so what is R?" is a question: no claim)
ASKS_TO_CONFIRM = re.compile(r"^\W*(?!((wait|ok) )?so\W+(what|why|how|where|which|when|who)\b)"
                             r"((and|but|o+h+|a+h+|hm+|wow|lol|yeah)\W+)?(so|is|are|does|do|did|can|could|would|will|was|were|isn'?t|"
                             r"aren'?t|doesn'?t|wait so|ok so|like|kind of like|sort of like|as in|you mean|meaning)\b|"
                             r"\b(right|correct|true|isn'?t it|no|or not|(please )?confirm|agree)\s*[?!.]*\s*$", re.IGNORECASE)
# "test me on day 2 so I can skip it", "placement test for day 3", "can I test out of day 1?"
PLACEMENT = re.compile(r"\bplacement\b|\btest out of\b|\bso (that )?i can skip\b|\btest me (on|in|about) (the whole |all of )?day\s*\d|"
                       r"\b(test|check)\s+(for\s+|of\s+)?day\s*\d|\bday\s*\d\s+(test|check)\b|"
                       r"\b(test|check|quiz|examine) me\b.*\b(skip|already know|know (it|this|that))\b|"
                       r"\b(skip|already know) (\w+ ){0,2}days?\b.*\b(test|check|quiz|examine) me\b", re.IGNORECASE)
PASS = re.compile(r"\W*(skip|pass|next|no idea|idk|i don'?t know|dunno|no clue)\W*", re.IGNORECASE)
DAY_NUMBER = re.compile(r"\bday\s*\d+\b|\b\d+(st|nd|rd|th)? day\b", re.IGNORECASE)
ASKS_WHAT = re.compile(r"\bwhat( is| are| does|'s)\b", re.IGNORECASE)
# ends a review session (only read with a review question open, where it would otherwise be a wrong answer)
STOP = re.compile(r"\W*(stop|enough|that'?s enough|i'?m done|no more|end (the )?(review|quiz)|stop (the )?(review(ing)?|quiz(zing)?|questions))\W*",
                  re.IGNORECASE)
BARE_NUMBER = re.compile(r"\s*[-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?[.)]?\s*")  # "7", "0,5", "1.2e-1" to options: a slip
# "thanks. how do I get a job in ML?": the courtesy in front is no part of the question the knowledge base reads
LEADING_COURTESY = re.compile(r"^\W*(thanks?( a lot| so much| you)?|thx|ty|cheers|hi+|hello+|hey+)\b[\W_]*",
                              re.IGNORECASE)
# a question of the learner's own, whatever numbers it holds ("why is the derivative a(1-a)?"; "how about 4?" answers)
# (asked indirectly too: "I was wondering if it is okay to study only on weekends.")
ASKS_SOMETHING = re.compile(r"\b(what|whats|why|where|when|which|who|explain)\b|\bhow\b(?!\s+about\b)|"
                            r"\b(i was wondering|i wonder|wondering) (if|whether)\b", re.IGNORECASE)
# a question or a challenge, not a cry for help: "isn't ReLU worse than sigmoid?", "a typo?", "stop telling me ..."
QUESTION_OR_CHALLENGE = re.compile(
    r"\?|^\W*(what|whats|why|how|where|when|which|who|is|isn'?t|are|aren'?t|does|doesn'?t|do|did|can|could|would|"
    r"wouldn'?t|should|will|won'?t)\b|\bstop (telling|saying)\b|\bnot (struggling|stuck)\b|\bchalleng|"
    r"\bnot what i (asked|meant)\b|\byou (didn'?t|did not|don'?t) answer|\byou keep (ignoring|answering)|"
    r"\bignoring me\b",
    re.IGNORECASE)
# "b" to a question that wants a number: an option letter where there are no options, an attempt to read back
LONE_LETTER = re.compile(r"\s*\(?[a-e][.)]?\s*", re.IGNORECASE)
# The keyword fallback: used when there is no NLU, or the NLU is unsure. First match wins.
KEYWORD_INTENTS: list[tuple[str, re.Pattern[str]]] = [
    (intent, re.compile(pattern, re.IGNORECASE)) for intent, pattern in [
        ("goto_day", r"\b(go|jump|skip|move|switch|take me|open)\b.*\b(to|day)\b|^day\s+\w+$"),
        ("quiz", r"\b(quiz|test me|question|exercise)\b"),
        ("progress", r"\b(progress|score|how am i doing|my stats|where i'?ve got to|what i'?ve covered so far)\b"),
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
ASKS_DEFINITION = re.compile(r"\s*((can|could) you |please )?(what('?s| is| are)|define|explain|meaning of|tell me about)\s+"
                             r"(an? |the )?(?P<term>.+?)( to me)?[\s?!.]*", re.IGNORECASE)
# (the hands-on labs' patterns are in tutor/dialogue/lab_cues.py)


def names_a_day(text: str, start: int, end: int) -> bool:
    """A DAY mention that says "day" or its number ("day 4", "the fourth"): "x = 4, 4", "1.8e-1" or "4 px" tagged DAY
    is an answer (a unit's letters had blanked "4 px" and the intent model's "skip" skipped the question)."""
    says_a_day = re.search(r"day|\b(first|second|third|fourth|fifth|last|final|one|two|three|four|five)\b",
                           text[start:end], re.I)
    return bool(says_a_day) or text[:start].rstrip().lower().endswith("day")


# "skip", "skip it", "skip this one", "next question", "pass": skip the open question, whatever the intent model
# makes of the word (a retrained model read "skip" as "no" and gave a hint instead)
SKIP_SAID = re.compile(r"\W*(skip|skip (it|this|that|this one|that one|the question|this question)|next question|"
                       r"pass)\W*", re.IGNORECASE)
# a first sentence (or clause before ";") that thanks, then more: "Thank you, though I'm still not quite clear. Could you
# explain feature maps again in different words?" (the thanks had been taken for the whole message)
THANKS_FIRST = re.compile(r"^[^.!?;]*\b(thanks?|thank you|thx|cheers)\b[^.!?;]*[.!?;]+\s+(?P<rest>\S.*)$",
                          re.IGNORECASE | re.DOTALL)
# a yes, then more: "yeah yeah i know this. quiz me, something with numbers", "yeah but write out the formula" (the
# yes had gone on to the lesson's next step)
YES_FIRST = re.compile(r"^\W*(yes|yeah|yep|yup|ya|sure|ok(ay)?|alright)\b([\s,.!]+(yeah|yes|sure|ok))*[\s,.!]*(but\s+)?"
                       r"(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)
# a no, then a request: "Not satisfactory. Please quiz me on word2vec instead." (it had got "is it one of these?")
NO_FIRST = re.compile(r"^\W*(no|nope|nah|not (satisfactory|helpful|good|what i (asked|meant|wanted)))\b[^.!?]*[.!?]+\s+"
                      r"(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)
# what the rest after thanks may ask that is no more chat
REQUESTS_AFTER_COURTESY = ("repeat", "quiz", "goto_day", "start_lesson", "progress", "help")
# a concept asked for again in other words: its other explanation, not its card again ("Please explain feature maps
# again in other words." had got the card a third time)
ASKS_DIFFERENTLY = re.compile(r"\b(in (other|different|new) words|differently|(another|a different|other) way|rephrase|"
                              r"put (it|that) another way)\b", re.IGNORECASE)
