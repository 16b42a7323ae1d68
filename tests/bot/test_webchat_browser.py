"""The web chat page in a real headless browser: Debian's chromium driven by Selenium through
Debian's chromedriver (never a driver Selenium Manager would download), against a real
`tutorbot serve` application on 127.0.0.1 (the tiny trained models, the course's curriculum, real
pictures). Skipped, with the reason, where chromium, chromedriver or selenium are absent; CI
installs them (tools/install-system-deps.sh, the ``test`` extra).

The server runs in a thread of its own, so that it can be stopped and started again on the same
port, hold a turn (the typing indicator shows) or lose an answer after the turn ran (the page
sends the message again under the same id, and the server answers the id once).
"""
from __future__ import annotations

import asyncio
import shutil
import socket
import tempfile
import threading
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from aiohttp import web

from bot.core import Core, open_core
from bot.serve import CHAT_PATH, make_app
from bot.webchat import COOKIE_NAME, LearnerCookie
from tests.bot.test_serve import said

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install -e '.[test]')")
if CHROMIUM is None or CHROMEDRIVER is None:
    pytest.skip("chromium and chromedriver are not installed (Debian: tools/install-system-deps.sh): "
                "the web chat page is not tested in a browser", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

SECRET = "cookie-secret-for-browser-tests-0123"
WAIT_S = 60.0        # a turn with a picture on two busy shared cores can take a while
PHONE_WIDTH = 390
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1000,900")
T = TypeVar("T")


# --- the server ----------------------------------------------------------------------------------

@dataclass
class Faults:
    """What the test makes the server do to the page's messages (a middleware in front of the chat route)."""

    holding: bool = False                # hold every message until released (the turn "runs")
    lose_next_answer: bool = False       # run the next message's turn, then cut the connection
    posts: list[tuple[str, str]] = field(default_factory=list)    # (message, message_id) as they came

    @web.middleware
    async def middleware(self, request: web.Request,
                         handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
        if request.path != CHAT_PATH:
            return await handler(request)
        body = await request.json()
        self.posts.append((body.get("message"), body.get("message_id")))
        while self.holding:
            await asyncio.sleep(0.02)
        response = await handler(request)
        if self.lose_next_answer:
            self.lose_next_answer = False
            assert request.transport is not None
            request.transport.abort()            # the turn ran and was saved; its answer never arrives
        return response


class LiveServer:
    """``make_app`` over a real core on 127.0.0.1, in a thread with its own event loop."""

    def __init__(self, models: Path, db: Path, images: Path) -> None:
        self.models, self.db, self.images = models, db, images
        self.faults = Faults()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="live-server", daemon=True)
        self.port = free_port()
        self.core: Core
        self._runner: web.AppRunner
        self._site: web.TCPSite | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def call(self, coroutine: Awaitable[T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(WAIT_S)  # type: ignore[arg-type]

    def start(self) -> None:
        self.thread.start()
        self.call(self._start())

    async def _start(self) -> None:
        self.core = open_core(self.models, self.db)
        app = make_app(self.core, cookie_secret=SECRET, images_dir=self.images)
        app.middlewares.append(self.faults.middleware)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await self._listen()

    async def _listen(self) -> None:
        self._site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await self._site.start()

    def stop_listening(self) -> None:
        """The server goes away: nothing listens on the port, open connections are closed."""
        self.call(self._stop_listening())

    async def _stop_listening(self) -> None:
        assert self._site is not None
        await self._site.stop()
        self._site = None
        assert self._runner.server is not None
        for connection in self._runner.server.connections:   # the browser's keep-alive connections
            connection.force_close()

    def listen_again(self) -> None:
        self.call(self._listen())

    def close(self) -> None:
        self.call(self._runner.cleanup())
        self.call(self.core.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(WAIT_S)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tiny_models_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("webchat")
    images = folder / "images"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TUTORBOT_IMAGES", str(images))      # where the tutor draws, and the server serves from
        live = LiveServer(tiny_models_dir, folder / "learners.db", images)
        live.start()
        yield live
        live.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    with tempfile.TemporaryDirectory(prefix="tutorbot-chromium-") as profile:
        for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            yield driver
        finally:
            driver.quit()


@dataclass
class Chat:
    """The page, opened afresh (a new learner) for one test."""

    driver: webdriver.Chrome
    server: LiveServer

    def wait(self, condition: Callable[[webdriver.Chrome], T], what: str, timeout: float = WAIT_S) -> T:
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(condition)
        except TimeoutException:
            raise AssertionError(f"waited {timeout:.0f} s for {what}; the log shows: {self.transcript()}") from None

    def element(self, css: str) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def transcript(self) -> list[str]:
        return [m.text for m in self.all("#log .msg")]

    def replies(self) -> list[WebElement]:
        return self.all("#log .msg.bot")[1:]      # the first is the page's own greeting

    def type(self, text: str) -> None:
        box = self.element("#message")
        box.click()
        box.send_keys(text, Keys.ENTER)

    def wait_for_replies(self, count: int) -> list[WebElement]:
        self.wait(lambda _: len(self.replies()) >= count, f"{count} replies")
        return self.replies()

    def learner(self) -> str:
        cookie = self.driver.get_cookie(COOKIE_NAME)
        assert cookie is not None, "the page set no learner cookie"
        learner = LearnerCookie(SECRET).read(cookie["value"])
        assert learner is not None
        return f"web:{learner}"

    def said(self) -> list[str]:
        return said(self.server.core, self.learner())

    def script(self, code: str, *args: Any) -> Any:
        return self.driver.execute_script(code, *args)


@pytest.fixture
def chat(server: LiveServer, browser: webdriver.Chrome) -> Iterator[Chat]:
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.get(server.url)
    browser.delete_all_cookies()
    browser.get(server.url)               # a new learner for each test
    server.faults.posts.clear()
    page = Chat(browser, server)
    page.wait(lambda d: d.execute_script("return document.readyState") == "complete", "the page to load")
    yield page
    server.faults.holding = server.faults.lose_next_answer = False


# --- the tests -----------------------------------------------------------------------------------

def test_a_typed_message_sent_with_enter_is_answered_and_an_option_button_answers_the_question(chat: Chat) -> None:
    chat.type("/start")
    reply = chat.wait_for_replies(1)[0]
    assert chat.all("#log .msg.me")[0].text.endswith("/start")
    assert chat.element("#message").get_attribute("value") == ""
    options = reply.find_elements(By.CSS_SELECTOR, "button.option")
    assert len(options) >= 2 and all(o.is_enabled() for o in options)
    chosen = options[0].text
    options[0].click()
    chat.wait_for_replies(2)
    assert chat.all("#log .msg.me")[1].text.endswith(chosen)        # the option's title is shown ...
    assert chat.said() == ["/start", "1"]                            # ... its payload is what the tutor read
    assert not any(o.is_enabled() for o in reply.find_elements(By.CSS_SELECTOR, "button.option"))


def test_a_picture_arrives_as_an_image_that_loads(chat: Chat) -> None:
    chat.type("/gd 0.1")
    chat.wait(lambda _: chat.all("#log .msg.bot img"), "a picture")
    image = chat.all("#log .msg.bot img")[0]
    assert image.get_attribute("src").startswith(chat.server.url + "images/")
    assert image.get_attribute("alt")
    chat.wait(lambda _: chat.script("const i = arguments[0]; return i.complete && i.naturalWidth > 0", image),
              "the picture to load")
    assert chat.script("return arguments[0].naturalHeight", image) > 50


def test_the_typing_indicator_shows_while_a_turn_runs(chat: Chat) -> None:
    typing = chat.element("#typing")
    assert not typing.is_displayed()
    chat.server.faults.holding = True
    chat.type("hello")
    chat.wait(lambda _: typing.is_displayed(), "the typing indicator")
    assert typing.get_attribute("role") == "status" and "typing" in typing.text
    assert "pending" in chat.all("#log .msg.me")[0].get_attribute("class")
    assert chat.replies() == []
    chat.server.faults.holding = False
    chat.wait_for_replies(1)
    chat.wait(lambda _: not typing.is_displayed(), "the typing indicator to go")
    assert "pending" not in chat.all("#log .msg.me")[0].get_attribute("class")


def test_on_a_phones_width_nothing_scrolls_sideways(chat: Chat) -> None:
    chat.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": PHONE_WIDTH, "height": 844, "deviceScaleFactor": 3, "mobile": True})
    chat.driver.get(chat.server.url)
    chat.type("/start")
    chat.wait_for_replies(1)
    chat.type("a-very-long-word-without-spaces-" * 6)
    chat.type("/gd 0.1")
    chat.wait(lambda _: chat.all("#log .msg.bot img"), "a picture")
    widths = chat.script("const e = document.scrollingElement;"
                         "return [e.scrollWidth, e.clientWidth, window.innerWidth, document.body.scrollWidth];")
    assert widths[2] == PHONE_WIDTH and widths[0] <= widths[1] and widths[3] <= widths[1], widths
    for css in ("#message", "#send", "#log .msg.me", "#log .msg.bot img", "button.option"):
        for element in chat.all(css):
            right = chat.script("return arguments[0].getBoundingClientRect().right", element)
            assert right <= PHONE_WIDTH + 0.5, (css, right)


def test_the_page_can_be_used_with_the_keyboard_alone_and_a_screen_reader(chat: Chat) -> None:
    body = chat.element("body")
    for _ in range(12):                      # Tab from the top of the page to the message box
        if chat.script("return document.activeElement.id") == "message":
            break
        body.send_keys(Keys.TAB) if _ == 0 else chat.driver.switch_to.active_element.send_keys(Keys.TAB)
    assert chat.script("return document.activeElement.id") == "message"
    box = chat.driver.switch_to.active_element
    assert box.accessible_name == "Your message"
    box.send_keys("/start", Keys.ENTER)
    reply = chat.wait_for_replies(1)[0]
    assert chat.script("return document.activeElement.id") == "message"      # focus stays in the box
    chat.driver.switch_to.active_element.send_keys(Keys.SHIFT, Keys.TAB)     # back to the newest option
    focused = chat.driver.switch_to.active_element
    options = reply.find_elements(By.CSS_SELECTOR, "button.option")
    assert focused == options[-1] and focused.accessible_name == options[-1].text
    focused.send_keys(Keys.SPACE)
    chat.wait_for_replies(2)
    assert chat.said() == ["/start", str(len(options))]
    log = chat.element("#log")
    assert log.aria_role == "log" and log.get_attribute("aria-live") == "polite"
    assert chat.element("#status").aria_role == "status"
    assert reply.text.startswith("tutorbot:") or "tutorbot:" in reply.get_attribute("textContent")
    assert chat.script("return arguments[0].closest('[aria-live]') !== null", reply)   # read out as it arrives
    assert reply.find_element(By.CSS_SELECTOR, ".options").aria_role == "group"


def test_a_message_sent_while_the_server_is_down_is_delivered_once_when_it_is_back(chat: Chat) -> None:
    chat.type("/start")
    chat.wait_for_replies(1)
    chat.server.stop_listening()
    try:
        chat.type("what is dropout?")
        chat.wait(lambda _: "Connection lost" in chat.element("#status").text, "the page to say the connection is lost")
        assert "pending" in chat.all("#log .msg.me")[-1].get_attribute("class")
    finally:
        chat.server.listen_again()
    chat.wait(lambda _: "pending" not in chat.all("#log .msg.me")[-1].get_attribute("class"), "the message to go")
    replies = chat.wait_for_replies(2)
    assert len(chat.all("#log .msg.me")) == 2 and len(replies) >= 2
    assert chat.element("#status").text == ""
    assert chat.said() == ["/start", "what is dropout?"]


def test_an_answer_lost_on_the_way_is_fetched_again_without_a_second_turn(chat: Chat) -> None:
    chat.type("/start")
    first = len(chat.wait_for_replies(1))
    chat.server.faults.lose_next_answer = True
    chat.type("what is dropout?")
    chat.wait(lambda _: "pending" not in chat.all("#log .msg.me")[-1].get_attribute("class"), "the message to go")
    sent = [(text, message_id) for text, message_id in chat.server.faults.posts if text == "what is dropout?"]
    assert len(sent) == 2 and sent[0][1] == sent[1][1]          # sent again under the same id ...
    assert chat.said() == ["/start", "what is dropout?"]       # ... and the turn ran once
    answers = [r.text for r in chat.replies()[first:]]
    assert answers and len(answers) == len(set(answers))       # the answer shown once
    assert len(chat.all("#log .msg.me")) == 2
