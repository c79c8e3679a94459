// What Dash cannot say from Python, for screen readers and for print:
//  - <html lang> follows the page's language (?lang=en); Dash's index page is static (lang="zh-CN"),
//    and the title names the view (#view-title, dashboard/titles.py: page, subject, indicator, year,
//    app), else the app (the navbar brand, meeting mode's title), so an English page is
//    announced in English and a tab, a bookmark or a chat's link preview says which view it is;
//  - controls Dash renders without a name (dcc.Slider's thumb and number box have no aria-label
//    prop) take the name of the nearest wrapper with data-aria-label;
//  - the printed page's top margin says the title, the as-of year (#as-of) and the data status
//    ([data-print-status]) on every sheet (see @page in app.css);
//  - a box that scrolls sideways takes keyboard focus;
//  - before printing, charts are redrawn at the paper's width, and back afterwards.
(function () {
  "use strict";
  var PRINT_WIDTH = 700; // CSS px: A4 portrait or Letter, less the @page margins in app.css

  function text(el) {
    return el ? (el.getAttribute("data-print-status") || el.textContent || "").replace(/\s+/g, " ").trim() : "";
  }

  // The navbar brand shows a short name on a phone and the whole one (.brand-full) from md up.
  var APP_NAME = "#navbar .brand-full, .mt-title";

  function syncLang() {
    var lang = new URLSearchParams(window.location.search).get("lang") === "en" ? "en" : "zh-CN";
    if (document.documentElement.lang !== lang) { document.documentElement.lang = lang; }
    var title = text(document.getElementById("view-title")) ||
      text(document.querySelector(APP_NAME));
    if (title && document.title !== title) { document.title = title; }
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
    var parts = [text(document.querySelector(APP_NAME)),
                 text(document.getElementById("as-of")),
                 text(document.querySelector("[data-print-status]"))].filter(Boolean);
    var value = JSON.stringify(parts.join(" · "));
    var root = document.documentElement.style;
    if (root.getPropertyValue("--kepu-print-line") !== value) { root.setProperty("--kepu-print-line", value); }
  }

  // A box that scrolls sideways (a wide table on a phone) takes keyboard focus, so that arrow keys
  // can scroll it (WCAG 2.1.1); boxes that fit stay out of the tab order.
  function focusScrollers() {
    var boxes = document.querySelectorAll(".table-responsive, .dep-matrix-col");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i], scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-focus", "1");
      } else if (!scrolls && box.getAttribute("data-scroll-focus") === "1") {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-focus");
      }
    }
  }

  // Reading the boxes' widths makes the browser lay the page out at once: while a page is being
  // built and its charts drawn that cost about 15 ms a time on the way to the first drawn map. So it
  // waits for a pause in the changes (SETTLE_MS: a map waiting for its boundaries is idle too), then
  // for the browser to be idle (a second at most). Nobody tabs to a box in that time.
  var SETTLE_MS = 300;
  var settleTimer = null;
  var root = document.documentElement;
  function focusScrollersNow() { focusScrollers(); root.removeAttribute("data-scrollers-pending"); }
  function focusScrollersWhenIdle() {
    root.setAttribute("data-scrollers-pending", "");  // tests/support/axe.py waits for it to go
    window.clearTimeout(settleTimer);
    settleTimer = window.setTimeout(function () {
      if (window.requestIdleCallback) { window.requestIdleCallback(focusScrollersNow, {timeout: 1000}); } else { focusScrollersNow(); }
    }, SETTLE_MS);
  }

  function update() { syncLang(); nameControls(); printLine(); focusScrollersWhenIdle(); }

  ["pushState", "replaceState"].forEach(function (name) {
    var original = window.history[name];
    window.history[name] = function () {
      var result = original.apply(this, arguments);
      update();
      return result;
    };
  });
  window.addEventListener("popstate", update);
  window.addEventListener("resize", focusScrollersWhenIdle);

  // Inside a chart only plotly.js changes things (its SVG, its hover box): nothing here to update, and
  // reading the page's boxes (focusScrollers) after each of the frames it draws in forced a layout of
  // the whole page every frame while the charts were drawn.
  function inChart(record) {
    var node = record.target;
    return node.nodeType === 1 && (node instanceof SVGElement || node.closest(".js-plotly-plot") !== null);
  }

  var pending = false;
  new MutationObserver(function (records) {
    if (pending || records.every(inChart)) { return; }
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
