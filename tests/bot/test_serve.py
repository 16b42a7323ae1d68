"""`tutorbot serve` on 127.0.0.1 (aiohttp's TestServer), over the real core with the rule-based
stand-in NLU of tests/tutor/test_dialogue.py, and the platform webhooks against the fake APIs."""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.cli import main
from bot.core import Core, open_core
from bot.rest import Answers, image_url_in
from bot.serve import MessengerSecrets, ServeError, TelegramHook, make_app, telegram_settings
from bot.telegram import TelegramSettings, build_application
from nlp.errors import MissingSecret
from tests.bot.fakes import bot_api
from tests.bot.fakes import graph_api as fb
from tests.bot.fakes.bot_api import FakeBotApi
from tests.bot.fakes.graph_api import FakeGraphApi
from tests.bot.fakes.running import APP_SECRET, PAGE_TOKEN, SECRET_HEADER, TOKEN, VERIFY_TOKEN, WEBHOOK_SECRET, no_limits
from tests.tutor.test_dialogue import RuleNLU, build_curriculum

API_TOKEN = "api-token-0123456789abcdef"
REST = "/webhooks/rest/webhook"


def drawing_into(directory: Path) -> Callable[..., Path]:
    def draw(name: str, **params: Any) -> Path:
        path = directory / f"{name}.png"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + name.encode())
        return path

    return draw


def rule_core(db: Path | str, images: Path, pipeline: Any = None) -> Core:
    return open_core(None, db, pipeline=pipeline if pipeline is not None else RuleNLU(),
                     curriculum=build_curriculum(), draw=drawing_into(images))


@dataclass
class Served:
    client: TestClient
    core: Core
    images: Path

    async def say(self, body: dict[str, Any] | bytes, path: str = REST, **headers: str) -> tuple[int, Any]:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        response = await self.client.post(path, data=data, headers={"Content-Type": "application/json", **headers})
        text = await response.text()
        return response.status, json.loads(text) if response.content_type == "application/json" else text


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    images = tmp_path / "images"
    images.mkdir()
    core = rule_core(tmp_path / "learners.db", images)
    async with serving(core, images) as running:
        yield running
    await core.close()


class serving:
    """``make_app(core, ...)`` on 127.0.0.1 with a client, until the block ends."""

    def __init__(self, core: Core, images: Path, **options: Any) -> None:
        self.core, self.images = core, images
        self.client = TestClient(TestServer(make_app(core, images_dir=images, **options), host="127.0.0.1"))

    async def __aenter__(self) -> Served:
        await self.client.start_server()
        return Served(self.client, self.core, self.images)

    async def __aexit__(self, *_: object) -> None:
        await self.client.close()


def said(core: Core, learner: str) -> list[str]:
    return [text for sender, text in core.store.conversation(learner) if sender == "learner"]


# --- the REST channel ----------------------------------------------------------------------------

async def test_rest_answers_in_rasa_shape_with_options_as_buttons(served: Served) -> None:
    status, messages = await served.say({"sender": "ada", "message": "/quiz"})
    assert status == 200
    assert messages == [{"recipient_id": "ada", "text": "In E/T/P, what is P?", "buttons": [
        {"title": "the data", "payload": "1"}, {"title": "the performance measure", "payload": "2"},
        {"title": "the task", "payload": "3"}]}]
    status, messages = await served.say({"sender": "ada", "message": "2"})     # a button's payload
    assert "Correct" in messages[0]["text"]
    assert said(served.core, "rest:ada") == ["/quiz", "2"]


async def test_an_integer_sender_is_read_as_its_string(served: Served) -> None:
    status, messages = await served.say({"sender": 42, "message": "/help"})
    assert status == 200 and messages[0]["recipient_id"] == "42" and said(served.core, "rest:42") == ["/help"]


async def test_a_picture_is_a_url_the_server_serves_from_the_cache(served: Served) -> None:
    _, messages = await served.say({"sender": "ada", "message": "/gd 0.1"})
    assert messages[0]["image"] == "/images/gd_path.png"
    response = await served.client.get(messages[0]["image"])
    assert response.status == 200 and await response.read() == b"\x89PNG\r\n\x1a\ngd_path"


