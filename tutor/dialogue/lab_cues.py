"""The patterns :mod:`tutor.dialogue.lab_signals` reads a message with: a lab named or ordered, asked about,
run again, its history, the final project."""
from __future__ import annotations

import re

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
PROJECT_REQUEST = re.compile(r"\b(help( me)?( with)?|walk me through|work on|back to|continue with|resume|plan|set up|"
                             r"help me plan) (my|the|a|this) (final )?project\b|^\W*(my )?(final )?project\W*$|"
                             r"\bproject (helper|planner|wizard)\b", re.IGNORECASE)   # "Is there a project helper?"
# "can I train a real CNN myself?": a question about a lab (described, with "Run it"), not an order to train
CAN_I_TRAIN = re.compile(r"^\W*(so |ok,? )?(can|could|may) (i|we) (train|run|try|build|make)\b", re.IGNORECASE)
# "what is the lstm lab about?", "how does the cnn lab work": a question about a lab, not an order to run it
ABOUT_A_LAB = re.compile(r"\?\s*$|^\W*(what|how|which|why|tell me about|explain)\b", re.IGNORECASE)
