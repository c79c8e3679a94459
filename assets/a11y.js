// What Dash cannot say from Python, for screen readers and for print:
//  - <html lang> follows the page's language (?lang=en); Dash's index page is static (lang="zh-CN"),
//    and the title follows the navigation bar's brand, so an English page is announced in English;
//  - controls Dash renders without a name (dcc.Slider's thumb and number box have no aria-label
//    prop) take the name of the nearest wrapper with data-aria-label;
//  - the printed page's top margin says the title, the as-of year (#as-of) and the data status
//    ([data-print-status]) on every sheet (see @page in app.css);
//  - before printing, charts are redrawn at the paper's width, and back afterwards.
(function () {
  "use strict";
  var PRINT_WIDTH = 700; // CSS px: A4 portrait or Letter, less the @page margins in app.css

  function text(el) {
    return el ? (el.getAttribute("data-print-status") || el.textContent || "").replace(/\s+/g, " ").trim() : "";
  }

  function syncLang() {
    var lang = new URLSearchParams(window.location.search).get("lang") === "en" ? "en" : "zh-CN";
    if (document.documentElement.lang !== lang) { document.documentElement.lang = lang; }
    var brand = text(document.querySelector("#navbar .navbar-brand, .mt-title"));
    if (brand && document.title !== brand) { document.title = brand; }
  }

  function nameControls() {
    var wrappers = document.querySelectorAll("[data-aria-label]");
    for (var i = 0; i < wrappers.length; i++) {
      var label = wrappers[i].getAttribute("data-aria-label");
      var controls = wrappers[i].querySelectorAll('[role="slider"], input:not([type="hidden"])');
      for (var j = 0; j < controls.length; j++) {
        if (controls[j].getAttribute("aria-label") !== label) { controls[j].setAttribute("aria-label", label); }
      }
    }
  }

  function printLine() {
    var parts = [text(document.querySelector("#navbar .navbar-brand, .mt-title")),
                 text(document.getElementById("as-of")),
                 text(document.querySelector("[data-print-status]"))].filter(Boolean);
    var value = JSON.stringify(parts.join(" · "));
    var root = document.documentElement.style;
    if (root.getPropertyValue("--kepu-print-line") !== value) { root.setProperty("--kepu-print-line", value); }
  }

  function update() { syncLang(); nameControls(); printLine(); }

  ["pushState", "replaceState"].forEach(function (name) {
    var original = window.history[name];
    window.history[name] = function () {
      var result = original.apply(this, arguments);
      update();
      return result;
    };
  });
  window.addEventListener("popstate", update);

  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; update(); });
  }).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
  update();

  // Plotly draws at a fixed pixel size: redraw every chart at the paper's width before printing.
  function graphs() { return document.querySelectorAll(".js-plotly-plot"); }
  window.addEventListener("beforeprint", function () {
    if (!window.Plotly) { return; }
    printLine();
    graphs().forEach(function (gd) {
      if (gd.offsetWidth > PRINT_WIDTH) {
        gd.setAttribute("data-print-resized", "1");
        window.Plotly.relayout(gd, {width: PRINT_WIDTH});
      }
    });
  });
  window.addEventListener("afterprint", function () {
    if (!window.Plotly) { return; }
    document.querySelectorAll('[data-print-resized="1"]').forEach(function (gd) {
      gd.removeAttribute("data-print-resized");
      window.Plotly.relayout(gd, {width: null, autosize: true});
      window.Plotly.Plots.resize(gd);
    });
  });
})();
