"""The patterns :mod:`tutor.dialogue.lab_signals` reads a message with: a lab named or ordered, asked about,
run again, its history, the final project."""
from __future__ import annotations

import re

# "lab: logistic regression with learning rate 2", "is there a lab for CNNs?" ("label" is no lab)
LAB_WORD = re.compile(r"\b(hands-on )?labs?\b", re.IGNORECASE)
# "I have to go to a lab soon", "no, my biology lab": a lab that is a room or a class, not one of the tutor's
LAB_PLACE = re.compile(r"\b((to|at|in|from|after|before) (a|my)|(at|in|from) the) (\w+ )?lab\b(?!\s*(=|:|\w+=))|\b(biology|bio|chemistry|chem|"
                       r"physics|science|school|uni|university|research|wet|computer|language|hospital|medical) labs?\b|"
                       r"\blabs? (class|session|report|partner|coat|shift|meeting)s?\b|"
                       r"\b(my|our) lab (at|in) (uni|university|school|work|college|the institute)\b|"   # "my lab at uni all pytorch"
                       r"\b(my|our) (uni|university|research|phd) lab\b", re.IGNORECASE)
# "train the CNN on digits with 5 epochs": an order to train, at the start of the message (not "how do I train")
TRAIN_ORDER = re.compile(r"(^|[.,;!]\s)\W*(please |pls |now |ok,? |okay,? |so |can you |could you |let'?s |let me |i want to |"
                         r"i'?d like to )*(train|run|fit|try)\b", re.IGNORECASE)
# "run it again", "rerun", "same lab again" (only read after a lab ran); "again with seed 3" only with a setting named
LAB_AGAIN = re.compile(r"\b(re-?run|(run|train|do|try) (it|that|the lab|this|the same( lab)?) again|(same|the) lab again|"
                       r"(the )?same lab with)\b",   # "ok now same lab with learning rate 0,01 and 40 epochs"
                       re.IGNORECASE)
AGAIN_WITH = re.compile(r"\bagain,? with\b", re.IGNORECASE)
# "more epochs like 30", "try lr 0.1", "now with dropout 0.5" after a lab: a change of its settings (read only where the
# message names one of the last lab's settings with a value)
LAB_CHANGE = re.compile(r"^\W*((ok|so|now|and|then|pls|please|can you|could you|let'?s)\W+)*(try|run|use|with|what about|how "
                        r"about|more|fewer|less|increase|decrease|set|change|lower|higher|bigger|smaller)\b", re.IGNORECASE)
LAB_HISTORY = re.compile(r"\b(my|past|previous|earlier) (labs|lab runs|runs)\b|\blab history\b", re.IGNORECASE)
# "help me with my final project", "my project", "back to my project"
PROJECT_REQUEST = re.compile(r"\b(help( me)?( with)?|walk me through|work on|back to|continue with|resume|plan|set up|"
                             r"help me plan|where is|where'?s|show( me)?) (my|the|a|this) (final )?project\b|"
                             r"^\W*(my )?(final )?project\W*$|"
                             r"\bproject (helper|planner|wizard)\b", re.IGNORECASE)   # "Is there a project helper?"
# "can I train a real CNN myself?": a question about a lab (described, with "Run it"), not an order to train
# a lab's setting said with a number ("the logistic one but with lr 10 lol lets see if it breaks"): a run asked for
SETTING_SAID = re.compile(r"\b(?:with|using|at)\s+(?:an?\s+)?(?:lr|learning rate|epochs?|degree|filters|dropout|hidden|seed)\s*"
                          r"(?:=|of)?\s*\d|\bwith\s+\d+\s+(?:epochs|filters|hidden units)\b", re.IGNORECASE)
