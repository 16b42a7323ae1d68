"""What a learner's news or small request tells beyond its words (merged into the speech acts by
:mod:`tutor.dialogue.chat_cues`): a small mishap told deadpan, leave asked for a break, work got done, news worth a
congratulation. Each answered by a line of its own (``chat_texts.FIRST_CHAT_BY_ACT``), found in a blind set where the
tiny responder and the general lines had answered them off ("Today I burned toast. Twice. Same slice." had got
"That sounds hard. Do you want to talk about it?")."""
from __future__ import annotations

import re

# a small mishap told deadpan, with no laugh in it ("Today I burned toast. Twice. Same slice.", "Wore two different
# shoes to work. Fashion icon.", "my bus driver waved at me while driving past my stop. thx buddy"): laughed with, not
# pitied, congratulated or declined; told of the learner, nothing grave in it, and a punchline, a mock or a wry emoji
SERIOUS = (r"\b(die[ds]?|dead|death|funeral|passed away|hospital|cancer|sick|ill|injur\w*|fired|laid off|"
           r"lost (my|our) job|divorce\w*|broke up|dumped|accident|depress\w*|anxi\w*|panic|lonely|"
           r"cr(y|ied|ying)(?! (lol|haha\w*|of joy|happy tears))|"
           r"scared|afraid|worried|fail(ed|ing)?|stress\w*|exams?|deadline|rent|debt|ugh+|so done|annoying|"
           r"not fun)\b|[😭😩😢😞😔]")
# good news, a goodbye, a request or a question to the bot: answered as such, even told with a wink
NOT_A_MISHAP = (r"\b(passed|won|promot\w*|got (the|a|my) (job|offer)|accepted|engaged|graduat\w*|proud|congrat\w*|"
                r"bye|good ?night|logging off|off to bed|take care|missed you|tell me|give me|can (you|u)|could you|"
                r"would you|write|rate|help me|(want|wanna) (to )?(chat|talk))\b|!!")
# told of the learner: "I", "my", or a diary-style sentence that starts with what was done ("Wore two different shoes")
TOLD_OF_ONESELF = (r"\b(i|i'?m|my|me|myself)\b|^\W*(\w+ed|wore|got|went|had|made|took|ate|fell|forgot|lost|spent|"
                   r"found|broke|left|ran|came|woke|slept|overslept|sent|bought|spilled|spilt|burnt)\b")
# something that happened: a verb in the past ("I am on the balcony with tea. The birds are loud. I like it." is none)
HAPPENED = (r"\b(\w{3,}ed|wore|got|went|had|made|took|ate|fell|forgot|lost|spent|found|broke|left|ran|came|woke|"
            r"slept|sent|bought|spilt|burnt|said|told|did|was|were|saw|thought)\b")
# the punchline: a long sentence about what happened, then a short one that is no greeting ("Twice.", "For now.")
PUNCHLINE = (rf"(?=.*{HAPPENED})\w[^.!?]{{12,}}\.+\s+(?!(hi|hello|hey|thanks|thank you|ok|okay)\W*$|"
             r"(is|are|am|do|does|can|what|why|how|should)\b)\w+(\s+\w+){0,2}[.!]*\s*$")
# a mock or a wry word, a trivial mishap named, or an emoji of it (not 😅: "so I will be a little distracted 😅")
WRY = (r"\b(great start|thanks? (a lot|buddy|for nothing)|thx buddy|love that for me|just great|classic|nailed it|"
       r"kill me|send help|as one does|story of my life|like a true \w+|fashion icon|10/10|not complaining|"
       r"apparently|for now|as an adult|adulting|oops|whoops|facepalm|go me|genius|locked (myself|me) out|overslept|"
       r"spill(ed|t)|tripped|burn(ed|t) (the |my )?(toast|rice|pasta|eggs|dinner|lunch|breakfast|cookies|pancakes)|"
       r"lost my (keys|glasses|phone|wallet|umbrella))\b|(?-i:\bAGAIN\b)|\btwice\.|[🙃🤦🫠🙈💀😬]")