def test_a_picture_outside_the_cache_is_never_offered(tmp_path: Path) -> None:
    url = image_url_in(tmp_path / "cache")
    assert url(tmp_path / "cache" / "sigmoid-ab12.png") == "/images/sigmoid-ab12.png"
    assert url(tmp_path / "elsewhere.png") is None
    assert url(tmp_path / "cache" / ".." / "cache2" / "x.png") is None
    assert url(tmp_path / "cache" / "notes.txt") is None


@pytest.mark.parametrize("name", ["..%2Flearners.db", "..%2F..%2Fetc%2Fpasswd", "learners.db", "missing.png"])
async def test_the_images_route_serves_only_pictures_of_the_cache(served: Served, name: str) -> None:
    (served.images.parent / "secret.png").write_bytes(b"not yours")
    response = await served.client.get(f"/images/{name}")
    assert response.status == 404


async def test_a_redelivered_message_id_runs_one_turn_and_gets_the_same_answer(served: Served) -> None:
    first = await served.say({"sender": "bo", "message": "/quiz", "message_id": "m-1"})
    again = await served.say({"sender": "bo", "message": "/quiz", "message_id": "m-1"})
    assert first == again and first[1][0]["buttons"]
    assert said(served.core, "rest:bo") == ["/quiz"]
    assert served.core.store.load("rest:bo").questions_asked == 1


async def test_copies_sent_at_once_run_one_turn_and_all_get_its_answer(served: Served) -> None:
    body = {"sender": "cy", "message": "/quiz", "message_id": "m-7"}
    answers = await asyncio.gather(*(served.say(body) for _ in range(4)))
    assert len({json.dumps(answer) for answer in answers}) == 1 and answers[0][0] == 200
    assert said(served.core, "rest:cy") == ["/quiz"]


async def test_the_same_message_id_of_another_sender_is_another_message(served: Served) -> None:
    await served.say({"sender": "a1", "message": "/help", "message_id": "1"})
    await served.say({"sender": "a2", "message": "/help", "message_id": "1"})
    assert said(served.core, "rest:a1") == said(served.core, "rest:a2") == ["/help"]


async def test_a_retry_on_another_worker_or_after_a_restart_gets_the_same_answer(tmp_path: Path, store_db: str) -> None:
    images = tmp_path / "images"
    images.mkdir()
    body = {"sender": "di", "message": "/quiz", "message_id": "q-1"}
    workers = [rule_core(store_db, images), rule_core(store_db, images)]     # two workers on one store
    async with serving(workers[0], images) as one, serving(workers[1], images) as two:
        answers = list(await asyncio.gather(one.say(body), two.say(body)))  # the copies reach both at once
        answers.append(await two.say(body))
    for worker in workers:
        await worker.close()
    core = rule_core(store_db, images)                                     # a restart
    async with serving(core, images) as running:
        answers.append(await running.say(body))
    assert all(answer == answers[0] for answer in answers) and answers[0][1][0]["buttons"]
    assert said(core, "rest:di") == ["/quiz"] and core.store.load("rest:di").questions_asked == 1
    await core.close()


async def test_a_turn_that_failed_runs_again_on_retry_and_old_answers_are_forgotten() -> None:
    answers, made = Answers(capacity=2), []

    async def failing() -> list[dict[str, Any]]:
        raise RuntimeError("the core failed")

    def making(key: str) -> Callable[[], Any]:
        async def make() -> list[dict[str, Any]]:
            made.append(key)
            return [{"text": key}]
        return make

    with pytest.raises(RuntimeError):
        await answers.once("k1", failing)
    assert await answers.once("k1", making("k1")) == [{"text": "k1"}]       # not remembered as answered
    for key in ("k1", "k2", "k3", "k1"):       # at most 2 kept: k1 is forgotten once k3 comes
        await answers.once(key, making(key))
    assert made == ["k1", "k2", "k3", "k1"]


