/* Warns before the back-office session ends for idleness, and offers to stay signed in.
 *
 * The server ends the session after SESSION_IDLE_TIMEOUT without activity whatever this script
 * does; it only asks the server how long is left (another tab may have been busy), shows a
 * notice in the last minutes, and sends "stay signed in" when the button is pressed.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !window.fetch) {
    return;
  }
  var idleSeconds = Number(script.dataset.idleSeconds);
  var warnSeconds = Number(script.dataset.warnSeconds);
  var pingUrl = script.dataset.pingUrl;
  var timer = null;
  var countdown = null;
  var notice = null;

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) {
      return field.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function ask(method) {
    var options = { method: method, credentials: "same-origin", headers: { "Accept": "application/json" } };
    if (method === "POST") {
      options.headers["X-CSRFToken"] = csrfToken();
    }
    return fetch(pingUrl, options).then(function (response) {
      if (!response.ok) {
        return 0;
      }
      return response.json().then(function (data) { return Number(data.remaining); });
    });
  }

  function schedule(remaining) {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, Math.max(1, remaining - warnSeconds) * 1000);
  }

  function check() {
    ask("GET").then(function (remaining) {
      if (remaining <= 0) {
        expire();
      } else if (remaining > warnSeconds + 5) {
        hide();
        schedule(remaining);
      } else {
        show(remaining);
      }
    }, function () {
      schedule(warnSeconds + 30);
    });
  }

  function build() {
    notice = document.createElement("div");
    notice.className = "idle-timeout-notice";
    notice.setAttribute("role", "alertdialog");
    notice.setAttribute("aria-live", "assertive");
    var text = document.createElement("p");
    text.className = "idle-timeout-text";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button default idle-timeout-stay";
    button.textContent = script.dataset.button;
    button.addEventListener("click", stay);
    notice.appendChild(text);
    notice.appendChild(button);
    document.body.appendChild(notice);
  }

  function show(remaining) {
    if (!notice) {
      build();
    }
    notice.hidden = false;
    var deadline = Date.now() + remaining * 1000;
    var text = notice.querySelector(".idle-timeout-text");
    function tick() {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      text.textContent = script.dataset.message.replace("{seconds}", String(left));
      if (left <= 0) {
        window.clearInterval(countdown);
        check();
      }
    }
    window.clearInterval(countdown);
    tick();
    countdown = window.setInterval(tick, 1000);
    notice.querySelector("button").focus();
  }

  function hide() {
    window.clearInterval(countdown);
    if (notice) {
      notice.hidden = true;
    }
  }

  function stay() {
    ask("POST").then(function (remaining) {
      if (remaining <= 0) {
        expire();
      } else {
        hide();
        schedule(remaining);
      }
    }, expire);
  }

  function expire() {
    window.clearInterval(countdown);
    window.clearTimeout(timer);
    if (notice) {
      notice.querySelector(".idle-timeout-text").textContent = script.dataset.expired;
      notice.querySelector("button").hidden = true;
      notice.hidden = false;
    }
    // The server has ended the session: reloading shows the sign-in page with its message.
    window.location.reload();
  }

  schedule(idleSeconds);
})();
