"""What a chit-chat message is about, in words a reply can say back: the learner's news with the pronouns turned
("i have a dog named Rex" -> "you have a dog named Rex"), the thing the bot's taste is asked about ("what films do
you like?" -> "films"), the two sides of a this-or-that ("tea or coffee?" -> "tea", "coffee"). A reply that names
what was said is an answer; "Thanks for telling me!" to every piece of news is not (texts.CHAT_ABOUT_BY_ACT).
None wherever the words do not give a short, clean phrase: the act's general line answers then."""
from __future__ import annotations

import re

from tutor.dialogue.chat_cues import NAME_SAID, PLACE_SAID
from tutor.dialogue.mixed_news import news_parts
from tutor.dialogue.chat_texts import (
    ADVICE_BY_TOPIC, CANT_KNOW_BY_TOPIC, FACT_ANY, FACTS_BY_TOPIC, JOKE_ANY, JOKES_BY_TOPIC, PICK_ANY, PICK_OF_A_SERIES,
    PICKS_BY_THING,
)

MAX_WORDS = 9    # a longer echo reads as a parrot
_TURNED = {"i": "you", "i'm": "you're", "im": "you're", "i've": "you've", "ive": "you've", "i'd": "you'd",
           "i'll": "you'll", "my": "your", "me": "you", "mine": "yours", "myself": "yourself", "we": "you",
           "we're": "you're", "we've": "you've", "our": "your", "us": "you", "am": "are"}
_BEFORE_AN_OBJECT = frozenset("about to with for at from told tell showed found asked like love use using".split())
# a clause ends at punctuation, an emoji or a tail of laughter ("i made pancakes lol", "..., so much packing")
_CLAUSE_END = re.compile(r"[.,;:!?()\"…—–]|\s-\s|[^\w\s'-]|\b(lol|lmao|haha\w*|rn|tbh|btw|ugh|smh|and|but)\b", re.I)
_LEAD = re.compile(r"^\W*((so|well|btw|guess what|omg|ok|okay|oh|also|anyway|honestly)\b\W*)+", re.I)
# diary-style news without its subject ("had the best ramen today", "just woke up", "watching dune"): "you" said
_NO_SUBJECT = re.compile(r"^(just|finally|had|got|went|made|watched|saw|ate|finished|started|bought|met|tried|"
                         r"cooked|baked|visited|woke|found|won|passed|moved|lost|broke|missed|failed|caught|crashed|"
                         r"dropped|spilled|hurt|forgot|burnt|burned|told|showed)\b", re.I)
# "just"/"finally" before a place or state, not a verb: the "you" needs its "are" ("you finally on holiday" had been said)
_BEING_SOMEWHERE = re.compile(r"^(just|finally) (on|in|at|off|home|back|done|free|here|there|out)\b", re.I)
_ONGOING = re.compile(r"^\w+ing\b", re.I)
_TIME_WORDS = re.compile(r"\s+\b(yesterday|today|tonight|last night|this (morning|week|weekend)|lately|"
                         r"these days|anymore|at all|though|then|now)\b.*$", re.I)
_TASTE = (   # the thing a question about the bot's taste names, first pattern that matches
    re.compile(r"\bwhat (kind of |sort of |type of )?(?P<thing>[\w ]{2,25}?) (do|would|did|are) (you|u|ya) "
               r"(like|love|enjoy|prefer|listen(ing)? to|watch(ing)?|read(ing)?|play(ing)?|eat(ing)?)\b", re.I),
    re.compile(r"\b(fav(ou?rite)?|fave) (?P<thing>[\w ]{2,25})", re.I),
    re.compile(r"\b(like|love|enjoy|hate|prefer|listen to|watch|watched|read|play|eat|drink|into|a fan of) "
               r"(?P<thing>[\w' ]{2,30})", re.I),
)
_ASKS_WHICH = re.compile(r"^\W*what\b|\b(fav(ou?rite)?|fave)\b", re.I)
_SIDES = re.compile(r"(?P<a>[\w'-]+(?: [\w'-]+){0,3}) or (?P<b>[\w'-]+(?: [\w'-]+){0,3})", re.I)
_NOT_A_SIDE = re.compile(r"^(what'?s|which|whats|is|are|do|would|you|u|rather|prefer|better|best|fight|eat|have|be|"
                         r"think|choose|pick|came|first|i|like|love|more)$", re.I)
_OF_A_SUBJECT = re.compile(r"^\W*(is|are|was|were)\b", re.I)   # "is X a Y or a Z": the sides are after the subject
_VERDICT = re.compile(r"\b(ok|okay|fine|good|bad|acceptable|allowed|legal|crime|overrated|underrated|wrong|right|"
                      r"yes|no|not|true|false|real|fake|cool|lame)\b", re.I)
