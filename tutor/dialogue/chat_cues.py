"""More speech acts of everyday chit-chat (merged into :data:`tutor.dialogue.cues.MESSAGE_ACTS`), what a reply to
each must do (merged into ``EXPECTED_REPLY``), and which acts are chat whatever the NLU reads into them.

They were answered by stock lines for other acts: a birthday with "Well done!", a good mood with
"congratulations", "knock knock" with "everyone finds this hard", "what happens after we die?" with the first
lesson, "would you rather ...?" with "I'm a program, no meals, no sleep"."""
from __future__ import annotations

import re

from tutor.dialogue.story_cues import STORY_ACTS

# who the learner is: "my name is Marta", "I am from Brazil" (said back with a hello, tutor.dialogue.echo)
NAME_SAID = re.compile(r"\b(my name is|my name'?s|call me|i'?m called)\s+(?P<name>[^\W\d_]{2,20})\b", re.I)
PLACE_SAID = re.compile(r"\b(i'?m|i am|im) from\s+(?P<place>[^\W\d_]{2,20}(?: [^\W\d_]{2,20})?)(?=\W*$|\W*[,.!?]|"
                        r" and\b)", re.I)
MORE_ACTS: dict[str, re.Pattern[str]] = {
    # sad news told with a wish not to talk about it ("I don't really want to talk about it much, I just wanted
    # someone to know"): no "Do you want to talk about it?"
    "no_talk": re.compile(r"\b(don'?t|do not) (really )?(want|wanna|feel like) (to )?(talk|talking) about it\b|"
                          r"\brather not (talk|say more|go into it)\b|\bjust wanted (someone|somebody|you) to know\b", re.I),
    "birthday": re.compile(r"\b(my|it'?s my|its my) (\w+ )?(birthday|bday|b-day)\b|\bturn(ed|ing)? \d+ today\b|🎂",
                           re.I),
    # a mood, not an achievement ("feeling super happy rn", "in such a good mood"): glad for them, no congratulations
    "good_mood": re.compile(r"\b(happy(?! (new year|holidays?|weekend|easter|christmas|(mon|tues|wednes|thurs|fri|"
                            r"satur|sun|birth)day)\b)|it'?s (finally )?(friday|the weekend)|glad|cheerful|good mood|great mood|(?<!not )(?<!n't )feel(ing)? (so |really |very |super )?(great|"
                            r"good|amazing|awesome|fantastic|happy|motivated|inspired|energi[sz]ed|productive|pumped))\b|[😊😁😄]", re.I),
    "knock_knock": re.compile(r"^\W*knock,? knock\b", re.I),
    # chat asked for itself: "can we just chat for a bit instead of studying?", "let's just talk"
    "just_chat": re.compile(r"\b(can|could|shall) we (just )?(chat|talk)\b|\blet'?s (just )?(chat|talk)\b(?! about (day|"
                            r"lesson|the course))|\b(chat|talk) (for a (bit|while|minute)|instead|about anything)\b|"
                            r"\b(just )?(wanted|want|wanna) to (chat|talk)\b(?! about (day|lesson|the course|backprop))",
                            re.I),
    # the bot asked to imagine: "if you could be any animal...", "where would you travel if..."
    "hypothetical": re.compile(r"\bif (you|u) (could|were|had)\b|\bwould (you|u) rather\b|\b(what|where|who|which) "
                               r"would (you|u) (be|go|pick|choose|travel|visit|take|bring)\b", re.I),
    # big or silly questions of opinion: "do you believe in ghosts?", "is it weird to ...", "is a taco a sandwich?"
    "musing": re.compile(r"\bdo (you|u) (believe in|think (there'?s|there is|we|ghosts|aliens))\b|"
                         r"\bwhat happens (after|when) (we|you|u|people) die\b|\b(meaning of life|afterlife|simulation|"
                         r"came first)\b|^\W*why (do|does|are|is) (\w+ ){1,2}always\b|\bis it (weird|ok|okay|normal|bad|wrong|strange|fine|rude|acceptable) (to|if)\b|"
                         r"^\W*(is|are) (an? )?[\w' ]{2,25} (ok|okay|fine|acceptable|overrated|underrated|an? \w+)\W*\?*\W*$|"
                         # "pineapple on pizza yes or no", "why do we dream", "if a tree falls ..., does it make a sound?"
                         r"\b(yes or no|yay or nay)\W*$|^\W*(is|are) water wet\b|^\W*(can|could|is|are|does) (a |an )?"
                         r"[\w' ]{2,20} (be |count as |belong on )?(a |an )?(sandwich|soup|salad|fruit|vegetable|taco|"
                         r"cake|drink|pie|dessert|pizza)\W*$|^\W*why do (we|people|humans) (dream|sleep|yawn|laugh|cry|sneeze|"
                         r"hiccup|exist|age|fall in love|get bored)\b|^\W*if (a|an|the) [\w' ]{2,60}, (does|do|is|are|"
                         r"would|will|can) \w+", re.I),
}
# chat the responder was never trained for, each with a line of its own that wins over the responder's reply
# (texts.CHAT_BY_ACT, from tutor.dialogue.chat_texts): a riddle asked had got a joke, "how old are you?" and "what do
# you do for fun?" a canned "I'm a program, no meals, no sleep", a new baby in the family news said back unwished
OWN_LINE_ACTS: dict[str, re.Pattern[str]] = {
    "riddle": re.compile(r"\briddles?\b|\bbrain ?teasers?\b", re.I),
    "fun_fact": re.compile(r"\b(fun|random|cool|interesting|weird) facts?\b(?!\s*:)|\bfacts? (about|on)\b|\b(tell|teach) (me|us) "
                           r"something (interesting|cool|new|random|weird)\b|\bsomething i (probably )?(don'?t|do not) "
                           r"know\b|\bdid (you|u) know\b", re.I),
    # the bot's day asked: "how's your day going?", "good day or bad one?", "whats up?", "anything new with you?"
    "bot_day": re.compile(r"\bhow('?s| is| was| has) (your|ur) (day|morning|evening|week|night)\b|\b(having|had) an? (good|"
                          r"nice|great|bad|rough|busy) (day|one)\b|\b(good|bad) (day|one) or\b|\banything new with "
                          r"(you|u)\b|^\W*(what'?s|whats|wass?up|sup) ?(up)?\W*$|\bnot the (standard|usual) answer\b",
                          re.I),
    # a newcomer's hello: "hallo, I'm new here, nice to meet you" (not "how are you": no "all good, thanks for asking")
    "newcomer": re.compile(r"\b(i'?m|i am|im) new (here|to (this|the course|the seminar))\b|\bfirst (time|day) here\b|"
                           r"\bnice to meet (you|u|ya)\b", re.I),
    "wrong_chat": re.compile(r"\bwrong (chat|window|person|number|group|conversation|tab|app)\b", re.I),
    "missed_me": re.compile(r"\b(did|do|have|will) (you|u|ya) (even )?miss(ed)? me\b|\bmissed me\b", re.I),
    "bot_age": re.compile(r"\bhow old (are|r) (you|u)\b|\b(your|ur) age\b|\bwhen were (you|u) (born|made|created|built)\b|"
                          r"\b(you|u) (are|r) (so |very )?(old|young)\b", re.I),
    "bot_hobby": re.compile(r"\b(do|would) (you|u) do for fun\b|\b(your|ur|any|have|got) hobb(y|ies)\b|\b(your|ur) "
                            r"free time\b|\bwhat do (you|u) do when (nobody|no one|no-one|you'?re not|u r not)\b", re.I),
    # a place the learner goes, asked of the bot: "going to Portugal next month, have you ever been?"
    "been_there": re.compile(r"\b(have|ever) (you|u) (ever )?(been|gone|travell?ed) (to|there|anywhere)\b|\bhave (you|u) "
                             r"ever been\b|\b(you|u) ever been\b|\bever been (there|to)\b", re.I),
    # an opinion with a pick asked for: "which is the best X in your opinion?", "what's the best X ever?"
    "best_pick": re.compile(r"\b(which|what)('?s| is| was| are) (the |ur |your )?(best|greatest|worst)\b|\bbest [\w' ]{2,30} "
                            r"(in (your|ur) opinion|of all time)\b", re.I),
    # good news about the family, to be congratulated: "my sister had a baby, now I am an aunt!", "we got engaged"
    "family_joy": re.compile(r"\b(had|got|having|expecting|welcomed) (a|the|our|their|her|his) (new )?(baby|twins|son|"
                             r"daughter)\b|\b(i'?m|im|i am|became|become|becoming|now) (an? )?(aunt|auntie|uncle|"
                             r"godmother|godfather|big (sister|brother)|grand(ma|pa|mother|father|parent))\b|\b(got|"
                             r"getting|get|are|is) (engaged|married)\b|\bnew (baby|nephew|niece)\b|\bpregnant\b", re.I),
    # a bad experience with people: sympathy ("my boss just yelled at me in front of everyone")
    "mistreated": re.compile(r"\b(yelled|shouted|screamed|snapped|swore) at (me|us)\b|\b(made fun of|laughed at|"
                             r"humiliated|insulted|ignored|bullied|blamed) (me|us)\b|\b(got|was|been|being) (bullied|"
                             r"yelled at|shouted at|humiliated|insulted|scolded|ghosted)\b", re.I),
    # the bot's looks asked: it has none ("what do you look like?" had got "no meals, no sleep")
    "bot_looks": re.compile(r"\bwhat do (you|u) look like\b|\bhow do (you|u) look\b|\b(your|ur) (face|looks|appearance)"
                            r"\b|\b(are|r) (you|u) (pretty|cute|handsome|ugly)\b", re.I),
    # the bot's wellbeing asked: "are you ok? you seem quiet today", "hru" (how are you)
    "bot_ok": re.compile(r"\b(are|r) (you|u) (ok|okay|alright|all right|fine|doing (ok|okay|well|alright))\b|^\W*(hru|how r u)"
                         r"\W*$|^\W*(and )?(you|u) (ok|okay|alright|good|fine|doing (ok|okay|alright|well|good))\W*$|"
                         r"\bhow (are|r) things( with (you|u)| going)?\b|\bhow'?s life( treating (you|u))?\b|"
                         r"\bhow (have|'?ve) (you|u) been\b|\bhow'?ve (you|u) been\b|"
                         r"\b(you|u) (seem|look|sound) (quiet|sad|off|down|tired|upset|weird|different)\b", re.I),
    # a film or show the bot is asked to have seen: it watches nothing, but asks what they thought
    "seen_film": re.compile(r"\b(have|did|ever) (you|u) (ever )?(seen|watched|see|watch) (the |that )?(new |latest |last )?"
                            r"[\w' :-]{0,30}\b(movie|film|show|series|episode|season|trailer)\b", re.I),
    # kindness asked for: "say something nice to me", "compliment me", "cheer me up"
    "wants_kindness": re.compile(r"\bsay something (nice|kind|sweet|nice about me)\b|\bcompliment me\b|\bcheer me up\b|"
                                 r"\b(need|want|could use) (a |some )?(little |kind )?(word of encouragement|encouragement|"
                                 r"pep talk|motivation|kind words?)\b|"
                                 r"\bmake me (feel|smile)\b", re.I),
    # the bot's presence asked: "hello, you are there?", "anyone there?"
    "still_there": re.compile(r"\b(are|r) (you|u) (still )?(there|here|awake|online)\b|\b(you|u) (are|r) (still )?(there|here)"
                              r"\W*\?|\b(any ?(one|body)) (there|here)\b|^\W*(you|u) (still )?there\W*$", re.I),
    # the bot's own boredom or tiredness asked: "do you get bored talking to students all day?"
    "bot_state": re.compile(r"\b(do|did|are|r|does|will|would) (you|u) (ever |even |not |never )?(get |feel |getting )?"
                            r"(bored|tired|sleepy|lonely|exhausted|sick of)\b", re.I),
    # the bot's meals asked: "what did you have for lunch? i had ramen" (the responder had answered about pets)
    "bot_meal": re.compile(r"\bwhat (did|do|will|are) (you|u) (have|having|eat|eating|had|ate) for (breakfast|lunch|dinner|"
                           r"supper|brunch)\b|\b(did|have) (you|u) (eat|eaten|had|have) (breakfast|lunch|dinner|yet)\b", re.I),
    # boredom with nothing under way ("sooo bored"): something to do offered, not sympathy (not "do you get bored?")
    "bored_chat": re.compile(r"^(?!.*\b(you|u|ur)\b).*\bbor(ed|ing)\b", re.I),
    # a trip planned, not a goodbye: "going to spain for holidays next week!!", "off to Rome tomorrow"
    # a goodnight, or going to sleep: "good nite 😴", "gonna head to bed, night" (😴 is no sadness there)
    # not said by someone who cannot sleep ("it's 3am here so good night maybe?? can't sleep again")
    "goodnight": re.compile(r"^(?!.*\b(can'?t|cannot|couldn'?t|unable to) sleep\b|.*\binsomnia\b)"
                            r".*\b(good ?ni(ght|te)|g'?night|nighty|night night|nite|(?<!n't )(?<!not )(?<!didnt )sleep (tight|well)|sweet dreams|"
                            r"bed ?time(?! stor)|(go|going|gonna|off|head(ing)?|time|about) (to |for )?(bed|sleep)|"
                            r"(hit|hitting) the (sack|hay)|gn)\b|^\W*night\W*$|, night\W*$", re.I),
    # back again: "hello again, it's me", "I'm back from lunch", "long time no see!" (no introduction for the "new")
    "returning": re.compile(r"\b(i'?m|im|i am|we'?re) back\b|\bback (again|for more)\b|^\W*(just )?back from (my |the |a )?"
                            r"(lunch|work|school|class|holiday|vacation|break|coffee|dinner|gym|trip)\b|"
                            r"\b(hi+|hello+|hey+|heya|hiya) again\b|\bit'?s me( again)?\b|\blong time( no see)?\b|"
                            r"^\W*((i'?m|im|i am) )?here again\b|\bback after\b|^\W*back\W*$", re.I),
    # events the bot cannot know (a match, the news, the weather where it is, its weekend): said so, asked back
    "cant_know": re.compile(r"\b(did|have|do) (you|u) (see|watch|catch|follow|hear)\b.{0,25}\b(game|match|football|"
                            r"soccer|basketball|final|race|news|oscars?|grammys?|elections?|derby|cup)\b|\bwho won\b|"
                            r"\b(going on|happening|happened) in the world\b|\b(the|today'?s) news\b|\belection\b|"
                            r"\bweather\b.{0,12}\b(where (you|u) (are|live)|there|at (yours|your place))\b|"
                            r"\bis it (raining|sunny|snowing|cold|hot|warm|nice) (where (you|u) (are|live)|there)\b|"
                            r"\bhow was (your|ur) (weekend|holiday|vacation|christmas|night|evening|summer)\b|"
                            r"\bwhat did (you|u) do (this|last|on the|over the) (weekend|night|holidays?)\b", re.I),
    # advice asked on something of life ("give me some advice, I can't sleep"): one short, kind suggestion
    "asks_advice": re.compile(r"^(?=.*(\badvice\b|\btips?\b|\bwhat should i do\b|\bhelp me (to )?(sleep|relax|"
                              r"focus|calm)))(?=.*\b(a?sleep\w*|insomnia|stress\w*|anxious|anxiety|nervous|worr\w+|"
                              r"presentation|procrastinat\w*|focus\w*|concentrat\w*|motivat\w*|lonely|friends?|mad at|"
                              r"fight|argument|sad|work|boss|relax\w*|calm)\b)", re.I),
    # a news of one's own that a friend would be sorry about, whatever the sentiment reads ("my friend is mad at me")
    "sad_news": re.compile(r"\b(moving away|mad at me|angry (at|with) me|lonely|left out|lost my|miss (him|her|them|my)|"
                           r"(nobody|no one|no-one) (came|showed up|cares|texts|calls|remembered|likes)|"
                           r"keeps (dropping|crashing|breaking)|(had|got into) a (fight|argument)|got a cold|"
                           r"(have|got|caught) (a|the) (cold|flu|fever))\b", re.I),
    # the learner's own taste: "my favourite food is sushi", "I love rainy days" (no sadness, whatever the sentiment)
    "own_taste": re.compile(r"^(?!.*\b(lesson|course|quiz|seminar|tutor|bot|explanation|you|u|ur|it|this|that)\b)\W*"
                            r"(my (fav(ou?rite)?|fave) [\w ]{2,20} (is|are)|i (really |just |absolutely )?(love|"
                            r"adore|like|enjoy)) [\w' ]{2,30}\W*$", re.I),
    # the bot asked to be a friend, what it is doing, whether it dreams
    "be_friends": re.compile(r"\b(be|become) (my )?(friends?|buddy|bff|bestie)\b|\b(are|r) (we|you|u) (my )?"
                             r"friends?\b", re.I),
    "bot_now": re.compile(r"^\W*(hey |so |and )?(bot,? )?what (are|r) (you|u) (doing|up to)( right now| now| rn| "
                          r"today)?\W*$", re.I),
    "bot_dream": re.compile(r"\b(do|can|did) (you|u) (ever |even )?dream\b", re.I),
    "self_intro": re.compile(f"{NAME_SAID.pattern}|{PLACE_SAID.pattern}", re.I),
    "trip_plans": re.compile(r"^(?!.*\b(bed|sleep|class|school|work|shower|eat|lunch|dinner)\b)\W*((i'?m|im|we'?re|we are|i am|we|i) )?"
                             r"(going|off|heading|flying|fly|driving|travell?ing|leaving) (to|for) [\w' ]{2,30}\b(next|this|tomorrow|"
                             r"tonight|soon|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|for (the |a |my "
                             r"|our )?(holidays?|vacation|trip|week|weekend|summer))\b", re.I),
}
# news told as good ("my cat had kittens!! 5 of them", "I made lasagna for the first time and it was actually
# good", "I got an A"): cheered and said back, whatever the sentiment model reads into it
GOOD_NEWS = re.compile(r"!!|\b(first time|finally|(ran|finished|did|completed|won|got) (my|our|a) first|got an? a\b|aced|praised|promoted|passed(?! out| away)|won|turned out (great|good|"
                       r"well|amazing|perfect|fine)|(it|that|which) was (so |really |actually |super |pretty )?(good|"
                       r"great|amazing|delicious|fun|awesome|perfect|tasty)|had (kittens|puppies|a baby|twins)|so proud|"
                       r"new (puppy|kitten|bike|car|job|house|flat|apartment|phone|laptop)|(just )?for (the )?fun( of it)?|"
                       r"for pleasure|i (really )?(love|enjoy) (it|this|doing it|learning))\b", re.I)
