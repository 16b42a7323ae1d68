"""Fixtures the channel tests share."""
from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.bot.fakes.bot_api import FakeBotApi
from tests.bot.fakes.running import TOKEN


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    """The fake Telegram Bot API on 127.0.0.1, knowing the tests' bot token."""
    fake = await FakeBotApi(TOKEN).start()
    yield fake
    await fake.stop()
