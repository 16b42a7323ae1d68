"""The web chat page's HTTP side: the signed learner cookie, the page and its static files, its
message route. What a browser does with the page: tests/bot/test_webchat_browser.py."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.serve import STATIC_DIR
from bot.webchat import COOKIE_NAME, LearnerCookie
from tests.bot.test_serve import API_TOKEN, Served, rule_core, said, serving

SECRET = "cookie-secret-for-tests-0123456789"


@pytest.fixture
async def page(tmp_path: Path) -> AsyncIterator[Served]:
    core = rule_core(tmp_path / "learners.db", tmp_path)
    async with serving(core, tmp_path, cookie_secret=SECRET, api_token=API_TOKEN) as running:
        yield running
    await core.close()


def cookie_of(served: Served) -> str:
    return next(cookie.value for cookie in served.client.session.cookie_jar if cookie.key == COOKIE_NAME)


def test_a_cookie_is_read_back_only_with_the_signature_of_its_secret() -> None:
    cookies = LearnerCookie(SECRET)
    value = cookies.sign("learner-abcdefghijklmnop")
    assert cookies.read(value) == "learner-abcdefghijklmnop"
    assert LearnerCookie("another-secret").read(value) is None
    learner, mac = value.rsplit(".", 1)
    assert cookies.read(f"{learner}x.{mac}") is None              # another learner, the old signature
    assert cookies.read(f"{learner}.{mac[:-1]}0") is None
    assert cookies.read("learner-abcdefghijklmnop") is None and cookies.read("") is None
    assert cookies.read(cookies.sign("short")) is None            # not an id we make


def test_without_a_secret_each_process_signs_with_its_own() -> None:
    assert LearnerCookie().read(LearnerCookie().sign("learner-abcdefghijklmnop")) is None


async def test_the_page_sets_a_signed_http_only_strict_cookie(page: Served) -> None:
    response = await page.client.get("/")
    assert response.status == 200 and response.content_type == "text/html"
    header = response.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Strict" in header and "Path=/" in header
    assert LearnerCookie(SECRET).read(cookie_of(page)) is not None
    again = await page.client.get("/")                 # a learner with a valid cookie keeps it
    assert "Set-Cookie" not in again.headers


async def test_a_message_from_the_page_is_the_cookies_learners_turn(page: Served) -> None:
    await page.client.get("/")
    learner = LearnerCookie(SECRET).read(cookie_of(page))
    status, messages = await page.say({"message": "/quiz", "message_id": "c-1"}, path="/chat/message")
    assert status == 200 and [b["payload"] for b in messages[0]["buttons"]] == ["1", "2", "3"]
    assert await page.say({"message": "/quiz", "message_id": "c-1"}, path="/chat/message") == (status, messages)
    assert said(page.core, f"web:{learner}") == ["/quiz"]


async def test_a_forged_cookie_gets_a_learner_of_its_own(page: Served) -> None:
    victim = "victim-abcdefghijklmnop"
    page.client.session.cookie_jar.update_cookies({COOKIE_NAME: f"{victim}.{'0' * 64}"})
    response = await page.client.post("/chat/message", json={"message": "/progress"})
    assert response.status == 200 and COOKIE_NAME in response.headers["Set-Cookie"]
    assert said(page.core, f"web:{victim}") == []
    given = LearnerCookie(SECRET).read(response.cookies[COOKIE_NAME].value)
    assert given != victim and said(page.core, f"web:{given}") == ["/progress"]


async def test_a_message_that_is_not_json_is_refused(page: Served) -> None:
    # A cross-site HTML form can post text/plain without a preflight; the route takes JSON only.
    response = await page.client.post("/chat/message", data='{"message": "/reset"}',
                                      headers={"Content-Type": "text/plain"})
    assert response.status == 415


async def test_pictures_need_the_chat_cookie_or_the_token(page: Served) -> None:
    (page.images / "progress.png").write_bytes(b"png")
    assert (await page.client.get("/images/progress.png")).status == 401
    await page.client.get("/")
    assert (await page.client.get("/images/progress.png")).status == 200


@pytest.mark.parametrize(("path", "content_type"), [
    ("/static/chat.css", "text/css"), ("/static/chat.js", "text/javascript"), ("/", "text/html")])
async def test_the_page_and_its_files_are_served_without_the_token(page: Served, path: str, content_type: str) -> None:
    response = await page.client.get(path)
    assert response.status == 200 and response.content_type in (content_type, "application/javascript")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/static/../serve.py", "/static/%2e%2e/serve.py", "/static/", "/static/nope.js"])
async def test_nothing_outside_the_static_folder_is_served(page: Served, path: str) -> None:
    response = await page.client.get(path)      # the client resolves "..": /serve.py is no route
    assert response.status in (401, 403, 404)
    assert "import" not in await response.text()


def test_the_page_loads_nothing_from_another_site() -> None:
    for name in ("index.html", "chat.css", "chat.js"):
        text = (STATIC_DIR / name).read_text()
        assert not re.search(r"(https?:)?//[a-z0-9]", _code(text)), name
        assert "@import" not in text


def _code(text: str) -> str:
    """``text`` without comments (``//`` there is a comment, not a URL)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(line.split(" // ")[0] for line in text.splitlines() if not line.lstrip().startswith("//"))


def test_the_page_can_be_used_with_a_keyboard_and_a_screen_reader() -> None:
    html = (STATIC_DIR / "index.html").read_text()
    assert '<html lang="en">' in html and 'name="viewport"' in html
    assert 'role="log"' in html and 'aria-live="polite"' in html        # replies are read out
    assert '<label for="message"' in html and 'id="message"' in html
    assert 'role="status"' in html                                      # typing and connection notes
    assert "style=" not in html and "<script>" not in html              # nothing inline: the CSP forbids it


def test_the_page_script_resends_a_lost_message_with_its_id_in_order_once() -> None:
    """chat.js in node (a stand-in DOM, a fetch whose first try of each message is a network
    error): each message is posted again with the same message_id, the second only after the
    first is answered, and each answer is shown once. Not a browser: rendering is not tested."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the page script's retry is not exercised")
    harness = Path(__file__).parent / "js" / "chat_harness.js"
    run = subprocess.run([node, str(harness), str(STATIC_DIR / "chat.js")], capture_output=True, text=True,
                         timeout=60, check=True)
    result = json.loads(run.stdout)
    posts = [(post["message"], post["message_id"]) for post in result["posts"]]
    assert [text for text, _ in posts] == ["first", "first", "second", "second"]
    assert posts[0][1] == posts[1][1] != posts[2][1] == posts[3][1]
    assert [(m["kind"], m["text"]) for m in result["shown"]] == [
        ("msg me", "You: first"), ("msg me", "You: second"),
        ("msg bot", "tutorbot: echo firstA"), ("msg bot", "tutorbot: echo secondA")]
    assert result["typingHidden"]
    assert result["enabled"] == [False, True]       # an older question's option can no longer be chosen