# "can bots be sarcastic or is that just me": a doubt of one's own, no pick between two things
JUST_ME = re.compile(r"\bor (is (it|that)|am i|was (it|that)) just( me| my imagination)\b", re.I)
# leaving said as a condition, not done ("make me laugh or I'm going to bed"): no goodbye, no goodnight
# ... or asked about, not done: "do I have time for a quick lesson or should I just go to bed", "good morning!! or is it
# good night for you" (both had got "Good night! Sleep well")
LEAVING_AS_A_CONDITION = re.compile(r"\bshould i (just )?(go|head) (to )?(bed|sleep)\b|\bgood ?night (for|where) (you|u)\b|"
                                    r"\bbefore (i|we) (go|leave|head off|log off|run)\b|"
                                    r"\b(go|run|leave) in \d+ ?(min|mins|minutes)\b|"
                                    r"\bor (else )?(i'?m|im|i am|i'?ll|i will) (go(ing|nna)? (to )?(bed|sleep|home)|"
                                    r"(heading|off) (to bed|to sleep|home)|leav(e|ing)|out)\b", re.I)
# a question put to the bot about its own feelings ("do you get lonely at night?"): no bad news of the learner's
ASKS_HOW_THE_BOT_FEELS = re.compile(r"^\W*(do|are|can|would|will|did|don'?t|aren'?t) (you|u) (ever |really |even |"
                                    r"sometimes |still )?(get|feel|become|be)? ?(\w+ )?(lonely|sad|bored|tired|"
                                    r"angry|upset|depressed|scared|afraid|stressed|hurt|jealous|sick)\b", re.I)
