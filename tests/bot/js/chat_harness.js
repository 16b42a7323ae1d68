// Runs bot/static/chat.js in node against a minimal stand-in DOM and a scripted fetch, and prints
// what was posted and shown as JSON. Used by tests/bot/test_webchat.py (skipped without node).
"use strict";
const fs = require("fs");
const vm = require("vm");

class Element {
  constructor(tag, id) {
    this.tagName = tag; this.id = id || ""; this.children = []; this.parent = null; this.listeners = {};
    this.attributes = {}; this.dataset = {}; this.hidden = false; this.disabled = false; this.value = "";
    this._text = ""; this._classes = new Set();
    const self = this;
    this.classList = {
      add: (...names) => names.forEach((n) => self._classes.add(n)),
      remove: (...names) => names.forEach((n) => self._classes.delete(n)),
      replace: (a, b) => { if (self._classes.delete(a)) self._classes.add(b); },
      contains: (n) => self._classes.has(n),
    };
  }
  set className(value) { this._classes = new Set(value.split(/\s+/).filter(Boolean)); }
  get className() { return [...this._classes].join(" "); }
  set textContent(value) { this._text = String(value); this.children = []; }
  get textContent() { return this._text + this.children.map((c) => (typeof c === "string" ? c : c.textContent)).join(""); }
  appendChild(child) { if (typeof child !== "string") child.parent = this; this.children.push(child); return child; }
  append(...items) { items.forEach((item) => this.appendChild(item)); }
  remove() { if (this.parent) this.parent.children = this.parent.children.filter((c) => c !== this); }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  focus() {}
  addEventListener(type, fn) { (this.listeners[type] = this.listeners[type] || []).push(fn); }
  dispatch(type, event) { (this.listeners[type] || []).forEach((fn) => fn(event)); }
  matches(selector) { return selector.startsWith(".") ? this._classes.has(selector.slice(1)) : this.tagName === selector; }
  closest(selector) { let node = this; while (node && !node.matches(selector)) node = node.parent; return node; }
  all(selector) {
    const found = [];
    const walk = (node) => node.children.forEach((c) => { if (typeof c !== "string") { if (c.matches(selector)) found.push(c); walk(c); } });
    walk(this);
    return found;
  }
  querySelector(selector) { return this.all(selector)[0] || null; }
  querySelectorAll(selector) { return this.all(selector); }
}

const ids = {};
for (const id of ["log", "composer", "message", "typing", "status"]) ids[id] = new Element("div", id);
const document = { getElementById: (id) => ids[id], createElement: (tag) => new Element(tag) };

// The script: the first post of each message fails as a network error, later ones answer.
const posts = [];
const failedOnce = new Set();
async function fetch(url, options) {
  const body = JSON.parse(options.body);
  posts.push({ url, body });
  if (!failedOnce.has(body.message_id)) { failedOnce.add(body.message_id); throw new TypeError("network down"); }
  const answer = [{ recipient_id: "me", text: "echo " + body.message, buttons: [{ title: "A", payload: "1" }] }];
  return { ok: true, status: 200, json: async () => answer, text: async () => "" };
}

const window = { addEventListener() {}, crypto: require("crypto").webcrypto };
const context = vm.createContext({ document, window, fetch, crypto: window.crypto, setTimeout, console, Promise });
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), context);

function type(text) { ids.message.value = text; ids.composer.dispatch("submit", { preventDefault() {} }); }
type("first");
type("second");
const started = Date.now();
(function wait() {
  const shown = ids.log.all(".msg").map((m) => ({ kind: m.className, text: m.textContent }));
  if (shown.filter((m) => m.kind.includes("bot")).length < 2 && Date.now() - started < 20000) return setTimeout(wait, 20);
  const enabled = ids.log.all(".option").map((b) => !b.disabled);
  console.log(JSON.stringify({ posts: posts.map((p) => p.body), shown, typingHidden: ids.typing.hidden, enabled }));
})();