@pytest.mark.parametrize(("body", "content_type", "status"), [
    (b"not json", "application/json", 400),
    (b"[1, 2]", "application/json", 400),
    (b'{"message": "hi"}', "application/json", 400),
    (b'{"sender": "x", "message": 5}', "application/json", 400),
    (b'{"sender": "x", "message": "hi", "message_id": []}', "application/json", 400),
    (json.dumps({"sender": "x" * 65, "message": "hi"}).encode(), "application/json", 400),
    (b'{"sender": "x", "message": "hi"}', "text/plain", 415),
    (json.dumps({"sender": "x", "message": "a" * 70_000}).encode(), "application/json", 413),
])
async def test_bad_rest_bodies_get_a_clear_error_and_no_turn(
        served: Served, body: bytes, content_type: str, status: int) -> None:
    response = await served.client.post(REST, data=body, headers={"Content-Type": content_type})
    assert response.status == status
    assert "Traceback" not in await response.text()
    assert said(served.core, "rest:x") == []


# --- /model/parse, /healthz, /metrics ------------------------------------------------------------

async def test_model_parse_answers_what_analyze_json_prints(
        tmp_path: Path, tiny_models_dir: Path, tiny_pipeline: Any, capsys: pytest.CaptureFixture[str]) -> None:
    text = "what is gradient descent"
    assert main(["analyze", text, "--json", "--models", str(tiny_models_dir)]) == 0
    printed = json.loads(capsys.readouterr().out)
    core = rule_core(tmp_path / "l.db", tmp_path, pipeline=tiny_pipeline)
    async with serving(core, tmp_path) as running:
        status, parsed = await running.say({"text": text}, path="/model/parse")
    await core.close()
    assert status == 200 and parsed == printed


async def test_model_parse_without_models_is_503_and_bad_text_400(tmp_path: Path) -> None:
    core = open_core(None, tmp_path / "l.db", pipeline=None, curriculum=build_curriculum())
    async with serving(core, tmp_path) as running:
        assert (await running.say({"text": "hi"}, path="/model/parse"))[0] == 503
        assert (await running.say({"text": 3}, path="/model/parse"))[0] == 400
    await core.close()


async def test_healthz_is_200_with_models_and_store_and_503_with_why(tmp_path: Path) -> None:
    core = rule_core(tmp_path / "l.db", tmp_path)
    async with serving(core, tmp_path) as running:
        response = await running.client.get("/healthz")
        assert response.status == 200 and (await response.json())["status"] == "ok"
        core.store.db.conn.close()          # the store goes away
        response = await running.client.get("/healthz")
        assert response.status == 503
        assert (await response.json())["problems"] == ["store unreachable: ProgrammingError"]
    no_models = open_core(None, ":memory:", pipeline=None, curriculum=build_curriculum())
    async with serving(no_models, tmp_path) as running:
        response = await running.client.get("/healthz")
        assert response.status == 503 and (await response.json())["problems"] == ["no models loaded"]
    await no_models.close()


async def test_metrics_count_turns_latency_errors_and_active_learners(served: Served) -> None:
    await served.say({"sender": "m1", "message": "/help"})
    await served.say({"sender": "m2", "message": "/quiz", "message_id": "x"})
    await served.say({"sender": "m2", "message": "/quiz", "message_id": "x"})   # answered from memory
    await served.say(b"{", path=REST)
    response = await served.client.get("/metrics")
    text = await response.text()
    assert response.status == 200 and response.content_type == "text/plain"
    assert 'tutorbot_turns_total{channel="rest"} 2' in text
    assert 'tutorbot_turn_seconds_bucket{le="+Inf"} 2' in text and "tutorbot_turn_seconds_count 2" in text
    assert "tutorbot_learners_active 2" in text
    assert 'tutorbot_errors_total{kind="bad_request"} 1' in text
    assert all(line.startswith(("# ", "tutorbot_")) for line in text.splitlines())


# --- the bearer token ----------------------------------------------------------------------------

async def test_with_an_api_token_everything_but_webhooks_and_the_page_needs_it(tmp_path: Path) -> None:
    core = rule_core(tmp_path / "l.db", tmp_path)
    async with serving(core, tmp_path, api_token=API_TOKEN) as running:
        body = {"sender": "t", "message": "/help"}
        for path in (REST, "/model/parse"):
            assert (await running.say(body, path=path))[0] == 401
            assert (await running.say(body, path=path, Authorization="Bearer wrong-token"))[0] == 401
        for path in ("/healthz", "/metrics", "/images/x.png", "/nowhere"):
            assert (await running.client.get(path)).status == 401
        assert said(core, "rest:t") == []
        assert (await running.say(body, Authorization=f"Bearer {API_TOKEN}"))[0] == 200
        assert (await running.client.get("/healthz", headers={"Authorization": f"Bearer {API_TOKEN}"})).status == 200
        assert (await running.client.get("/static/chat.css")).status != 401
    await core.close()