# a reaction with nothing to react to ("wow", "oh really?", "lol" as a first message): nothing was discussed yet
REACTION = re.compile(r"^\W*((haha\w*|lol|ok(ay)?|oh|ah|hm+)\W+)?(wo+w+|who+a+|woah|oh( really| wow| my (god|gosh)| nice)?|really|seriously|no way|omg+|"
                      r"fr|for real|is that so|interesting|hm+ interesting|huh|lol+|lmao+|haha\w*|hehe\w*|"
                      r"ikr|damn|nice|cool|(ok(ay)?|oh|ah|cool) (cool|nice|wow|ok)|fair enough|makes sense|true|haha true|"
                      r"(that'?s|thats|so) (wild|crazy|insane|deep|nice|cool|funny|interesting|amazing|wild lol)|"
                      r"love (that|it)|wait( what| really)?|bruh+|bet|nah|hm+,? not (convinced|sure)|no kidding|"
                      r"((wait|hm+|huh),? )?what do (you|u) mean( by (that|this))?|what\?+|i (didn'?t|did not) know that(,? interesting)?)\W*$|"
                      r"^\W*((wow|ok|okay),? )?rude|^\W*(that'?s fair|(haha )?(yes|yeah|yep),? (exactly|totally)(,? same)?|same( here)?|no worries)\W*$|"
                      r"^[\W_]*[😮😲🤯😯😱🤔]+[\W_]*$", re.I)