_AFTER_THE_SIDES = frozenset("which what more better most best then for".split())   # "X or Y for a holiday"
_NOTHING_NAMED = frozenset("it that this them me things anything something stuff everything".split())


def first_clause(text: str) -> str:
    return _CLAUSE_END.split(_LEAD.sub("", text.strip()), maxsplit=1)[0].strip()


def turned(phrase: str) -> str:
    """``phrase`` as said back to its writer: "my cat" -> "your cat", "I'm" -> "you're", "told my friend about
    you" -> "told your friend about me" (the bot, where "you" is an object)."""
    phrase = re.sub(r"\b(i|we) was\b", "you were", phrase, flags=re.I)
    words = phrase.split()
    return " ".join("me" if word.lower() == "you" and at and words[at - 1].lower() in _BEFORE_AN_OBJECT
                    else _TURNED.get(word.lower(), word) for at, word in enumerate(words))


def news_said_back(text: str) -> str | None:
    """The learner's news, said back: "we're moving house next week, so much packing" -> "you're moving house next
    week"; "had the best ramen of my life" -> "you had the best ramen of your life"."""
    clause = first_clause(text)
    if clause.isupper():   # "IM SO DONE": said back without the shouting
        clause = clause.lower()
    if re.match(r"[A-Z][a-z]", clause) and not re.match(r"I\b", clause):   # "Had a fight": "you had a fight"
        clause = clause[:1].lower() + clause[1:]
    if _BEING_SOMEWHERE.match(clause):   # "finally on holiday next week": "you're finally on holiday next week"
        clause = f"you're {clause}"
    elif _NO_SUBJECT.match(clause):
        clause = f"you {clause}"
    elif _ONGOING.match(clause):
        clause = f"you're {clause}"
    words = clause.split()
    if not 2 <= len(words) <= MAX_WORDS:
        return None
    return turned(clause)


def taste_asked(text: str) -> tuple[str, bool] | None:
    """What the bot's taste is asked about, and whether the question asks which one ("what music do you like?":
    ("music", True); "do you like rainy days?": ("rainy days", False))."""
    for pattern in _TASTE:
        found = pattern.search(text)
        if found:
            thing = _TIME_WORDS.sub("", first_clause(found.group("thing")))
            thing = re.sub(r"\s+\b(you|u|ya|of which|which|what)\b.*$", "", thing).strip()
            if 1 <= len(thing.split()) <= 4 and thing.lower() not in _NOTHING_NAMED:
                return thing, bool(_ASKS_WHICH.search(text))
    return None


_BETTER_THAN = re.compile(r"(?P<a>[\w'-]+(?: [\w'-]+)?) (is|are) (better|greater|cooler|nicer) than "
                         r"(?P<b>[\w'-]+(?: [\w'-]+){0,2})", re.I)


def sides(text: str) -> tuple[str, str] | None:
    """The two sides of "X or Y" ("what's better, books or movies?" -> ("books", "movies")), or of "is X better
    than Y" ("do you think Messi is better than Ronaldo" -> ("Messi", "Ronaldo"))."""
    if " or " not in text and (better := _BETTER_THAN.search(text)):
        left = [word for word in better.group("a").split() if not _NOT_A_SIDE.match(word)]
        return (" ".join(left), first_clause(better.group("b"))) if left else None
    found = _SIDES.search(re.split(r"[,:;]", text)[-1] if text.count(",") and " or " in text.split(",")[-1]
                          else text)
    if not found:
        return None
    left = found.group("a").split()
    asks_of_a_subject = bool(_OF_A_SUBJECT.match(text))
    while len(left) > 1 and _NOT_A_SIDE.match(left[0]):   # "what's better books" -> "books"
        left = left[1:]
    right = first_clause(found.group("b")).split()
    right = right[:next((at for at, word in enumerate(right) if word.lower() in _AFTER_THE_SIDES), len(right))]
    if asks_of_a_subject and right:   # "is math invented or discovered": "invented" (as long as the other side)
        left = left[-len(right):]
    # each side a short noun phrase: "is pineapple on pizza ok or crime" has a verdict on one side, no pick of two
    if not right or _NOT_A_SIDE.match(left[0]) or _VERDICT.search(" ".join(left + right)):
        return None
    return " ".join(left), " ".join(right)


