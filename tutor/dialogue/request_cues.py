"""The cue words of requests the intent model misreads or leaves unsaid: a lesson asked for in a quiz request
("teach me gradient descent"), numbers asked for, code asked for, the kind of item a quiz request names, and a day
skipped ("skip day 1, go to day 2"). Read by :mod:`tutor.dialogue.signals` and its mixins, like
:mod:`tutor.dialogue.cues`."""
from __future__ import annotations

import re

# words of a quiz request that name no kind of item ("quiz me on the sigmoid derivative please": "deriv" does)
REQUEST_STEMS = frozenset({"quiz", "quest", "pleas", "anoth", "harde", "hardes", "somet", "anyth", "exerc", "probl",
                           "give", "about", "there", "which", "could", "would", "maybe", "stuff",
                           "multi", "choic"})   # "not multiple-choice" names the kind to avoid, not to pick
# a computed item asked for ("a hard numeric question on backprop, not multiple choice"): a generated kind first
WANTS_NUMERIC = re.compile(r"\b(numeric\w*|numbers?|compute|calculat\w*|not (a )?multiple.choice)\b", re.IGNORECASE)
# a lesson asked for, not a quiz ("can you teach me gradient descent now?" read as quiz had got a question)
ASKS_TO_BE_TAUGHT = re.compile(r"\b(teach|learn|walk me through|explain)\b(?!.*\b(quiz|test|question|exercise)\w*\b)",
                               re.IGNORECASE)

# a quiz asked for: the learner is to be asked ("quiz me", "ask me something", "a question on CNNs"); "what questions
# do they ask in ML interviews?", read as a quiz, asks the course
ASKS_TO_BE_QUIZZED = re.compile(r"\b(quiz|test|ask)\s+(me|us)\b|\bquiz|\b(a|an|another|one|some|more|next)\s+"
                                r"(\w+\s+)?(question|exercise|problem|item)s?\b", re.IGNORECASE)

# a quiz asked for in a chatty message: "can we do something easy, like a quiz?", "quiz me", "a quick quiz pls"
QUIZ_ASKED = re.compile(r"\b(quiz|test) (me|us)\b|\b(can|could|shall) we (do|have|try|start) (\w+ ){0,3}(a |an |one )?(\w+ )?quiz|"
                        r"\blike a quiz\b|\b(a|an|one|another) (quick|short|easy|little|small) quiz\b|\b(i want|i'?d like|"
                        r"let'?s do|give me|start) (a |an )?(\w+ )?quiz\b|\b(give|ask) me (a|an|one|another) (\w+ )?"
                        r"(question|exercise)\b|\blet(?:'?s| us) have (a|an|another|one more) (\w+ )?(question|quiz|exercise)\b",
                        re.IGNORECASE)   # "please give me one quick question on Day 1", "Let us have another question"
# a lesson of a day by its number: "Start Day 1, lesson two, please", "day 2 lesson 3", "the second lesson of day 1"
LESSON_NUMBERED = re.compile(r"\blesson\s*(?:no\.?\s*|number\s*)?(?P<n>\d|one|two|three|four|five|six)\b|"
                             r"\bthe\s+(?P<nth>first|second|third|fourth|fifth|sixth)\s+lesson\b", re.IGNORECASE)
# the lesson in hand asked to go on, named ("Please continue with the backpropagation lesson", "ok forget, continue
# the RNN lesson")
CONTINUE_THE_LESSON = re.compile(r"\b(continue|go on|carry on|resume|proceed|get back to|go back to|back to)( with)? "
                                 r"(the|this|that|our|my) ([\w-]+ ){0,3}(lesson|lecture|step)\b", re.IGNORECASE)
# a word's meaning asked, however it goes on ("what does labelled mean in simple words", "what means epoch")
WORD_MEANING_ASKED = re.compile(r"\bwhat (?:does|do|did) (?:the word |the term )?['\"“]?[\w-]+['\"”]? mean\b|\bwhat means\b|"
                                r"\b(?:meaning|definition) of (?:the word )?['\"“]?[\w-]+\b", re.IGNORECASE)
# someone else's quiz ("she will quiz me at breakfast"): no quiz asked of the tutor
QUIZ_BY_SOMEONE_ELSE = re.compile(r"\b(she|he|they|teacher|mom|mum|dad|boss|kids?|daughter|son|wife|husband)\b[^.?!]{0,15}"
                                  r"\b(quiz|test)(es)? (me|us)\b", re.IGNORECASE)

