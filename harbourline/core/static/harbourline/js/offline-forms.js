/* Harbourline offline forms: a form that keeps working when the connection drops.
 *
 * Attach it to a POST form (see docs/offline-forms.md):
 *   <form method="post" data-offline-form="survey-42" data-offline-login="/accounts/login/">
 *     {% csrf_token %}<input type="hidden" name="client_key" value="{{ uuid }}"> ...
 *   </form>
 *   <p data-offline-status role="status" aria-live="polite"></p>    (optional: created if absent)
 *   <script src="{% static 'harbourline/js/offline-forms.js' %}" defer></script>
 *
 * What it does:
 * - The form is sent in the background (fetch). If the network is down, or the request fails, the post is kept
 *   in this browser's localStorage and the page says "saved on this phone, not yet sent"; the form is emptied
 *   for the next entry with a new client_key.
 * - Kept posts are sent when the connection returns (the "online" event), when a page with the script loads,
 *   and every 30 seconds. Each is sent with the current page's security (CSRF) token.
 * - A kept post that meets an expired session (the answer is the login page, 401 or 403) stays kept; it is
 *   sent after the user signs in again and comes back to a page with the script.
 * - A post the server refuses (any other 4xx) is moved to a "refused" list shown on the page, not resent.
 * - The server must accept the same post twice as one (the client_key field): a post can arrive and its
 *   answer be lost.
 * No inline script and no eval: it runs under the platform's Content Security Policy.
 */
(function () {
  "use strict";
  var QUEUE = "harbourline-offline-queue";
  var REFUSED = "harbourline-offline-refused";
  var sending = false;

  function load(name) {
    try { return JSON.parse(window.localStorage.getItem(name) || "[]"); } catch (e) { return []; }
  }
  function save(name, items) { window.localStorage.setItem(name, JSON.stringify(items)); }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40; bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function currentToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function statusBoxes() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-offline-status]"));
    if (!boxes.length) {
      var form = document.querySelector("form[data-offline-form]");
      if (!form) { return []; }
      var box = document.createElement("p");
      box.setAttribute("data-offline-status", "");
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      form.parentNode.insertBefore(box, form);
      boxes = [box];
    }
    return boxes;
  }

  var note = "";

  // extra: a note on what just happened ("Sent."); left out, the last note stays.
  function show(extra) {
    if (typeof extra === "string") { note = extra; }
    var queued = load(QUEUE).length;
    var refused = load(REFUSED).length;
    var parts = [];
    if (note) { parts.push(note); }
    if (queued) {
      parts.push(queued + (queued === 1 ? " entry is" : " entries are") +
        " saved on this phone, not yet sent. They will be sent when the connection returns" +
        (needsLogin ? "; sign in again to send them." : "."));
    }
    if (refused) {
      parts.push(refused + (refused === 1 ? " entry was" : " entries were") +
        " refused by the server and not saved: enter " + (refused === 1 ? "it" : "them") + " again.");
    }
    statusBoxes().forEach(function (box) {
      box.textContent = parts.join(" ");
      box.className = "notice " + (queued || refused ? "notice-warning offline-pending" : "notice-success");
      box.hidden = parts.length === 0;
    });
  }

  var needsLogin = false;

  function isLogin(response, loginUrl) {
    if (response.status === 401 || response.status === 403) { return true; }
    if (!loginUrl) { return false; }
    try { return new URL(response.url).pathname.indexOf(loginUrl) === 0; } catch (e) { return false; }
  }

  function post(item) {
    var body = new URLSearchParams(item.body);
    var token = currentToken();
    if (token) { body.set("csrfmiddlewaretoken", token); }
    return window.fetch(item.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Offline-Form": "1" }
    });
  }

  // "sent", "keep" (network down or sign-in needed) or "refused".
  function outcome(response, loginUrl) {
    if (isLogin(response, loginUrl)) { needsLogin = true; return "keep"; }
    if (response.ok) { return "sent"; }
    if (response.status >= 400 && response.status < 500) { return "refused"; }
    return "keep";
  }

  function flush() {
    var items = load(QUEUE);
    if (sending || !items.length || navigator.onLine === false) { show(); return Promise.resolve(); }
    sending = true;
    needsLogin = false;
    var sentCount = 0;
    var chain = Promise.resolve();
    items.forEach(function (item) {
      chain = chain.then(function () {
        if (needsLogin) { return; }
        return post(item).then(function (response) {
          var result = outcome(response, item.login);
          if (result === "keep") { return; }
          save(QUEUE, load(QUEUE).filter(function (other) { return other.id !== item.id; }));
          if (result === "refused") { var refused = load(REFUSED); refused.push(item); save(REFUSED, refused); }
          else { sentCount += 1; }
        }, function () { /* still offline: keep it */ });
      });
    });
    return chain.then(function () {
      sending = false;
      show(sentCount ? sentCount + (sentCount === 1 ? " entry" : " entries") + " kept on this phone " +
        (sentCount === 1 ? "has" : "have") + " now been sent." : undefined);
    });
  }

  function enqueue(form, body) {
    var items = load(QUEUE);
    items.push({
      id: newKey(),
      action: form.getAttribute("action") || window.location.pathname,
      body: body,
      form: form.getAttribute("data-offline-form"),
      login: form.getAttribute("data-offline-login") || "",
      at: new Date().toISOString()
    });
    save(QUEUE, items);
  }

  function resetForm(form) {
    form.reset();
    var key = form.querySelector("input[name=client_key]");
    if (key) { key.value = newKey(); }
    var first = form.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-offline-form]")) { return; }
    event.preventDefault();
    var body = new URLSearchParams(new FormData(form)).toString();
    var item = { action: form.getAttribute("action") || window.location.pathname, body: body };
    var loginUrl = form.getAttribute("data-offline-login") || "";
    if (navigator.onLine === false) {
      enqueue(form, body);
      resetForm(form);
      show("Saved on this phone.");
      return;
    }
    post(item).then(function (response) {
      var result = outcome(response, loginUrl);
      if (result === "sent") {
        resetForm(form);
        show("Sent.");
        flush();
      } else if (result === "keep") {
        enqueue(form, body);
        resetForm(form);
        show("Saved on this phone.");
      } else {
        // The server found a problem in the entry: send it the ordinary way to see its messages.
        HTMLFormElement.prototype.submit.call(form);
      }
    }, function () {
      enqueue(form, body);
      resetForm(form);
      show("Saved on this phone.");
    });
  }

  document.addEventListener("submit", onSubmit);
  window.addEventListener("online", flush);
  window.addEventListener("offline", function () { show("No connection: entries will be kept on this phone."); });
  if (document.querySelector("form[data-offline-form], [data-offline-status]")) {
    show();
    flush();
    window.setInterval(flush, 30000);
  }
})();