# a nod as the very first message ("k", "👍", "ok 👍"): nodded back, then who the tutor is
NOD = re.compile(r"^\W*(k+|ok(ay)?|okie|alright|sure|👍|👌|🆗)(\W*(👍|👌|🙂))?\W*$", re.I)
# more this-or-that ("mountains or beach, which one", "dogs or cats, which are better"), read with cues.py's
MORE_THIS_OR_THAT = (r"^\W*[\w' -]{2,25}\bor\b[\w' -]{2,25}\W*,? ?(which|what)( one| is| are| do| would|'s)?\b|"
                     # a pick ordered after the two ("Pizza or tacos, you have to pick one", "Star Wars or Star Trek.
                     # Choose wisely.", "Summer or winter, and don't say spring")
                     r"^\W*[\w' -]{2,25}\bor\b[\w' -]{2,25}[,.!]+\s*(and |so |now )?((you )?(have to|must|gotta|need to) )?"
                     r"(pick|choose|decide|chose|don'?t say|no (cheating|fence))\b|"
                     # a pick asked first, more said after it ("pizza or sushi tonight? decide for me")
                     r"^\W*(?![^?]*\b(you|u|your|ur)\b)[\w' -]{2,25}\bor\b(?! (no|not)\b)[\w' -]{2,25}\?|"
                     r"\bwhich (\w+ )?(do|would) (you|u) (like|love|enjoy|prefer) (more|better|most)\b.*\bor\b|"
                     r"\bshould i (get|buy|go with|choose|pick|take|keep|switch to|stick with)\b.{1,50}\bor\b|"
                     r"^\W*(is|are|was) [\w' -]{2,25} (invented|real|fake|good|bad|better|worse|a \w+) or "
                     r"(invented|discovered|real|fake|good|bad|better|worse|an? \w+)\W*$|"
                     r"^\W*((do|would) (you|u) (think|say) |who'?s |who is )?[A-Z]?[\w' -]{2,25} (is|are) (better|greater|"
                     r"cooler|nicer) than [\w' -]{2,25}\W*$")   # "do you think Messi is better than Ronaldo"
# tiredness: the responder's "rest is important" meets it better than sympathy for bad news
TIREDNESS = re.compile(r"\b(tired|sleepy|exhausted|knackered|drained|worn out|fried|wiped( out)?|zombie|brain ?dead|"
                       r"running on empty|(brain|head) (is |= ?|feels )?(full|mush|mashed|fried|melting|jelly|mashed potatoes|"
                       r"soup|porridge|spaghetti))\b", re.I)