# code asked for ("give me the keras code for a small CNN on MNIST" had got a quiz twice before the code)
ASKS_FOR_CODE = re.compile(r"\b(code|snippet|implementation|script)\b|\b(write|build|implement|make|define|create)\b[^.?!]*"
                           r"\b(in|with|using) keras\b", re.IGNORECASE)
# code asked for the learner's own network, not a remark about code already given ("code has 32 dims & SimpleRNN;
# I asked 64 & LSTM" had rebuilt a network from the complaint's words)
CODE_REQUESTED = re.compile(r"\b(code|snippet|implementation|script)\s*(for\b|:|of\b|please\b|pls\b|\?)|\b(write|give|show|send|"
                            r"need|want|get)\b[^.?!]{0,30}\bcode\b|\bkeras( 3)? code\b|\b(write|build|implement|make|define|"
                            r"create)\b[^.?!]*\b(in|with|using) keras\b", re.IGNORECASE)
# a day named after "skip" is no destination ("skip day 1. go to day 2", "not day 3", "the lesson after day 1")
DAY_GONE_TO = re.compile(r"\b(?:skip|jump|go|move|head|get|take me|straight|on|onto|ahead|return)\s+(?:ahead\s+|on\s+|straight\s+|"
                         r"right\s+|back\s+)?to\s+(?:the\s+)?(day\s*\w+)|"
                         r"\b(?:test|check|quiz|examine)\s+(?:me\s+)?(?:on|in|for|about)\s+(?:the\s+)?(day\s*\w+)|"
                         r"\b(?:start|begin|open|study|do)\s+(?:with\s+)?(?:the\s+)?(day\s*\w+)", re.IGNORECASE)
# "Next lesson. By the way, ... how much of this is still done today?": a step of the course asked in a first sentence
# of its own, before a question (the day the question named had been gone to)
LEADS_WITH_A_STEP = re.compile(r"\W*(?:ok(?:ay)?|right|alright|good|great|cool|got it)?[,!. ]*"
                               r"(?:next(?: lesson| step| one)?|continue(?: the (?:lesson|course))?|go on|carry on|"
                               r"move on|let'?s (?:continue|go on|move on|keep going))(?: please)?\s*[.!;]\s+\S",
                               re.IGNORECASE)
SKIPPED_DAY = re.compile(r"\b(skip|skipping|not|except|after)\s+(the\s+)?day\s*\w+", re.IGNORECASE)

# a question put to the tutor, not a part of the project said with a "?" ("5 GB is a lot for my old laptop, can i use
# just a part of it?" had been saved as the project's data; "the passenger list from kaggle?" is the part)
ASKS_THE_TUTOR = re.compile(r"\b(can|could|should|may|must) (i|we)\b[^.!?]*\?|\bhow (do|can|should|would) (i|we)\b|"
                            r"\bdo (i|we) (need|have to)\b|\bis (it|that|this) (ok|okay|enough|fine|possible|a problem|"
                            r"too (much|big|small|few|many))\b|\bwhat (if|should i|do you (think|suggest|recommend))\b",
                            re.IGNORECASE)

# what a day holds ("i'm a bit sad honestly. what's on for day 5?" had got only the sympathy line)
DAY_PLAN = re.compile(r"\bwhat('?s| is| are| will be)\s+(on|in|planned|happening|covered|about)\s+(for\s+|in\s+|on\s+)?"
                      r"day\s*\d|\bwhat (do|will|did) we (do|learn|cover|see|study) (on|in) day\s*\d|"
                      r"\bday\s*\d\s+(about|plan|topics?|agenda)\b", re.IGNORECASE)

# the course put off till later ("I'll do the lesson after dinner" had started Day 1 at once): ``when`` said back
PUTS_OFF = re.compile(
    r"\b(i'?ll|i will|ill|gonna|going to|i'?m going to|let'?s|we'?ll|we can|maybe|i can|i'?d rather|prefer to|"
    r"plan to)\b[^.?!]{0,40}?\b(?P<when>later( today| tonight| on)?|after (dinner|lunch|breakfast|work|class|school|"
    r"the gym|"
    r"my (shift|run|workout|nap|class|meeting|exam))|tomorrow( morning| evening| night| afternoon)?|tonight|"
    r"this (evening|afternoon|weekend)|next week|on the weekend|at the weekend|in (an hour|a bit|a while|"
    r"a few (hours|minutes|mins)|\d+ (hours?|minutes?|mins?)))\b", re.IGNORECASE)

