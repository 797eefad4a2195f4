/* Reading aids for every public page: text size, high contrast and wider line spacing.

   The reader's choice is kept in this browser (localStorage) and set as classes on <html>. The
   script is loaded without `defer` as the first thing in <body>, so the classes are there before
   the page is first painted and a reader who chose large text never sees it jump. The buttons are
   wired once the document has been parsed. Without this script the toolbar stays hidden and the
   page reads as usual. */
(function () {
  "use strict";

  var STORAGE_KEY = "jingmeng.reading";
  var SIZES = ["", "large", "larger"];
  var SWITCHES = ["contrast", "spacing"];
  var root = document.documentElement;

  function normalise(value) {
    var prefs = value && typeof value === "object" ? value : {};
    return {
      size: SIZES.indexOf(prefs.size) > 0 ? prefs.size : "",
      contrast: prefs.contrast === true,
      spacing: prefs.spacing === true,
    };
  }

  function isDefault(prefs) {
    return !prefs.size && !prefs.contrast && !prefs.spacing;
  }

  // Storage may be switched off or full (private windows): the aids then last for this page only.
  function load() {
    try {
      return normalise(JSON.parse(window.localStorage.getItem(STORAGE_KEY)));
    } catch (error) {
      return normalise(null);
    }
  }

  function save(prefs) {
    try {
      if (isDefault(prefs)) {
        window.localStorage.removeItem(STORAGE_KEY);
      } else {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(prefs));
      }
    } catch (error) {
      /* kept for this page only */
    }
  }

  function apply(prefs) {
    SIZES.forEach(function (size) {
      if (size) {
        root.classList.toggle("reading-" + size, prefs.size === size);
      }
    });
    SWITCHES.forEach(function (name) {
      root.classList.toggle("reading-" + name, prefs[name]);
    });
  }

  var prefs = load();
  apply(prefs);

  function wire() {
    var toggle = document.querySelector(".reading-toggle");
    var toolbar = document.getElementById("reading-toolbar");
    if (!toggle || !toolbar) {
      return;
    }
    var sizeButtons = toolbar.querySelectorAll("[data-reading-size]");
    var switchButtons = toolbar.querySelectorAll("[data-reading-switch]");

    function show(current) {
      Array.prototype.forEach.call(sizeButtons, function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-reading-size") === current.size));
      });
      Array.prototype.forEach.call(switchButtons, function (button) {
        button.setAttribute("aria-pressed", String(current[button.getAttribute("data-reading-switch")]));
      });
    }

    function change(update) {
      var next = normalise({ size: prefs.size, contrast: prefs.contrast, spacing: prefs.spacing });
      Object.keys(update).forEach(function (key) {
        next[key] = update[key];
      });
      prefs = normalise(next);
      apply(prefs);
      save(prefs);
      show(prefs);
    }

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", String(open));
      toolbar.hidden = !open;
    }

    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });

    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !toolbar.contains(button)) {
        return;
      }
      if (button.hasAttribute("data-reading-size")) {
        change({ size: button.getAttribute("data-reading-size") });
      } else if (button.hasAttribute("data-reading-switch")) {
        var name = button.getAttribute("data-reading-switch");
        var update = {};
        update[name] = !prefs[name];
        change(update);
      } else if (button.hasAttribute("data-reading-reset")) {
        change({ size: "", contrast: false, spacing: false });
      }
    });

    // Escape closes the toolbar and gives focus back to the button that opened it.
    toolbar.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        setOpen(false);
        toggle.focus();
      }
    });

    // A choice made in another tab of this site shows here too.
    window.addEventListener("storage", function (event) {
      if (event.key === STORAGE_KEY || event.key === null) {
        prefs = load();
        apply(prefs);
        show(prefs);
      }
    });

    show(prefs);
    toggle.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
