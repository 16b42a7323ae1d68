"""Review reminders: a learner opts in (`/remind 19:00 Europe/Berlin`, `/remind off`); at most one message a
local day, at or after their hour, and only when review items are due (the store decides and records each
reminder in one transaction, :meth:`tutor.store.Store.claim_reminders`, so it is sent once across restarts and
workers). Messenger allows a message only within 24 hours of the learner's last one: outside it, none."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

if TYPE_CHECKING:
    from tutor.database import Database
    from tutor.store import Store

DEFAULT_ZONE = "UTC"
MESSENGER_WINDOW = timedelta(hours=24)     # Messenger's standard messaging window after the learner's message
TIME = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?", re.IGNORECASE)


@dataclass(frozen=True)
class ReminderSetting:
    """Remind at ``at`` (local time) in the IANA time zone ``zone``."""

    at: time
    zone: str

    def label(self) -> str:
        return f"{self.at:%H:%M} {self.zone}"

    def local_day(self, now: datetime) -> str:
        """The learner's date at ``now`` (the day a reminder counts for)."""
        return now.astimezone(ZoneInfo(self.zone)).date().isoformat()

    def time_has_come(self, now: datetime) -> bool:
        return now.astimezone(ZoneInfo(self.zone)).time() >= self.at


def parse_reminder(argument: str) -> ReminderSetting | None:
    """"19:00", "7pm", "19:00 Europe/Berlin" -> a setting; None if it is not a time (and an optional zone)."""
    words = argument.split()
    if not 1 <= len(words) <= 2:
        return None
    match = TIME.fullmatch(words[0])
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if match[3]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match[3].lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    zone = words[1] if len(words) == 2 else DEFAULT_ZONE
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return ReminderSetting(time(hour, minute), zone)


def zone_named(text: str) -> str | None:
    """The IANA time zone a learner names: "Europe/Berlin", "berlin", "New York", "utc"; None if none."""
    wanted = "_".join(text.strip().strip(".!?").split())
    if not wanted or len(wanted) > 40:
        return None
    zones = _zones_by_city()
    return zones.get(wanted.lower())


@lru_cache(maxsize=1)
def _zones_by_city() -> dict[str, str]:
    """Every IANA zone by its full name and by its city ("europe/berlin" and "berlin" -> "Europe/Berlin")."""
    zones = sorted(available_timezones())
    names = {zone.rsplit("/", 1)[-1].lower(): zone for zone in reversed(zones)}   # the first zone of a city wins
    names.update({zone.lower(): zone for zone in zones})                            # a full name is itself
    return names


def may_message(learner_id: str, last_seen: datetime, now: datetime) -> bool:
    """Whether the platform lets the bot write first now: Messenger only inside its 24-hour window."""
    return not learner_id.startswith("fb:") or now - last_seen < MESSENGER_WINDOW


def create_tables(db: Database) -> None:
    """Schema 5: each learner's hour and time zone, and every reminder sent (one a learner's local day: the
    primary key is what makes a reminder go out once, across restarts and workers)."""
    db["reminders"].create({"learner_id": str, "at": str, "zone": str}, pk="learner_id", if_not_exists=True)
    db["reminders_sent"].create({"learner_id": str, "day": str, "at": str}, pk=("learner_id", "day"),
                                if_not_exists=True)


@dataclass(frozen=True)
class ClaimedReminder:
    """A reminder decided and recorded as sent: ``due`` review items are due for ``learner_id``."""

    learner_id: str
    due: int


def claim_reminders(store: Store, now: datetime, channel: str) -> list[ClaimedReminder]:
    """The reminders to send now, each recorded as sent in the same transaction that decides it: a learner whose
    hour has come in their time zone, with review items due, not yet reminded that local day, and whom the
    platform lets the bot write to (Messenger: within 24 hours of their last message). Only the learners of
    ``channel`` (a learner id prefix: "tg:", "fb:", "cli:"), whom the caller can write to. Two workers claiming
    at once take turns on the write lock (PostgreSQL: on the day's row); the second finds the day recorded."""
    claimed = []
    with store.transaction():
        rows = store.db.execute(
            "SELECT r.learner_id, r.at, r.zone, l.last_seen, "
            "(SELECT count(*) FROM review_cards c WHERE c.learner_id = r.learner_id AND c.due <= ?) "
            "FROM reminders r JOIN learners l ON l.id = r.learner_id WHERE substr(r.learner_id, 1, ?) = ?",
            (now.isoformat(), len(channel), channel)).fetchall()
        for learner, at, zone, last_seen, due in rows:
            setting = ReminderSetting(datetime.strptime(at, "%H:%M").time(), zone)
            if not due or not setting.time_has_come(now) or not may_message(
                    learner, datetime.fromisoformat(last_seen), now):
                continue
            inserted = store.db.execute(
                "INSERT INTO reminders_sent (learner_id, day, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (learner, setting.local_day(now), now.isoformat())).rowcount
            if inserted:
                claimed.append(ClaimedReminder(learner, due))
    return claimed


def days_reminded(store: Store, learner_id: str) -> list[str]:
    """The learner's local days with a reminder sent, oldest first."""
    with store.transaction():
        rows = store.db.execute(
            "SELECT day FROM reminders_sent WHERE learner_id = ? ORDER BY day", (learner_id,)).fetchall()
    return [day for (day,) in rows]


def stop_reminders(store: Store, learner_id: str) -> None:
    """No more reminders for the learner (they blocked the bot: sending again would fail for ever)."""
    with store.transaction():
        store.db.execute("DELETE FROM reminders WHERE learner_id = ?", (learner_id,))
