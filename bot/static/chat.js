// tutorbot web chat. Messages go out one at a time, in the order typed, each with a message_id
// made here; after a network error the same message is sent again with the same id, and the
// server answers an id once (a retry gets the first answer), so nothing is lost or doubled.
"use strict";
(() => {
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const typing = document.getElementById("typing");
  const status = document.getElementById("status");
  const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15000];
  const queue = [];        // messages not answered yet, oldest first
  let busy = false;

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function bubble(kind, who, text) {
    const div = document.createElement("div");
    div.className = "msg " + kind;
    const p = document.createElement("p");
    p.className = "text";
    const speaker = document.createElement("span");
    speaker.className = "visually-hidden";      // read out by screen readers, not shown
    speaker.textContent = who + ": ";
    p.append(speaker, text);
    div.appendChild(p);
    log.appendChild(div);
    scrollDown();
    return div;
  }

  function showReply(message) {
    const div = bubble("bot", "tutorbot", message.text || "");
    const image = message.image;
    if (typeof image === "string" && image.startsWith("/images/")) {
      const img = document.createElement("img");
      img.src = image;
      img.alt = "A picture from the tutor";
      img.addEventListener("load", scrollDown);
      div.appendChild(img);
    }
    if (Array.isArray(message.buttons) && message.buttons.length) {
      const group = document.createElement("div");
      group.className = "options";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Options");
      for (const option of message.buttons) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "option";
        button.textContent = option.title;
        button.dataset.payload = option.payload;
        group.appendChild(button);
      }
      div.appendChild(group);
    }
  }

  function note(item, text, withRetry) {
    item.el.querySelector(".note")?.remove();
    const span = document.createElement("span");
    span.className = "note";
    span.textContent = text;
    if (withRetry) {
      const retry = document.createElement("button");
      retry.type = "button";
      retry.className = "retry";
      retry.textContent = "Retry";
      retry.addEventListener("click", resume);
      span.appendChild(retry);
    }
    item.el.appendChild(span);
  }

  function send(text, label) {
    queue.push({ id: newId(), text: text, el: bubble("me pending", "You", label || text) });
    pump();
  }

  async function pump() {
    if (busy) return;
    busy = true;
    while (queue.length) {
      if (!(await deliver(queue[0]))) break;    // not delivered yet: resume() or going online goes on
      queue.shift();
    }
    busy = false;
  }

  function resume() {
    status.textContent = "Sending again…";
    pump();
  }

  // True once the message is answered (or refused for good); false to wait for the network.
  async function deliver(item) {
    typing.hidden = false;
    try {
      for (const delay of [0, ...RETRY_DELAYS_MS]) {
        if (delay) await new Promise((done) => setTimeout(done, delay));
        const outcome = await post(item);
        if (outcome.messages) {
          item.el.classList.remove("pending", "failed");
          item.el.querySelector(".note")?.remove();
          status.textContent = "";
          // Only the newest options can be chosen: a number from an older question's button
          // would answer the current, different question.
          log.querySelectorAll(".option").forEach((b) => { b.disabled = true; });
          outcome.messages.forEach(showReply);
          return true;
        }
        if (outcome.refused) {
          item.el.classList.replace("pending", "failed");
          note(item, "Not sent: " + outcome.refused, false);
          return true;
        }
        status.textContent = "Connection lost — trying again…";
      }
      item.el.classList.add("failed");
      note(item, "Not sent yet.", true);
      status.textContent = "You seem to be offline. Your messages will be sent when you are back.";
      return false;
    } finally {
      typing.hidden = true;
    }
  }

  async function post(item) {
    try {
      const response = await fetch("/chat/message", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message: item.text, message_id: item.id }),
      });
      if (response.ok) return { messages: await response.json() };
      if (response.status >= 500 || response.status === 408 || response.status === 429) return {};
      return { refused: (await response.text()) || "error " + response.status };
    } catch (error) {
      return {};                                 // a network error, or an answer cut short: send again
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
    input.focus();
  });

  log.addEventListener("click", (event) => {
    const button = event.target.closest(".option");
    if (!button || button.disabled) return;
    button.closest(".options").querySelectorAll("button").forEach((b) => { b.disabled = true; });
    send(button.dataset.payload, button.textContent);
    input.focus();
  });

  window.addEventListener("online", resume);
})();