# worn out, not just off for a coffee ("brb getting coffee" is a break, "I'm exhausted, long week" needs rest)
WORN_OUT = re.compile(TIREDNESS.pattern + r"|[😴💤🥱]", re.I)
# an excitement with no news said ("I AM SO EXCITED RIGHT NOW"): glad with them, and what's up asked
EXCITED = re.compile(r"\b(excited|hyped|thrilled|pumped|can'?t wait)\b|🤩", re.I)
# a pet's antics ("my cat keeps knocking stuff off the table"): a funny story, not bad news (not a sick or lost pet)
PET_ANTICS = re.compile(r"^(?!.*\b(sick|ill|hurt|died|dead|lost|missing|vet|hospital|injur\w*|bit|attacked)\b).*\bmy "
                        r"(cat|dog|puppy|kitten|parrot|hamster|rabbit|bunny|bird)s? (keeps|always|just|won'?t stop|stole|"
                        r"ate|chewed|knocked|is (sleeping|sitting|lying) on|sleeps on|sat on)\b", re.I)
# told with a laugh ("my cat keeps sitting on my keyboard 😂", "my fingers hurt lol"): a funny story, not bad news
# (not one about the bot, "you talk like a robot lol", nor a laugh with a word or two, "haha fair enough")
FUNNY_NEWS = re.compile(r"^(?!.*\b(you|u|ur|your|you'?re)\b)(?=(.*\b[a-z]{3,}\b){4}).*(\b(lol|lmao+|rofl|haha\w*|hehe\w*|xd)\b|[😂🤣😆])", re.I)
# a reply that already says who the tutor is: no "By the way, I'm tutorbot" after it
INTRODUCED = re.compile(r"\btutorbot\b|\b(i'?m|i am) (a |only a |just a )?(tutor bot|bot tutor|tutor)\b", re.I)
MORE_ACTS |= OWN_LINE_ACTS | {"funny_news": FUNNY_NEWS, "excited": EXCITED, "pet_antics": PET_ANTICS} | STORY_ACTS
# acts whose own line is said, never the responder's reply (a joke asked on a topic gets one on it; "Happy birthday!",
# never "congratulations")
OWN_LINE_FIRST = frozenset({*OWN_LINE_ACTS, "asks_joke", "excited", "good_news", "birthday", "mixed_news", "mishap",
                            "asks_leave", "effort_done"})
MORE_EXPECTED: dict[str, str] = {
    "birthday": r"\bbirthday\b",
    "good_mood": r"\b(glad|love (that|it)|lovely|great to hear|happy to hear|nice|yay|wonderful|awesome|good mood)\b|😊",
    "knock_knock": r"\bwho'?s there\b",
    "just_chat": r"\b(chat|talk|sure|of course|happy to|on your mind)\b",
    "hypothetical": r"\b(i'?d|if i could|i would|i'?ll pick|choose|pick)\b",
    "musing": r"\b(think|opinion|take|question|one|guess|believe|maybe|depends)\b",
    "family_joy": r"\bcongrat",
    "mistreated": r"\b(sorry|awful|not okay|not fair|oh no)\b",
    "funny_news": r"\b(haha\w*|laugh\w*|smile|funny|lol)\b|[😄😂🤣😆]",
    "pet_antics": r"\b(haha\w*|pets?|cats?|dogs?|funny|classic)\b|[😄😂🤣😆😹]",
    "excited": r"\b(what'?s|tell me|glad|love|yay|exciting|energy)\b",
}
# kinds of reply only some acts want (merged into cues.REPLY_ACTS): the course's own comfort ("it's okay to struggle,
# which concept shall we look at again?") answers a learner stuck on it, not "I feel a bit lonely these days"
MORE_REPLY_KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("study comfort", r"\b(which concept|look at (it |that )?again|that'?s how (the )?learning happens)\b",
     ("frustration", "about_studies", "about_mistakes")),
    # the responder's lines for a sum or a task asked ("coffee number four today" had got "Numbers are not my strength",
    # "Amazing movie, j'adore!" "Sorry, that's not my job")
    ("numbers declined", r"\bnumbers are not my strength\b|\bdoes arithmetic with weights\b", ("request",)),
    ("task declined", r"\bthat'?s not my job\b|\bi can'?t do that\b", ("request",)),   # "... do not tell my mum": none
)
# chat whatever the intent model reads into it (it read "what happens after we die" as "start the lesson"): a
# message doing one of these, naming nothing of the course, gets a chit-chat reply
PLAYFUL_ACTS = frozenset({"this_or_that", "likes", "favourite", "knock_knock", "just_chat", "hypothetical", "musing",
                          "birthday", "good_mood", *OWN_LINE_ACTS} - {"self_intro"})   # "hi, I'm from Poland": a hello
# harmless chat: never "Sorry, I can't help with that" (the refusal is for requests the tutor cannot do; "what's the
# weather in Rome?" or "can you text my friend?" ask for one)
HARMLESS_ACTS = PLAYFUL_ACTS | {"greeting", "compliment", "feeling_good", "feeling_bad", "life_news",
                                "nature", "home", "bot_relations", "tips", "plans", "laughter", "apology", "funny_news",
                                "excited", "pet_antics", "mishap", "asks_leave", "effort_done"}
BORED_WORD = re.compile(r"\bbor(ed|ing)\b", re.I)
# moods and topics of the course itself: the course's pep talk may answer them ("I'm stuck", "I failed my exam")
COURSE_MOODS = frozenset({"frustration", "sigh", "about_studies", "about_mistakes", "insult"})
# everyday things done, made or enjoyed: news of them is not bad news because the sentiment model reads it so
EVERYDAY_DOING = re.compile(r"\b(made|cook(ed|ing)|bak(ed|ing)|ate|eating|binge[- ]?watch\w*|watch(ed|ing)|play(ed|ing)|"
                            r"visit(ed|ing)|adopt(ed|ing)|bought|tried|learn(ed|t|ing)|paint(ed|ing)|knit\w*|garden\w*|"
                            r"danc(ed|ing)|sing(ing)?|sang|read(ing)?|hik(ed|ing)|swimming|swam)\b|"
                            r"[🥞🍕🍜🍔🍰🍣🌮🍝☕🍩🍪🥐🎮🎸📚🎨]", re.I)
# the words of a greeting, taken out to see what else a first message says ("hey there, just woke up lol")
GREETING_WORDS = re.compile(r"\b(hi+|hello+|hey+|heya|hiya|yo|there|good ?(morning|afternoon|evening|day)|morning|afternoon|evening|"
                            r"gm|howdy|greetings|hola|bonjour|ciao|namaste|namaskar|salaam|salam|hallo|ol[aá]|oi|hej|ji|sir|"
                            r"madam|"
                            r"tutorbot|bot|teacher|everyone|all|guys|again|it'?s me|lol|haha\w*|long time no see|what'?s up|sup|"
                            r"nice to meet (you|u)|i'?m back)\b", re.I)