# what the bot picks when asked to imagine, by what the question is about ("if you could be any animal...")
_PICKS = (
    (re.compile(r"\banimal\b", re.I), "an owl: wise, and up all night like a server"),
    (re.compile(r"\b(travel|go|visit|live|place|country|city)\b", re.I), "somewhere with fast Wi-Fi and a great view"),
    (re.compile(r"\b(superpower|power|magic)\b", re.I), "reading a whole library in a second"),
    (re.compile(r"\b(eat|food|meal|dish|taste)\b", re.I), "a pizza, just to see what the fuss is about"),
    (re.compile(r"\b(could|would|were) (you|u) be\b|\bjob\b", re.I), "a teacher, which is lucky: I already am one"),
)


# what a joke or a fact is asked about ("a joke about cats", "fun fact about animals pls", "any cat jokes?")
_ABOUT = re.compile(r"\b(about|on) (an? |the |some )?(?P<topic>[a-z][\w' -]*)", re.I)
_TOPIC_BEFORE = re.compile(r"\b(?P<topic>[a-z]+) (jokes?|puns?|facts?)\b", re.I)
_NO_TOPIC = frozenset("a an any another fun random good bad funny dad best your ur some new short cool interesting "
                      "weird hard easy quick me us it that this one more nerdy stupid silly dumb lame the so".split())
_TAIL = re.compile(r"\s+\b(pls|plz|please|too|then|now|again|for me|lol)\b.*$", re.I)
# "which is the best Harry Potter movie in ur opinion" -> "Harry Potter movie"
_BEST = re.compile(r"\b(best|greatest) (?P<thing>[\w' -]{2,40}?)(\s+(in (your|ur|ya) opinion|ever|of all time|so far|"
                   r"imo)\b|\W*$|\?)", re.I)
_A_SERIES = re.compile(r"\b(movies?|films?|books?|seasons?|episodes?|albums?|games?|series|sequels?)\W*$", re.I)


def topic_named(text: str) -> str | None:
    """What a joke or a fact is asked about, in at most three words; None for none ("tell me a fun fact")."""
    found = _ABOUT.search(text) or _TOPIC_BEFORE.search(text)
    if not found:
        return None
    topic = _TAIL.sub("", first_clause(found.group("topic"))).strip()
    return topic if 1 <= len(topic.split()) <= 3 and topic.lower() not in _NO_TOPIC else None


def by_topic(act: str, text: str) -> tuple[str, dict[str, str]] | None:
    """A joke or fun fact on the topic the message names (said so where there is none on it)."""
    topic = topic_named(text)
    if topic is None:
        return None
    lines, fallback, field = (JOKES_BY_TOPIC, JOKE_ANY, "joke") if act == "asks_joke" else (FACTS_BY_TOPIC, FACT_ANY,
                                                                                           "fact")
    line = next((line for pattern, line in lines if re.search(pattern, topic, re.I)), None)
    return (act, {field: line, "topic": topic}) if line else (f"{act}_unknown", {field: fallback, "topic": topic})


def best_asked(text: str) -> tuple[str, dict[str, str]] | None:
    """The thing whose best is asked, and the bot's pick: the first of a series, else the classic."""
    found = _BEST.search(text)
    thing = found and _TAIL.sub("", found.group("thing")).strip()
    if not thing or not 1 <= len(thing.split()) <= 5:
        return None
    # a named series ("best Harry Potter movie"): its first; a kind of thing ("best movie of all time"): our pick
    series = _A_SERIES.search(thing) and len(thing.split()) > 1
    pick = next((pick for pattern, pick in PICKS_BY_THING if re.search(pattern, thing, re.I)), PICK_ANY)
    return "best_pick", {"thing": thing, "pick": PICK_OF_A_SERIES if series else pick}


# "my name is Marta", "I am from Brazil": who the learner is, said back with a hello
# a silly yes-or-no debate ("is water wet", "can a hot dog be a sandwich"), not one about the bot or "is it ok to"
_YES_NO_DEBATE = re.compile(r"^\W*(is|are|can|could|does|do) (?!(it|you|u|we|there|people|i)\b)[\w' ]{2,40}", re.I)


def who_they_are(text: str) -> tuple[str, dict[str, str]] | None:
    name, place = NAME_SAID.search(text), PLACE_SAID.search(text)
    if name:
        return "self_name", {"name": name.group("name").capitalize()}
    return ("self_place", {"place": place.group("place").title()}) if place else None


def by_topic_line(kind: str, topics: tuple[tuple[str, str], ...], text: str) -> tuple[str, dict[str, str]] | None:
    """The key of the line on the topic ``text`` names, first match of ``topics`` (advice on sleep, the news...)."""
    return next(((f"{kind}_{key}", {}) for pattern, key in topics if re.search(pattern, text, re.I)), None)