NOW = re.compile(r"(?<!not )(?<!not right )\b(now|right away|straight away)\b", re.IGNORECASE)   # "not now, later": later
# what is put off must be the studying, said before the time ("I'll tell my friend tomorrow" puts nothing off), unless
# the message is short ("maybe later")
STUDYING = re.compile(r"\b(stud\w*|learn\w*|lessons?|course|seminar|continue|carry on|do (it|this|that|the \w+|some|more)|"
                      r"come back|be back|pick (it|this|that) up|finish|start|practi[cs]e|review|revise|quiz)\b", re.IGNORECASE)

# progress asked inside thanks or chat ("thank you so much, this week was fun 🙏 how far did i get?" had got the
# recommender-systems answer)
PROGRESS_ASKED = re.compile(r"\bhow far (did|have|'?ve) i (get|got|come|gotten)\b|\bmy (progress|score)\b|"
                            r"\bhow (am i|did i|have i been) do(ing)?\b|\bwhere am i (in|at) (the )?(course|seminar)\b|"
                            r"\bwhere (i'?ve|i have) (got|gotten|come) to\b|\bwhat (i'?ve|i have|have i) (covered|done) so far\b|"
                            r"\bwhere (do|should) i (start|pick up|begin) next time\b",
                            re.IGNORECASE)

# the words a request for progress uses: the intent model read "how many push-ups should I do a day" as one
# a score that is not the learner's own: "our NEWS2 score", "the credit score", "its score" (no progress asked)
SOMEONE_ELSE_S_SCORE = re.compile(r"\b(?:our|the|its|their|his|her|a|this|that|[A-Za-z]+\d\w*)\s+(?:\w+\s+)?scores?\b(?!\s+so far)",
                                  re.IGNORECASE)
PROGRESS_WORDS = re.compile(r"\b(progress|score\w*|doing|far|left|finish\w*|done|complet\w*|pass(ed)?|right|wrong|"
                            r"master\w*|learn\w*|stats?|statistics|results?|level|so far|where am i|where (was|were) (i|we)|where did (i|we) "
                            r"(stop|leave off|get to)|got|quiz\w*|"
                            r"questions?|course|seminar|lessons?|concepts?|stud\w*|covered|review\w*|report|status|"
                            r"track|streak|points?|grades?|percent\w*|%)", re.IGNORECASE)

# news of the learner's own ("I learned so much this week"), read as progress: no request in it
OWN_NEWS_NO_REQUEST = re.compile(r"^\W*i('?ve|'?m| have| am)?\b(?!.*(\?|\b(show|see|check|tell|how|what|where|progress|score|"
                                 r"stats|results|report)\b))", re.IGNORECASE)

# words of the course: a message with none of them (and no concept or day) that the NLU is unsure of, reads as help,
# a jump or a concept, is chit-chat ("Signing off for the afternoon, the tomatoes need watering" had got "Did you
# want to...", "gg ez, just hit diamond rank 🎮" the help text, "Memory is not what it used to be" three course topics)
COURSE_WORDS = re.compile(r"\b(lessons?|course|seminar|quiz\w*|exercises?|day \d|labs?|project|review|progress|explain\w*|"
                          r"teach( me)?|deep learning|machine learning|neural|networks?|models?|datasets?|training|python|"
                          r"keras|code|maths?|formula\w*|gradients?|layers?|slides?|step|chapter|topic|learn\w*|runs?|"
                          r"experiments?|stud(y|ying|ied)|revis(e|ing)|motivat\w*|"
                          r"results?|accuracy|loss|epochs?|score|answers?|hint|option)\b|"
                          # the course's notation: "if g(0), wetin e go give?", "h_w(x)", "J(W)", "σ(z)", "dL/dw"
                          r"\b[ghfJσ]\s*\(\s*-?[\dzxWw]|\bh_w\b|\bd[LJ]\s*/\s*d[wbxa]", re.IGNORECASE)
