"""Chat shorthand written out before the tutor reads a message ("shld" had been refused as a term the course does not
teach), and nothing else changed: the RNN's U, a variable u, "q" and "prob" stay."""
from __future__ import annotations

import pytest

from bot.core import clean_text
from nlp.shorthand import expand_shorthand


@pytest.mark.parametrize("said, read", [
    ("im hiring our first ML engineer. what skills shld i look for?",
     "im hiring our first ML engineer. what skills should i look for?"),
    ("why wld a fintech care abt word vectors", "why would a fintech care about word vectors"),
    ("wait are u chatgpt or smth? what model r u", "wait are you chatgpt or something? what model are you"),
    ("rnn vs transformer, which wld u pick", "rnn vs transformer, which would you pick"),
    ("Thx! w/ dropout pls", "Thanks! with dropout please"),
    ("u think so?", "you think so?"),
    ("ngl ur kinda smart", "honestly you're kinda smart"), ("ur model is overfitting", "your model is overfitting"),
    ("thx u r the best", "thanks you are the best"),
    ("hw r u doin today bro", "how are you doing today bro"), ("wyd", "what are you doing"),
    ("see u tmrw, gud nite", "see you tomorrow, gud night"),
])
def test_shorthand_is_written_out(said: str, read: str) -> None:
    assert expand_shorthand(said) == read


@pytest.mark.parametrize("said", ["h = W·x + U·h_prev, what is u?", "x + u = 3", "the U matrix", "what is q in attention?",
                                  "prob of class 1", "bro i asked a yes/no question",
                                  "is there hw today?"])
def test_what_is_no_shorthand_stays(said: str) -> None:
    assert expand_shorthand(said) == said


def test_the_tutor_reads_the_written_out_words() -> None:
    assert clean_text("can u explain   dropout pls") == ("can you explain dropout please", False)