# the learner's own claim about what is being taught, to check: "so it's like a pattern detector?", "the labels are
# written by people, right?", "you mean the gradient?" (a "so what ...?" question is no claim)
# "oh ok this is better. so for my bakery, E is old sales...?" starts its claim in a later sentence; "is that like the
# computer making a mistake too?" compares without a "so"
# "so excited, I start my new job monday!!": "so" as an intensifier makes no claim
CLAIM_TO_CHECK = re.compile(r"(^|[.!?]\s+)\W*((ok|okay|wait|oh|hmm),? )?so\b(?!\W+(what|why|how|where|which|when|who)\b)"
                            r"(?!\W+(\w+ly|excited|happy|glad|proud|tired|sad|bored|done|sorry|much|many|cool|fun|good|bad|"
                            r"hungry|sleepy|stressed|nervous|ready|hyped|pumped|annoyed|grateful|thankful|relieved|"
                            r"lucky|close|far|busy|cold|hot|sick)\b)|"
                            r"\b(right|correct|true|yes or no)\s*\W*$|^\W*(you mean|as in)\b|"
                            r"\b(is|are|isn'?t) (that|this|it) (like|basically|kind of|sort of|the same as)\b|"
                            # "... later she fit recognise malaria by herself? is it the same thing?"
                            r"\b(is|isn'?t) (that|this|it) (the )?same( thing)?\W*$", re.IGNORECASE)
# a joke or a fun fact asked for, about anything ("tell me a joke about neural networks" had got the neural
# network's glossary card); "my loss curve looks funny" is no request for one
ASKS_FOR_FUN = re.compile(r"\b(tell|know|got|have|give|share)\b.*\b(jokes?|puns?|fun facts?)\b|\bmake me laugh\b", re.I)
# the course asked for inside chat ("haha good one. ok continue lesson", "ok lets start, but explain slow"): the
# request is acted on, never swallowed by a small-talk topic's line
ASKS_FOR_THE_COURSE = re.compile(r"\b(let'?s|lets) (start|begin|continue|go on|learn|do|study|look at|move (on )?to|go to|"
                                 r"switch to)\b|^[\W_]*(let'?s|lets) go+[\W_]*$|\b(continue|resume|start|begin|"
                                 r"go on with) (the |my |with (the )?)?(lesson|course|seminar|day \d|learning)\b|"
                                 r"\b(i want to|i wanna|wanna|ready to|can we|i'?d like to) (start|begin|continue|learn)\b"
                                 r"(?!\s+(?!learning\b|studying\b)\w+ing\b)|"   # "I want to start drinking more water"
                                 r"\bnext (lesson|step|question|day)\b|"
                                 r"\b(can|could|shall) we (do|start|begin|try|go to|move (on )?to|have) (day \d|the (next )?lesson|"
                                 r"the course)\b|\b(start|do|begin|go to|on to) day \d\b|\b(a|one|just one) (short|quick|small|little|"
                                 r"easy) lesson\b|\bready (to|for) (tackle|dive into|get into|work on|hit|try|more|the next|another)\b|"
                                 # "lets go back to the neuron lesson in day 2", "no, day 2 please"
                                 r"\b(go|get|take me|jump|skip|move|head)( right| straight)? (back )?to\b[^.?!]{0,40}\b(lesson|"
                                 r"day \d|course|topic|chapter)\b|\bday \d+,? (please|pls)\b|"
                                 # "good morning! ready when you are", "you're so smart wow, ok next part please"
                                 r"\bready when you are\b|\bwe can (start|begin)\b|\b(start|begin),? (please|pls|plz)\b|"
                                 r"\bnext (part|bit|section|one)\W*(please|pls|plz)\b|"
                                 r"\b(let'?s|lets) at least (do|start|try|get)\b",
                                 re.I)

# a word of finding the course hard, beside the acts "frustration", "sigh", "feeling_bad": encouragement is for
# these only ("skip the basics, I'm a backend dev" or "the e in 1/(1+e^-z)", read as negative, had got "Don't
# worry - everyone finds this hard")
STRUGGLE = re.compile(r"\b(hard|difficult|tough|impossible|complicated|confusing|overwhelm\w*|too much|not for me|"
                      r"can'?t do (this|it)|hate (this|it|math\w*)|give up|giving up|stupid|dumb|bad at|no idea what|"
                      r"(makes|make) no sense|(doesn'?t|does not) make sense|(head|brain) hurts|scared|afraid|worried|"
                      r"understand (nothing|none)|(can'?t|cannot|don'?t|do not) understand|no clue|clueless)\b|"
                      r"[\U0001F629\U0001F62B\U0001F62D\U0001F622\U0001F61E\u2639\U0001F641\U0001F623\U0001F616\U0001F630"
                      r"\U0001F625\U0001F613\U0001F614]", re.I)
# ... unless denied or asked for: "I'm not worried", "give me a hard question", "you are frustrating me" (the bot's
# miss, not the learner's struggle)
NOT_STRUGGLING = re.compile(r"\bunderstand (this|the|that) (word|term|expression|phrase)\b|"
                            r"\b(not|isn'?t|wasn'?t|never|no)\s+(that |so |too |really |very )?(hard|difficult|tough|"
                            r"worried|stuck|confus\w*|struggling|complicated|scared|afraid)\b|"
                            r"\bhard(er|est)?\s+(\w+\s+){0,2}(one|question|quiz|exercise|item|problem)s?\b|\bhardest\b|"
                            r"\b(question|quiz|exercise|problem)s?\b.*\bhard\b|"   # "numeric question: conv shapes. Hard."
                            r"\byou('?re| are)?\s+(so |really |a bit )?(frustrating|confusing|annoying)\b|"
                            # the model is stuck, not the learner: "my CNN ... loss is stuck at 2.3"
                            r"\b(loss|accuracy|acc|training|model|network|net|cnn|rnn|lstm|validation)\b[\w ]{0,12}\bstuck\b", re.I)