def debate_said_back(text: str) -> tuple[str, dict[str, str]] | None:   # "is water wet" -> "Is water wet?"
    question = first_clause(text)
    if not _YES_NO_DEBATE.match(question) or len(question.split()) > MAX_WORDS:
        return None
    return "musing_yes_no", {"question": question[:1].upper() + question[1:]}


def mixed_news_said_back(text: str) -> tuple[str, dict[str, str]] | None:
    """("mixed_news", {"good": "You passed your driving test", "bad": "you crashed your bike"}); None where either
    part gives no short phrase (the general mixed-news line answers then)."""
    parts = news_parts(text)
    said = parts and [news_said_back(part) for part in parts]
    if not said or not all(said):
        return None
    good, bad = said
    return "mixed_news", {"good": good[:1].upper() + good[1:], "bad": bad}


def sad_news_said_back(text: str) -> tuple[str, dict[str, str]] | None:   # "I'm sorry your cat is sick"
    news = news_said_back(text)
    told = news and re.match(r"(you|your|nobody|no one)\b", news) and not re.search(r"\b(need|want|advice|tips?)\b", news, re.I)
    return ("sad_news", {"news": news}) if told else None


_BY_TOPIC = {"asks_advice": ("advice", ADVICE_BY_TOPIC), "cant_know": ("cant_know", CANT_KNOW_BY_TOPIC)}
_SAID_BACK = {"self_intro": who_they_are, "musing": debate_said_back, "sad_news": sad_news_said_back,
              "mixed_news": mixed_news_said_back}


def said_about(act: str, text: str) -> tuple[str, dict[str, str]] | None:
    """The key of the line (texts.CHAT_ABOUT_BY_ACT) that says back what ``text`` says for ``act``, and its
    fields; None where the words give no short phrase."""
    if act in _BY_TOPIC:
        return by_topic_line(*_BY_TOPIC[act], text)
    if act in _SAID_BACK:
        return _SAID_BACK[act](text)
    if act == "own_taste":
        return own_taste_said_back(text)
    if act in ("life_news", "feeling_good", "good_news"):   # good news said back with the congratulations
        news = news_said_back(text)   # congratulations only on what the learner did ("happy new year": no news)
        told = news and (act == "life_news" or re.match(r"(you|your)\b(?!'re| are)", news))   # a deed, not "you're proud"
        return (act, {"news": news}) if told else None
    if act in ("likes", "favourite"):
        taste = taste_asked(text)
        if taste is None:
            return None
        thing, which = taste
        if sides(thing):   # "do you like dogs or cats more": a this-or-that, its pick
            return said_about("this_or_that", thing)
        if act == "favourite" and (theirs := _THEIR_PICK.search(text)):   # "... Mine is dark green.": not asked back
            return ("favourite_theirs", {"thing": thing, "theirs": theirs["pick"].strip()})
        return ("favourite" if act == "favourite" else "likes_which" if which else "likes", {"thing": thing})
    if act == "hypothetical":
        pick = next((pick for pattern, pick in _PICKS if pattern.search(text)), None)
        return ("hypothetical", {"pick": pick}) if pick else None
    if act == "this_or_that":   # "should I buy myself something or ...?" -> "buy yourself something"
        both = sides(text)
        return ("this_or_that", {"a": turned(both[0]), "b": turned(_TIME_WORDS.sub("", both[1]))}) if both else None
    if act in ("asks_joke", "fun_fact"):
        return by_topic(act, text)
    return best_asked(text) if act == "best_pick" else None


# the learner's own pick said beside the question ("Mine is dark green.", "I like Thursday, nobody expects anything")
_THEIR_PICK = re.compile(r"\b(mine is|mine'?s|i like|i love|i prefer|my favou?rite is|for me it'?s|i'?d say)\s+"
                         r"(?P<pick>[\w' -]{2,30}?)(?=\s*([.,!?;:]|$))", re.I)
_OWN_TASTE = re.compile(r"\b(is|are|love|adore|like|enjoy)\s+(?P<thing>[\w' ]{2,30}?)\W*$", re.I)


def own_taste_said_back(text: str) -> tuple[str, dict[str, str]] | None:   # "my favourite food is sushi" -> "Sushi"
    found = _OWN_TASTE.search(first_clause(text) or text)
    thing = found and found.group("thing").strip()
    if not thing or len(thing.split()) > 4:
        return None
    return "own_taste", {"thing": thing[:1].upper() + thing[1:]}