# a question put as one: a question mark, or a question word first
ASKS_OUTRIGHT = re.compile(r"^\W*(what|whats|why|how|where|when|which|who|is|are|do|does|did|can|could|would|should|will)\b",
                           re.IGNORECASE)
# "is batch normalization covered in the course?", "will we learn LSTMs?", "are GANs part of this course?": whether the
# course teaches a topic, a yes or no first (it had got the topic's answer with no word of whether it is taught)
ASKS_IF_COVERED = re.compile(
    r"\b(covered(?! for\b)|taught(?! (you|u|ya)\b)|included|part of (the|this) (course|seminar))\b|\b(does|do|will) (the|this|your) (course|seminar|"
    r"tutor|bot)\b.{0,20}\b(cover|teach|include|have)\b|\b(will|do|are|shall) we (going to |gonna )?(learn|cover|study|"
    r"see|get to)\b|\b(is|are)\b.{1,40}\bin (the|this|your) (course|seminar|syllabus)\b|"
    r"\b(is there|do you have|got) (smth|sth|something|anything|a lesson|stuff|a day) (about|on)\b", re.IGNORECASE)
# "quiz me on receptive fields", "ask me about inception": the topic a quiz is asked on, in the learner's words
QUIZ_ON_TOPIC = re.compile(r"\b(quiz|test|ask|question) me (on|about|with) (?P<topic>(?!(it|this|that|them|these|those|"
                           r"everything|anything|something|all|what|day|the (lesson|last|same|previous))\b)\w.*)",
                           re.IGNORECASE)
# the topic of a quiz asked for, a day named or not: "quiz me on day 1 logistic regression stuff, something harder"
QUIZZED_ON = re.compile(r"\b(?:quiz|test|ask|question)\s+(?:me|us)\s+(?:on|about|with)\s+(?:the\s+)?(?:day\s*\w+\s*)?"
                        r"(?P<topic>[^.,;!?]+)", re.IGNORECASE)
# "summary of day 3", "sum up in 3 bullets", "recap of rnns, exam style": the main points, not the lesson again
# (not "What is the running summary?": a word of the lesson asked about)
SUMMARY_ASKED = re.compile(r"\b((?<!running )summary|summari[sz]e|sum (it |this |that |them )?up|recap|(?<!no )bullet ?points|in (\d|three|five) "
                           r"bullets|tl;?dr|key (points|takeaways)|cheat ?sheet)\b", re.IGNORECASE)
# "sum up in 3 bullet points what I learned", "recap of today": the learner's own session, not a lesson or a day
# "is ok if I go to Day 2 now? or I need finish day 1 first?", "am I ready for day 3?": whether to go on, not a jump
# a day reached, remarked on, not asked about ("day 3 already?? time flies", "Goodness, Day 2 already?")
DAY_REMARKED = re.compile(r"\bday\s*(\d|one|two|three|four|five)( is)?,? already(?=\s*[?!.…]|\s*$|\s*[^\w\s])|\balready (on |at )?day\s*(\d|one|two|three|four|"
                          r"five)\b(?!\s+(lesson|exercise|quiz|\w+ing)\b)|\btime flies\b", re.IGNORECASE)
READY_FOR_DAY = re.compile(r"\b(is it ok(ay)?|is ok|is it fine|can i|could i|should i|may i)\b[^.?!]{0,40}?\b(go|move|start|skip|jump|"
                           r"continue|begin|pass)\b[^.?!]{0,15}?\bday\s*\d[^.!]*\?|\b(need|have|must) (to )?finish (day|the "
                           r"day|it)\b[^.!]*\?|\bready for day\s*\d", re.IGNORECASE)
# "what did we do last time?", "ok but what did we cover last time exactly?", "where were we?": a recap, asked plainly
LAST_TIME = re.compile(r"\bwhat (did|have) (we|i) (do|did|cover|covered|learn|learned|learnt|study|studied|go through)\b"
                       r"(?! (?:in|on|about) (?:day|lesson)\b)|\bwhere were we\b|\bremind me what (we|i)\b", re.IGNORECASE)
OWN_RECAP = re.compile(r"\b(what (i|we)( have|'ve)? (learn(ed|t)|covered|did|done|studied|went through)|today|this session|"
                       r"so far|my (session|progress|learning))\b", re.IGNORECASE)