# a choice asked about, not an order: "train lstm from scratch or finetune small gpt? which one" had started the LSTM lab
CHOICE_ASKED = re.compile(r"\bor\b[^.?!]*\?|\bwhich (one|is better|should)\b|\bshould (i|we)\b", re.IGNORECASE)
CAN_I_TRAIN = re.compile(r"^\W*(so |ok,? )?(can|could|may) (i|we) (train|run|try|build|make)\b", re.IGNORECASE)
# "what is the lstm lab about?", "how does the cnn lab work": a question about a lab, not an order to run it
ABOUT_A_LAB = re.compile(r"\?\s*$|^\W*(what|how|which|why|tell me about|explain)\b", re.IGNORECASE)
# "My idea: predict which patients will fall", "for my project I want to classify bird songs": an idea of one's own
OWN_PROJECT_IDEA = re.compile(r"\b(my (own )?(project )?idea( is|:|\s+-)|my (final |own )?project\s*:|(for|in|as) my (final |own )?project,? (i|we) "
                              r"(want|would like|'?d like|plan|am going|'?m going|will)( to)?|my (final |own )?project (is|will "
                              r"be|would be) (to|about|on)|i (want|would like|'?d like) to (do|build|make) a project (to|that|"
                              r"about|on))\s*", re.IGNORECASE)
# "I have 2000 patients with age, medicines ...": the data, said with the idea
DATA_TOLD = re.compile(r"[^.!?]*\b(i|we) (have|got|collected) (about |around |over |nearly |almost )?\d[\d,. ]*\w[^.!?]*",
                       re.IGNORECASE)
# "Task is: for each patient, yes or no ...", "P: recall", "the data: 2000 patients": a part of the project named
PART_SAID = re.compile(r"^\W*((the|my) )?(?P<part>experience|representation|task|performance( measure)?|metric|measure|e|r|t|p|"
                       r"data|features)\s*(?P<how>:|=|\bis\b|\bare\b|\bwill be\b)\s*:?\s*(?P<said>\S.*)", re.IGNORECASE | re.DOTALL)
# "... Is this ok?", "right?": a verdict asked after a part, not part of it
VERDICT_AFTER = re.compile(r"[\s,.;]*\b((is|does) (this|that|it) (ok(ay)?|right|good|fine|correct|make sense|work)|(ok|right|"
                           r"good|correct)\?)\W*$", re.IGNORECASE)
PART_BY_WORD = {"experience": "E", "data": "E", "e": "E", "representation": "R", "features": "R", "r": "R", "task": "T",
                "t": "T", "performance": "P", "performance measure": "P", "metric": "P", "measure": "P", "p": "P"}
# "Is this because of dropout or because of 10 epochs?", "test accuracy compared to the first run", "correct
# conclusion?": two runs of a lab compared (read only where two runs of it are kept)
COMPARES_RUNS = re.compile(r"\b((compared?|relative) (to|with) (the )?(first|last|previous|other|earlier|second) (run|one|lab)|"
                           r"because of (the )?[\w ]{1,25}? or (because of )?(the )?\w+|which (one|change|setting|of (them|the "
                           r"two)) (helped|made (the|a) difference|mattered|did it)|what (helped|made (the|a) difference)|how "
                           r"(do|can|would) i (know|tell|see) which|(correct|right|good) conclusion|conclusion (correct|right)|"
                           r"(is|was) (this|that|it) because of|(first|previous|last|other) run)", re.IGNORECASE)
# "I cannot see the confusion matrix, only file paths", "cant open images on the server": a lab's pictures unseen
PICTURES_UNSEEN = re.compile(r"\b((can'?t|cannot|can not|unable to|don'?t|do not) (see|open|view|load|display) (the |any |your |"
                             r"those |these )?(pictures?|images?|pics?|plots?|graphs?|figures?|png|(confusion )?matrix|charts?|"
                             r"curves?)|only (see )?(the )?(file )?paths?|(pictures?|images?) (don'?t|do not|won'?t) (show|open|load))",
                             re.IGNORECASE)
# a question about the run just made, in its own numbers or words: "training loss goes to 0,03 but validation stays
# ~0,11, is that overfitting or not? ... how do i fix it", "why is my run so slow?"
RUN_ASKED = re.compile(r"\b(train(ing)?|val(idation)?|test)\s+(loss|accuracy|acc|error)\b[^?]*\?|\b(my|the|this|that|last)\s+"
                       r"(run|curves?|training|model)\b[^?]*\b(overfit\w*|underfit\w*|fix|why|faster|slow|better|worse)\b[^?]*\?",
                       re.IGNORECASE)
