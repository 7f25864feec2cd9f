// Saves a report section as the officer types, so that a closed tab or a lost connection
// loses nothing. Progressive enhancement: without it, the form's own buttons save.
//
// Each save sends the version the page holds; the server answers with the next version, or
// 409 when someone else saved first. Then saving stops and the officer's text stays in the
// box, for them to save by hand and see both texts side by side.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-autosave-url");
  var status = document.getElementById("autosave-status");
  var version = form.querySelector("input[name=version]");
  var DELAY = 1500;
  var timer = null;
  var inFlight = null;
  var dirty = false;
  var stopped = false;
  var submitting = false;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function save() {
    timer = null;
    if (stopped || !dirty) {
      return Promise.resolve();
    }
    if (inFlight) {
      return inFlight.then(save);
    }
    dirty = false;
    say("Saving…");
    inFlight = fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (response.ok) {
            version.value = body.version;
            say("Draft saved at " + body.saved_at + ".");
          } else if (response.status === 409) {
            stopped = true;
            say(body.error + " Select a save button to compare the two.");
          } else {
            dirty = true;
            say("Not saved: " + describe(body) + " Your text is still here.");
          }
        });
      })
      .catch(function () {
        dirty = true;
        say("Not saved: no connection. Your text is still here; it will be saved when you next type or select a save button.");
      })
      .then(function () {
        inFlight = null;
      });
    return inFlight;
  }

  function describe(body) {
    if (body.error) {
      return body.error;
    }
    var parts = [];
    Object.keys(body.errors || {}).forEach(function (name) {
      (body.errors[name] || []).forEach(function (problem) {
        parts.push(typeof problem === "string" ? problem : problem.message);
      });
    });
    return parts.join(" ");
  }

  function changed() {
    if (stopped) {
      return;
    }
    dirty = true;
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(save, DELAY);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  // A save by hand waits for an autosave on its way, so that it carries the newest version.
  form.addEventListener("submit", function (event) {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (inFlight && !submitting) {
      event.preventDefault();
      var submitter = event.submitter;
      inFlight.then(function () {
        submitting = true;
        dirty = false;
        form.requestSubmit(submitter);
      });
      return;
    }
    submitting = true;
    dirty = false;
  });

  // Closing the tab or leaving the page: send what is unsaved, even as the page goes.
  function flush() {
    if (dirty && !stopped && !submitting && navigator.sendBeacon) {
      dirty = false;
      navigator.sendBeacon(url, new FormData(form));
    }
  }
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      flush();
    }
  });
})();