# "How would it rate: 'The new checkout flow is confusing and slow'", "sentiment of "I loved it"?": the sentiment tool
# asked in words, on the quoted text
SENTIMENT_ASKED = re.compile(r"\b(sentiment|how (would|does|will|do) (it|you|the model|your model|that) (rate|score|read|see|"
                             r"classify|judge|take)|positive or negative|negative or positive|rate (this|the|my) (review|"
                             r"sentence|tweet|comment|text))\b", re.IGNORECASE)
QUOTED = re.compile(r"(?:^|(?<=[\s:(]))[\"“'‘](?P<quote>[^\"“”’]{3,}?)[\"”'’](?!\w)|\b(rate|score|classify|read|say|judge)\b"
                    r"[^:]*:\s*(?![\s\"“'‘])(?P<after>.{3,})$")
# "what were my weak spots?", "what should I review before Day 2?": the concepts practised and not yet mastered
WEAK_SPOTS = re.compile(r"\b(weak (spots?|points?|areas?|topics?)|what should i (review|revise|go over|practi[cs]e|work on)|"
                        r"where am i weak|what (do|did) i (keep getting|get) wrong|what (do|should) i need to (review|revise))\b",
                        re.IGNORECASE)
# "hi there! what can you do?": the tutor's own menu, whatever the greeting around it
ASKS_WHAT_I_DO = re.compile(r"\bwhat (can|do) (you|u) do\b|\bwhat all (can )?(you|u) (can )?do\b|\bwhat are (you|u) (for|able to do)\b|\bhow (does|do) (this|it|you|u) "
                            r"work\b", re.IGNORECASE)
# what a request for help says ("help", "what can you do", "how does this work", "I'm lost")
HELP_WORDS = re.compile(r"\b(help|what (can|do) (you|u) do|how (does|do) (this|it|you|u) work|commands?|options|menu|features|"
                        r"how (to|do i) use|what (do|should) i do|lost|stuck|confus\w*|instructions|guide|where (do|should) i "
                        r"start|how (do|does) (this|it) start|what('?s| is) (this|that)|qu[eé] es esto|was ist das|"
                        r"qu'?est-ce que c'?est)\b",
                        re.IGNORECASE)
# where a jump goes: "skip the RNN stuff and go straight to word2vec" goes to word2vec, not the first concept named
GOES_TO = re.compile(r"\b(?:go|skip|jump|move|head|get|take me|straight|right)\b(?:\s+\w+){0,2}?\s+(?:to|on to|onto)\s+"
                     r"(?P<rest>.+)$", re.IGNORECASE)
# a skip or jump to a topic ("can we skip to where the actual maths starts, like the loss function"), not "get to know"
SKIPS_TO = re.compile(r"\b(?:skip|jump|go|move|head|take me)\b(?:\s+(?:straight|right|ahead|on))?\s+(?:to|on to|onto)\s+"
                      r"(?!day\b)(?P<rest>.+)$", re.IGNORECASE)
# a topic asked for by its name, not by a skip: "can we do the gradient descent part, my friend said its important",
# "gradient descent please" (had got a quiz on it, or only the sympathy for the exam said beside it)
TOPIC_ASKED_BY_NAME = re.compile(r"\b(?:can|could|shall) we (?:do|go through|look at|cover|study) (?:the )?(?P<part>([\w-]+ ){1,4}?)"
                                 r"(?:part|lesson|topic|bit|section|chapter|stuff)\b|"
                                 r"^\W*(?:the\s+)?(?P<named>(?!.*\b(?:quiz|question|exercise|test|hint|answer|example|code|picture|"
                                 r"summary|recap|help|simpler|again|more|next|lesson|day|continue|go on)\b)[\w' -]{3,40}?)\s*,?\s*"
                                 r"(?:please|pls|plz)\W*$", re.IGNORECASE)
# a day asked for from its start, not where the learner left it ("restart day 1", "day 2 from the beginning")
FROM_THE_START = re.compile(r"\b(re-?start\w*|start (it |\w+ )?(over|again)|all over|from (the )?(start|beginning|top|"
                            r"first (lesson|step))|from scratch|at the (start|beginning)|again from)\b", re.IGNORECASE)