MISHAP = re.compile(rf"^(?!.*({SERIOUS}))(?!.*({NOT_A_MISHAP}))(?!.*\?\s*$)(?=.*({TOLD_OF_ONESELF}))"
                    rf"(?=(.*\b[a-z]{{3,}}\b){{4}}).*({PUNCHLINE}|{WRY})", re.I)
# leave asked for a break, a rest or a day off, or forgiveness for one ("Is it ok if I just chill today and come back
# tomorrow?" had got "Ooh, a big one! People have argued about that for ages"): a yes, the progress kept
ASKS_LEAVE = re.compile(r"\b(is it (ok|okay|alright|fine|bad)|would it be (ok|okay|bad)|can (i|we)|could (i|we)|may i|"
                        r"mind if i|do you mind if i)\b[^?.!]{0,40}\b(break|rest|chill|pause|skip\w*|day off|nap|"
                        r"stop (for|here)|come back (later|tomorrow)|continue (later|tomorrow)|call it a day)\b|"
                        r"\b(do|will|can) (you|u) forgive me\b|\bforgive me\b.{0,40}\b(skip\w*|missed|break|lazy)\b",
                        re.I)
# news that deserves a congratulation whatever else the message asks ("Ran my first 5k today... Should I sign up for a
# 10k?"), nothing grave beside it
CONGRATULATE = re.compile(rf"^(?!.*({SERIOUS}))(?=.*\b(got (a|the|my) (promotion|job|offer|raise)|(got|been) promoted|"
                          r"passed(?! out| away)|aced|won|graduated|got engaged|(ran|finished|completed|did) (my|a) "
                          r"first)\b)", re.I)
CONGRATULATED = re.compile(r"\bcongrat", re.I)   # a line that congratulates already
# work the learner got done ("just finished my homework, reward time 🍫", "I studied for 2 hours straight, do I get a
# medal"): praised, not "Thanks for telling me"; done by them ("my cat just walked across the keyboard and submitted my
# homework" is no effort of theirs)
EFFORT_DONE = re.compile(r"(?:^\W*|\b(?:i|i'?ve|ive|i have|we)\s+|\b(?:just|finally)\s+)"
                         r"(finished|done with|did|completed|submitted|handed in|wrapped up) (all )?(my|the|our) "
                         r"(homework|assignments?|coursework|revision|reading|essay|report|studying|exercises|thesis|"
                         r"chapter)\b|\b(studied|revised|coded|practi[cs]ed|worked) (for )?(\d+|two|three|four|five|"
                         r"six) (hours?|hrs?)\b|\b(\d+|two|three|four) hours? (of )?(studying|study|revision|coding|"
                         r"practice)\b", re.I)
# acts answered before any small-talk topic the message touches ("... binge-watching a series. Do you forgive me?" had
# got the topic's film tip)
ACTS_BEFORE_TOPICS = ("asks_leave",)
STORY_ACTS = {"mishap": MISHAP, "asks_leave": ASKS_LEAVE, "effort_done": EFFORT_DONE}
# a task asked of the bot in the imperative ("write me an email to my landlord", "book a table for two"): no news
TASK_ASKED = re.compile(r"^\W*(please |pls |can you |could you |would you |can u )?(tell|give|show|write|make|find|"
                        r"book|order|send|call|translate|help|play|search|buy|get me|set|remind|recommend|suggest|"
                        r"plan)\b", re.I)
TOLD = re.compile(TOLD_OF_ONESELF, re.I)   # news of the learner's own ("omg the cafe guy spelled my name "Clowie"")
TAKEN_BACK = re.compile(r"\b(just kidding|jk|kidding|not really|joking)\b", re.I)   # "I'm giving up. Just kidding."