# what a short message does that no free-text answer does: thanks, praise, a greeting, a sigh ("ok whatever")
SOCIAL_ACTS = frozenset({"thanks", "compliment", "insult", "goodbye", "greeting", "filler", "sigh", "apology",
                         "laughter", "about_bot"})
# the learner says the bot missed what they asked ("I asked about the rules, not about pixels", "you didnt say",
# "that's just a definition"): an apology first, never a pep talk
# "you repeated yourself", "you already said that", "same answer again": the same words twice, another way wanted
SAID_ALREADY = re.compile(r"\byou (just |already )?(said|told me|wrote|sent|gave me) (that|this|it|the same)( \w+)? "
                          r"(already|before|again|twice)\b|\b(you('?re| are) )?repeat(ed|ing)? yourself\b|"
                          r"\b(same|identical) (answer|text|thing|paragraph|explanation|reply) (again|twice|as before)\b|"
                          r"\byou already said (that|this|it)\b|\b(that'?s|thats|it'?s|its) the same (thing|answer|text)( (u|you) "
                          r"(said|wrote|gave))?\b", re.I)
BLAMES_THE_BOT = re.compile(r"\b(not|isn'?t) (what|my) (i )?(asked|question|meant)\b|\bi (asked|was asking) (about|for)\b|"
                            r"\bwhy (didn'?t|did not|don'?t) you (tell|say|answer)\b|\byou keep ignoring\b|"
                            r"\bignor(e|ed|ing) what i (said|wrote|asked|typed)\b|"
                            r"\byou (didn'?t|did not|don'?t|never) (say|answer|listen|read|get it)\b|"
                            r"\b(that'?s|thats|this is) (just )?(a definition|not (it|what i|my))\b|"
                            r"\byou('?re| are)? (so |really |a bit )?(frustrating|not listening|ignoring)\b|"
                            r"(?<!gave you the )(?<!gave the )(?<!my )\bwrong (topic|answer|card)\b(?! on purpose)|" + SAID_ALREADY.pattern, re.I)
# the learner's own words told back to them as missing: "I literally said x3 lol. ok weiter" (after "one more key idea:
# colour images have three channels") had got "Ha, classic! That's a very human day"
OWN_WORDS_MISSED = re.compile(r"\bi (literally|already|just|did|clearly|actually|even) "
                              r"(said|wrote|typed|mentioned|told you|put)\b|\bthat'?s (exactly |literally )?what i (just )?(said|wrote)\b|\bi said (that|it) "
                              r"(already|before|above)\b|\bi already did\b", re.IGNORECASE)
# a message's first clause ("that's not what I meant;", "you didn't answer."), to read the question after a complaint
LEADING_CLAUSE = re.compile(r"^[^.;:!?…]*[.;:!?…]+\s*")
# a chat line that invites the learner to say more ("That's a good one! Tell me more."): no "shall we get back to
# the course?" after it (the two contradict each other)
INVITES_MORE = re.compile(r"\b(tell me more|do tell|i'?d love to hear|go on)\b[.!]?\s*$", re.IGNORECASE)
# a reply that owns up already: no second apology in front of it
APOLOGY = re.compile(r"\W*(sorry|my mistake|my bad|oops|apologies|you'?re right, that)", re.IGNORECASE)
# thanks said and a reply's sympathy, read by cues.MESSAGE_ACTS and cues.REPLY_ACTS
THANKS = re.compile(r"\b(thanks?|thank (you|u)|thx|ty|tysm|cheers|appreciate(d)?|merci|danke|gracias)\b|🙏", re.I)
# praise of the tutor ("you're honestly a better teacher than my uni profs"): thanked, not taken for news
COMPLIMENT = re.compile(
    r"\b((you('re| are| r)?|ur|youre|u r) (so |pretty |really |very |kinda |such |the |actually |quite |super |truly |"
    r"honestly |always |just |literally |too |genuinely |kind of |sort of |most |the most )*(a |an )?(smart|great|good|clever|awesome|amazing|"
    r"the best|best|helpful|cool|funny|hilarious|nice|sweet|cute|brilliant|genius|legend|star|wonderful|fantastic|"
    r"lovely|kind|patient|adorable)|"
    r"(love|like|adore) (you|u|ya|this bot|talking to (you|u))|(good|nice|great|smart|clever) (bot|tutor|teacher)|"
    r"(best|nicest|kindest|sweetest|coolest|smartest|funniest|most helpful) (tutor|bot|teacher|ai)|great job|well done|you explain (things |it |stuff )?(really |so |very |super )?(well|clearly|nicely|great)|\bW (bot|tutor)\b|\b(you|u|this|it|that) slaps?\b|"
    r"great explanation|you rock|(you'?ve|you have) been (so |very |really |super |incredibly |nothing but )?(polite|kind|"
    r"clear|helpful|patient|nice|great|lovely|amazing|wonderful)|(love|like|adore) (the way|how) (you|u) (explain|teach)\w*|(you|u) (really |actually |honestly )?helped me (a lot|so much|loads)|"
    r"(you'?re|ur|u r|youre|you are) (kinda |so |lowkey |honestly )?(goated|the goat|fire|based)|"
    r"\bgoated\b|(you'?re|you are|youre|ur|u r) (\w+ ){0,2}(smarter|funnier|better|nicer|cooler|kinder) (\w+ )?than|"
    r"the way (you|u) (explain|teach)\w* (things |it |stuff )?(is|are) (\w+ )?(clear|great|good|amazing|awesome|brilliant|"
    r"excellent|perfect)|recommend(ing)? (you|u|this bot|tutorbot) to|(your|ur) (explanations?|lessons?|answers?|teaching) "
    r"(are|is) (\w+ )?(clear\w*|great|good|better|amazing|helpful|excellent|brilliant|fun)|"
    r"(you'?re|youre|you are|ur|u r) (actually |pretty |kinda |not )?(alright|all right|not bad)(?! \?))\b|[❤💕💖😍🥰😘]", re.I)
