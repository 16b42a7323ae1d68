"""News with a good part and a bad part in one message ("passed my driving test but crashed my bike on the way
home", "my sister is having a baby and my car broke down, what a week"): both parts answered, the congratulation
and the sympathy, never only the first one read (congratulations alone had answered both examples)."""
from __future__ import annotations

import re

from tutor.dialogue.cues import MESSAGE_ACTS

# the parts of a message that can each carry one piece of news
_PARTS = re.compile(r"\b(?:but|and|although|though|while|whereas|then|also)\b|[,;.!?]|\s[-—–]\s", re.I)
_GOOD = (MESSAGE_ACTS["feeling_good"], MESSAGE_ACTS["family_joy"])
_BAD = MESSAGE_ACTS["feeling_bad"]
# tears told with a laugh or of joy ("I got promoted!!! Called my mom and she cried lol"): no bad news
_JOYFUL_TEARS = re.compile(r"\b(cried|crying|cry|tears)\b.{0,20}(\b(lol|haha\w*|of joy|happy)\b|😂|🥹|🥲)|"
                           r"\b(happy|joyful) tears\b|\btears of joy\b", re.I)
# a test still to come is no good news ("got a further maths mock tmrw and im kinda stressed" had got "congratulations!")
_COMING_UP = re.compile(r"\b(mocks?|exams?|tests?|interviews?|deadlines?|quiz|presentation|finals)\b[^.!?]*\b(tmrw|tomorrow|"
                        r"tonight|next week|on (mon|tues|wednes|thurs|fri|satur|sun)day|soon|later)\b", re.I)
# a feeling about the same news is no second piece of news ("got a B, kinda disappointed": disappointment)
_ONLY_A_FEELING = re.compile(r"^\W*(i'?m |im |i am |i feel |feeling |kinda |kind of |sort of |pretty |so |a bit |honestly |really |but )*"
                             r"(disappointed|sad|upset|annoyed|not happy|tired|exhausted|nervous|worried|dumb|stupid|"
                             r"useless|like an idiot|bad|awful|terrible)\b", re.I)


def news_parts(text: str) -> tuple[str, str] | None:
    """The good part and the bad part of ``text``, each as written; None unless it tells one of each."""
    parts = [part.strip() for part in _PARTS.split(text) if part and len(part.split()) >= 2]
    tones = [(_tone(part), part) for part in parts]
    good = next((part for tone, part in tones if tone == "good"), None)
    bad = next((part for tone, part in tones if tone == "bad"), None)
    return (good, bad) if good and bad else None


def _tone(part: str) -> str | None:
    """"good" or "bad" where the part tells only good or only bad news; None for both, neither, or a feeling."""
    good = any(cue.search(part) for cue in _GOOD) and not _COMING_UP.search(part)
    bad = bool(_BAD.search(part)) and not _JOYFUL_TEARS.search(part)
    if good != bad:
        return "good" if good else None if _ONLY_A_FEELING.match(part) else "bad"
    return None