# a correction of what the tutor took up ("no i said word2vec not RNN" had got "Sorry, that missed the mark"), said
# first and short ("my mom asked what I'm studying and I said "neurons"" corrects nothing), and the part it sets
# aside ("not RNN", "instead of the RNN stuff")
CORRECTS = re.compile(r"^\W*((lo+l|lmf?a+o+|ha(ha)+h?|hehe\w*|xd)\W*)?((no+|nope|nein|non|wait|sorry|hmm+|excuse me|pardon)\b\W*){0,3}(i (said|meant|mean|asked (for|about)|asked(?= (why|what|how|if|whether)\b)|ask|am asking|wanted|was asking about|"
                      r"was talking about)|not that one|wrong (one|lesson|topic))\b\W*", re.IGNORECASE)
# a first sentence that only sets the last topic aside: "no, not boundary. I ask what is the W with the small T"
SETS_ASIDE_FIRST = re.compile(r"^\W*(?:(?:no+|nope|nah|ok(?:ay)?|so)\W+)?(?:not|forget(?: about)?|never ?mind|leave|drop) "
                              r"(?:the |a |an |about )?[\w' -]{1,30}[.;:!]+\s*$", re.IGNORECASE)   # "ok, forget LSTM."
SET_ASIDE = re.compile(r"\b(not|instead of|rather than)( the| a| an)? [\w-]+( [\w-]+)?( stuff)?", re.IGNORECASE)
# the open question's answer asked for ("i dont want a quiz... just tell me" had got "Let's finish this one first")
ASKS_FOR_THE_ANSWER = re.compile(r"\b(just )?(tell|give|show) me (the )?(answer|solution)\b|\bjust tell me\b|"
                                 r"\bwhat'?s the (right |correct )?answer\b|\bwhat is the (right |correct )?answer\b",
                                 re.IGNORECASE)
# what a jump says ("go to day 3", "skip", "back to the start")
JUMP_WORDS = re.compile(r"\b(go (to (the |day|lesson|topic|chapter|next|previous|\d)|back|on)|jump|skip|move on|switch|"
                        r"take me|open|back to|next|previous|day|start|begin|return)\b", re.IGNORECASE)

# the words around a stated sum that carry no reasoning of their own ("so g(0) = 0,5, right?"); others do ("three
# stacked 3x3 convs see 9x9 since 3·3=9": the sum is right, the conclusion is not, and only the sum was checked)
SUM_FILLERS = frozenset({"right", "correct", "true", "check", "yes", "isnt", "isn't", "that", "this", "then", "okay",
                         "sure", "please", "sigmoid", "relu", "tanh", "sqrt", "equal", "equals", "same", "also", "just",
                         "wrong", "think", "guess", "answer", "gives", "makes", "what", "about", "with"})


def stems(text: str) -> frozenset[str]:
    """The first five letters of the words of five letters or more ("derivative" -> "deriv", "param_count" ->
    "param"): how a quiz request, an exercise's id and kind, and a concept's key are matched."""
    return frozenset(word[:5] for word in re.findall(r"[a-z]{5,}", text.lower()))

# no maths, please ("I'm scared of maths", "explain without formulas", "I'm not a math person"), and maths back
_MATHS = r"(math|maths|mathematics|formulas?|formulae|equations?|calculus|greek letters|derivatives|these letters|the letters|" \
         r"symbols|notation)"
PLAIN_WORDS = re.compile(rf"\btoo (much|many) {_MATHS}\b|\b(no|without( the| any)?|less|skip( the)?|(?<!used to )hate|scared of|afraid of|bad at|terrible at|"
                         rf"not good (at|with)|can'?t do|struggle with|lost (at|with)|anxious about|nervous about) {_MATHS}\b|"
                         rf"\b{_MATHS} (scares?|(is|are) (a bit |a little |way |too |so )?(much|too much|hard|scary|confusing|"
                         rf"difficult|overwhelming)|confuses?|makes? my head|makes? me (anxious|"
                         rf"nervous|panic|scared|freeze))\b|\bnot an? {_MATHS} (person|guy|girl)\b|"
                         rf"\bi (don'?t|do not|never) (get|understand|like) (the )?{_MATHS}\b", re.IGNORECASE)