SYMPATHY = re.compile(r"\b(sorry (about|to hear|you'?re)|be kind to yourself|that sounds (hard|tough|rough|like a lot)|"
                      r"i'?m here (whenever|for you)|hang in there|don'?t give up|take a break|get well|oh no|"
                      r"you'?re not stupid|it'?s okay to struggle|everyone finds this hard|take a breath|(that is|that'?s|such|what) "
                      r"(hard|sad|terrible|awful) news|i'?m (really |so |very )?sorry(?! (to bother|for (the|my) (delay|"
                      r"confusion|mistake)|,? (i|that) (didn'?t|missed|misread))))\b", re.I)
# news of the learner's own test ("passed my driving test but failed my stats quiz"): no quiz asked for
OWN_TEST_NEWS = re.compile(r"\b(passed|failed|aced|flunked|bombed|nailed|got an? [a-f][+-]? on|"
                           r"got (an? )?\d+ ?(/ ?\d+|out of \d+|%) (on|in)|did (well|badly|bad|"
                           r"great|terribly) (on|in)) (my|the|a|our|this|that|today'?s) ([\w-]+ ){0,2}(quiz|test|exam|"
                           r"midterm|final)\b", re.I)
# a joke really asked for ("tell me something funny"), not "funny" said of the bot ("you're kind of funny for a bot")
JOKE_ASKED = re.compile(r"\b(jokes?|riddles?|puns?|make me laugh|tell me|fun fact|something funny)\b", re.I)
# sarcasm, whatever the sentiment: "thanks for nothing", "Wow, thanks for that super helpful answer 🙃"
THANKS_FOR_NOTHING = re.compile(r"\bthanks? (a lot |so much )?for nothing\b|"
                                r"\b(thanks?|thank (you|u))\b.{0,80}(🙃|🙄)", re.I)
# a joke asked for in so many words, whatever news comes with it ("The train is late ... Maybe you can tell me a joke?")
JOKE_REQUEST = re.compile(r"\b(tell|give|got|have|know|share) (me |us )?(a|another|one|any|some) (\w+ )?(joke|pun|riddle)s?\b|"
                          r"\bmake me laugh\b", re.I)
# a bad feeling or bad news of the learner's ("so tired", "just got fired", "didn't sleep well"): cues.MESSAGE_ACTS
FEELING_BAD = re.compile(
    r"\b(tired|sleepy|exhausted|drained|worn out|knackered|bored|boring|stress(ed)?|anxious|nervous|worried|"
    r"grumpy|cranky|moody|irritable|salty|fried|brain ?dead|(brain|head) (is |= ?|feels )?(full|mush|mashed|fried|"
    r"melting|jelly|soup|porridge)|"
    r"disappointed|disappointing|gutted|bummed|let ?down|not (feeling )?motivated|unmotivated|no motivation|"
    r"discouraged|demotivated|disheartened|hopeless|(too )?old (and too slow )?for this|feel(ing)? (so |really )?(down|low)|"
    r"(i'?m|im|i am) (so )?done\W*$|so done|(didn'?t|did not|couldn'?t) sleep|slept (badly|poorly)|"
    r"overwhelmed|burn(t|ed) out|burnout|panick?ing|freaking out|scared|afraid|terrified|sick|ill|unwell|fever|flu|a cold|headache|hurts?|"
    r"sad|(feel\w*|i'?m|im|i am|so|a bit|kinda|really) down|depressed|lonely|alone|(upset|angry|annoyed|furious)(?! (customers?|clients?|users?|callers?|people|reviews?|tweets?|e-?mails?|messages?|comments?|tickets?|tone))|feel(ing)? (so )?empty|not (my|a|the) (best|greatest|good|great) (day|week)|homesick|heartbroken|crying|cried|bad day|worst|awful|terrible|horrible|"
    r"died|passed away|lost (all )?(my|our)|fired|laid off|broke up|dumped|left me|failed|rejected|bad news|"
    r"got an? [def]\b|(feel|feeling|felt) (\w+ )?(useless|stupid|worthless|dumb)|won'?t converge|🙃|"
    r"rough (day|week)|long (day|week)|(bad|foul|grumpy|awful|terrible) mood|(in|to|into) (the )?hospital|surgery|accident|funeral|injur\w*|broke|broken|stolen|crashed|"
    r"tough (day|week)|can'?t sleep|insomnia|"
    r"(life|it|things|everything)('s| is| has been) (just )?(a lot|too much)( right now| lately| rn| atm| these days)?|not in the mood|don'?t feel like|hate myself|i suck|i hate(?! (you|u)\b)|"
    r"(i'?m|im|i am|i feel|feel) (so |such |really |just |a bit |kinda )?(an? )?(stupid|dumb|idiot|loser|failure|hopeless|"
    r"useless)|"
    r"not (ok|okay|good|well|happy|great|fine|feeling it))\b|[😢😭😴😞😔💔]", re.I)
# "... but ok. thanks, bye!", "ok thanks, goodbye, I continue tomorrow": the message ends by taking leave
ENDS_WITH_GOODBYE = re.compile(r"\b(bye+|bye bye|good ?bye|good night|nighty night|see (you|ya|u)( (later|soon|tomorrow|next "
                               r"(time|week)|then))?|cya|ciao|ttyl|talk (to you )?(later|tomorrow)|(i'?ll |i )?continue "
                               r"tomorrow)\W*$", re.IGNORECASE)
# "i asked rnn vs transformer not cnn vs rnn 🙄 whatever, skip to day 4": the message ends by going to a day
ENDS_WITH_A_JUMP = re.compile(r"(^|[.!,;]\s*|\b(whatever|ok(ay)?|anyway|so|just|fine|then)\W+)(pls |please |can we |let'?s "
                              r"|lets |i want to |just )?(skip|jump|go|move|head|take me)( straight| ahead| right)?( on)? to "
                              r"(the )?day\s*\w+(,?\s*[a-z]+(\s[a-z]+)?)?( (please|pls|plz|now|then))?\W*$", re.IGNORECASE)   # "..., CNNs!!"
# "... cool. ok continue the course", "got it, next": the message ends by asking to go on
ENDS_WITH_GO_ON = re.compile(r"(^|[.!,;]\s*|\b(ok(ay)?|cool|got it|thanks|alright|anyway|so|very well)\W+)(please |pls |let'?s |let us )?(continue|go on|carry on|"
                             r"keep going|move on|next)( (the|with the|to the) (course|lesson|next (step|lesson)))?( (please|pls|now))?"
                             r"\W*$", re.IGNORECASE)