# --- the platform webhooks in the same app -------------------------------------------------------

async def test_the_messenger_webhook_is_mounted_with_its_signature_check(tmp_path: Path) -> None:
    graph = await FakeGraphApi().start()
    core = rule_core(tmp_path / "l.db", tmp_path)
    secrets = MessengerSecrets(PAGE_TOKEN, APP_SECRET, VERIFY_TOKEN, graph.url)
    try:
        async with serving(core, tmp_path, messenger=secrets, api_token=API_TOKEN) as running:
            body = fb.webhook([fb.text_event("p1", "/help", "mid.1")])
            assert (await running.say(body, path="/webhook", **{"X-Hub-Signature-256": "sha256=" + "0" * 64}))[0] == 403
            assert (await running.say(body, path="/webhook", **{"X-Hub-Signature-256": fb.sign(APP_SECRET, body)}))[0] == 200
            for _ in range(500):
                if graph.to("p1"):
                    break
                await asyncio.sleep(0.02)
        assert said(core, "fb:p1") == ["/help"] and graph.to("p1")
    finally:
        await core.close()
        await graph.stop()


async def test_the_telegram_webhook_is_mounted_with_its_secret_token(tmp_path: Path, api: FakeBotApi) -> None:
    core = rule_core(tmp_path / "l.db", tmp_path)
    settings = TelegramSettings(token=TOKEN, api_url=api.base_url, secret_token=WEBHOOK_SECRET)
    hook = TelegramHook(build_application(core, settings, rate_limiter=no_limits()), WEBHOOK_SECRET)
    try:
        async with serving(core, tmp_path, telegram=hook, api_token=API_TOKEN) as running:
            update = json.dumps({"update_id": 5, **bot_api.text_update(77, "/help")}).encode()
            assert (await running.say(update, path="/telegram", **{SECRET_HEADER: "wrong-secret-value"}))[0] == 403
            assert (await running.say(update, path="/telegram", **{SECRET_HEADER: WEBHOOK_SECRET}))[0] == 200
            await api.wait_for(lambda: bool(api.sent("sendMessage", 77)))
        assert said(core, "tg:77") == ["/help"]
    finally:
        await core.close()


@pytest.mark.parametrize("path", ["/webhook", "/healthz", "/static/hook", "/images/hook"])
async def test_a_telegram_webhook_path_another_route_has_is_refused(tmp_path: Path, path: str) -> None:
    core = rule_core(":memory:", tmp_path)
    with pytest.raises(ServeError, match="taken"):
        make_app(core, images_dir=tmp_path, telegram=TelegramHook(object(), WEBHOOK_SECRET, path))
    await core.close()


def test_a_telegram_token_without_its_webhook_secret_is_one_clear_error() -> None:
    with pytest.raises(MissingSecret, match="TELEGRAM_SECRET_TOKEN"):
        telegram_settings({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert telegram_settings({}) is None


def test_serve_with_half_the_messenger_secrets_exits_2_before_loading(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MESSENGER_APP_SECRET", APP_SECRET)
    monkeypatch.delenv("MESSENGER_PAGE_TOKEN", raising=False)
    assert main(["serve", "--models", "/nonexistent/models", "--port", "0"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("tutorbot: error:") and "MESSENGER_PAGE_TOKEN" in error and APP_SECRET not in error


async def test_no_secret_reaches_the_logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    core = rule_core(tmp_path / "l.db", tmp_path)
    async with serving(core, tmp_path, api_token=API_TOKEN, cookie_secret="cookie-secret-0123456789") as running:
        logging.getLogger("tests").info("the token is %s, the cookie key cookie-secret-0123456789", API_TOKEN)
        await running.say({"sender": "s", "message": "/help"}, Authorization=f"Bearer {API_TOKEN}")
    await core.close()
    assert "<redacted>" in caplog.text
    assert API_TOKEN not in caplog.text and "cookie-secret-0123456789" not in caplog.text