# an explanation asked for others: "to my pupils", "for my students", "to a 10-year-old"
FOR_SOMEONE_ELSE = re.compile(r"\b(to|for) (my |our |the |a |an )?(\d+[- ]year[- ]olds?|pupils|students|class|kids|children|child|"
                              r"son|daughter|team|colleagues|boss|manager|engineers|grandma|grandpa|parents|teenagers|"
                              r"beginners|audience)\b", re.IGNORECASE)
MATHS_BACK = re.compile(rf"\b(show|give|bring back|put back|switch on|turn on) (me )?(the |all the )?{_MATHS}( back)?\b|"
                        rf"\b{_MATHS} (back|again) on\b|\bwith (the )?{_MATHS} (again|please)\b", re.IGNORECASE)
# a topic the learner says they know, named beside a day to go to: "ja ja, I know logistic regression, let's go day 3"
KNOWN_ALREADY = re.compile(r"\bi (already |kinda |kind of |sort of |do |basically )?know\b|\bi('ve| have) (already )?(done|learned|"
                           r"learnt|seen|covered)\b|\bnot\b", re.IGNORECASE)
KNOWN_CLAUSE = re.compile(rf"(?:{KNOWN_ALREADY.pattern})[^.,;!?]*", re.IGNORECASE)

# the formula of what was just said asked for, without a question: "Yes please teach me, I would like to see the actual
# formula written out" (after the why-not-MSE answer) had gone on to the lesson's next step
FORMULA_ASKED = re.compile(r"\b(see|show|write|give|want|like|need|get|have)\b[^.?!]{0,30}\b(formula|equation)s?\b", re.IGNORECASE)

# a guessed number with a question open ("I have no idea how to do that. is it 0,5?", "maybe 3?"): graded
GUESS = re.compile(r"\b(is it|maybe|perhaps|i (think|guess|'d say|would say)( it'?s| it is)?|could it be|would it be|"
                   r"my (guess|answer) is|what about|how about)\s*\(?[-+]?(\d|[.,]\d)", re.IGNORECASE)

# what comes after a topic ("Happy Friday! What's next after CNNs?", "what comes after backprop?")
WHAT_FOLLOWS = re.compile(r"\bwhat('?s| is| comes| do we do| do we learn)? (next )?after\b|\bwhat('?s| is) next after\b",
                          re.IGNORECASE)
# "ok now I understand, a line cant make a circle. gracias. what is next?": the lesson goes on (the last words ask it)
NEXT_AT_THE_END = re.compile(r"[.!,]\s*(ok(ay)?[, ]+)?(so )?(what('?s| is) next|what now|what comes next|next (step|one)?( please)?|"
                             r"let'?s (go on|continue|move on)|go on|continue)\W*$", re.IGNORECASE)

# an answer, then a question of the learner's own: "3, but why is the bias also learned?"
# "0. (was testing you 😏) how would I write this neuron in keras?": an aside in brackets may follow the answer
LEADING_ANSWER = re.compile(r"^\W*([-+]?\d+(?:[.,]\d+)?|[a-eA-E](?=[,.)]))[,.)]?\s+(?:\([^()]{0,60}\)\s*)?"
                            r"(?:(?:but|and|also|so|ok|because)\W+)?(?=\w)")

# layers and models the layer arithmetic and the code writer do not know: a message naming one is left to the
# knowledge base ("Bidirectional(LSTM(32))" had got LSTM(32)'s count, "BatchNormalization after a conv" a conv's,
# a two-input functional model a one-input Sequential)
_UNKNOWN_LAYERS = (r"bidirectional|conv1d|conv3d|conv2dtranspose|transposed conv\w*|separable\w*|depthwise\w*|"
                   r"timedistributed|concatenate|multi-?head\w*|attention|layer ?norm\w*|transformer|"
                   r"functional (api|model)|(two|2|multiple|several) inputs|multi-?input|keras\.model\(|model\(inputs")
# a 1x1 convolution's count is any convolution's ((1·1·C + 1)·filters); the code writer has no inception block
UNKNOWN_TO_THE_CODE_WRITER = re.compile(rf"\b({_UNKNOWN_LAYERS}|1x1 conv\w*|1×1 conv\w*)", re.IGNORECASE)
UNKNOWN_TO_THE_LAYER_SUMS = re.compile(rf"\b({_UNKNOWN_LAYERS}|batch ?norm\w*)", re.IGNORECASE)

# where a second question starts: after a question mark, or at "and" / "also" before a question word ("what is
# overfitting? and how do I fix it?", "difference between CNN and RNN? also when should I use LSTM?")
QUESTION_BREAK = re.compile(r"(?<=\?)\s+(?:(?:and|also|plus|oh and)\W+)?|[.;]\s+(?:and\s+|also,?\s+)?(?=(?:what|why|how|which|"
                            r"when|where|who|is|are|do|does|can|should)\b)", re.IGNORECASE)
# two short things asked at once: "what is loss and epoch", "ok but what about E and T" (each asked on its own)
TWO_THINGS_ASKED = re.compile(r"^(?P<lead>\W*(?:(?:ok|okay|so|but|and|wait|hmm)\W+)*(?:what(?:'s| is| are| about)|"
                              r"whats|explain|define|and)\s+)(?P<first>(?:[\w'-]+\s+){0,2}[\w'-]+)\s+and\s+"
                              r"(?P<second>(?:[\w'-]+\s+){0,2}[\w'-]+)\W*$", re.IGNORECASE)
# "Like explain it to my mom", "in plain english please?": a part that only says how to explain the question
# before it, no question of its own
MANNER_ONLY = re.compile(r"(\W|\b(like|just|please|pls|and|so|ok|can|could|would|you|u|explain|say|put|tell|describe|it|"
                         r"that|this|again|to|for|me|my|a|an|simply|simpler|in|plain|simple|english|words|terms|i'?m|im|"
                         r"5|five|kid|child|mom|mum|mother|dad|grandma|granny|grandpa|dummies|beginner|non-?technical|"
                         r"person|way|layman'?s?)\b)*", re.IGNORECASE)

# "why?", "ok but why" alone: about what was just said (or "why what?")
BARE_WHY = re.compile(r"\W*((ok|okay|hmm+|wait|so|and|ok so),? )?(but )?(why|why not|how|how come|what do you mean|explain)\W*",
                      re.IGNORECASE)
# a sentence that gives a reason ("because the 1/2 cancels the 2"): an answer to a why-question
GIVES_A_REASON = re.compile(r"\s*(because|since|as|so that|so|to|it|they|the|cause|bc|coz)\b", re.IGNORECASE)
# the quiz stopped before more is said ("no, stop the quiz. what is a gradient?" had got another hint)
STOP_FIRST = re.compile(r"^\W*((no|ok|okay|please)\W+)?((stop|end|quit|exit|leave) (the |this )?(quiz(zing)?|questions?|"
                        r"review)|no (more )?(quiz(zes)?|questions|tests)( please| pls| now)?\b(?! (is|are|was)\b))\b",
                        re.IGNORECASE)   # "No more quizzes please", "No quiz please. I ask about ECG"
# "im bored of quizzes, tell me a fun fact", "i said NO quizzes 😭": the quiz is unwanted, wherever it is said
QUIZ_WEARY = re.compile(r"\b((bored|tired|sick|done|fed up) (of|with) (the |these |your |all (the |these |your )?)?(quiz(zes)?|"
                        r"questions|tests|exercises)|i said no (more )?(quiz(zes)?|questions|tests)|(enough|no more) "
                        r"(quiz(zes)?|questions|tests)\b(?! (is|are|was)\b)|(forget|drop|cancel|ditch) (about )?(the |this |that |your )?"
                        r"quiz(zes)?(?=\W|$))", re.IGNORECASE)   # "forget the quiz pls" (not "skip the question": skipped)
# a yes or a no asked of the answer just given: "is that a yes?", "so thats a yes? 🤔", "so yes or no?", "yes/no?"
YES_OR_NO_BACK = re.compile(r"^\W*(?:so|ok|okay|wait|hm+|bro|but)?[,.]?\s*(?:(?:is\s+)?(?:that|this|it)(?:'?s|\s+is)?\s+a\s+"
                            r"(?:yes|no)|(?:is\s+(?:the\s+answer|it)\s+)?(?:a\s+)?yes\s*(?:or|/)\s*(?:a\s+)?no|"
                            r"(?:the\s+answer\s+is\s+)?(?:yes|no)\s*\?)\W*(?:or\s+(?:no|not|yes))?[\W\s]*$", re.IGNORECASE)
