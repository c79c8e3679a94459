// Charts on a phone. The server builds each figure for a desktop column; below the md breakpoint:
// - a map is shortened to what its drawing needs: fitted to a 360–430 px width, the districts left a
//   band of empty space above and below them, and the first screen showed the title but no district;
// - a title wider than the chart (plotly does not wrap titles) is broken into lines, after its
//   " · " or between CJK characters, and the plot moves down to make room for them;
// - a year axis with more labels than fit keeps every other year (and always the last).
// Desktop charts are left alone.
(function () {
  var PHONE = window.matchMedia("(max-width: 767.98px)");
  var SLACK = 12; // px of empty space worth a relayout (a smaller gap is the fitted map's own margin)

  function fit(gd) {
    if (!PHONE.matches || !gd._fullLayout || !gd._fullLayout.geo || !window.Plotly) return;
    var drawn = gd.querySelector(".choroplethlayer");
    var size = gd._fullLayout._size;
    if (!drawn || !size) return;
    var domain = gd._fullLayout.geo.domain || { y: [0, 1] };
    var frame = size.h * (domain.y[1] - domain.y[0]); // the geo subplot's box, in px
    var shapes = drawn.getBoundingClientRect();
    var slack = frame - shapes.height;
    if (shapes.height <= 0 || slack < SLACK) return;
    var height = Math.round(gd._fullLayout.height - slack + SLACK);
    if (Math.abs(height - gd._fullLayout.height) < SLACK) return;
    window.Plotly.relayout(gd, { height: height });
  }

  var LINE = 21; // px per extra title line, as dashboard/figures/common.py's base_layout uses

  function plain(html) {
    return html.replace(/<br\s*\/?>/g, "\n").replace(/<[^>]+>/g, "");
  }

  // Break ``line`` so that each piece is at most ``room`` px wide, given its width is ``width``.
  function pieces(line, width, room) {
    var n = Math.ceil(width / room);
    if (n <= 1) return [line];
    var parts = line.split(" · ");
    if (parts.length > 1) {
      var head = parts.shift();
      var rest = parts.join(" · ");
      var headWidth = width * head.length / line.length;
      return pieces(head, headWidth, room).concat(pieces(rest, width - headWidth, room));
    }
    var size = Math.ceil(line.length / n);
    var out = [];
    for (var i = 0; i < line.length; i += size) out.push(line.slice(i, i + size));
    return out;
  }

  function wrapTitle(gd) {
    if (!PHONE.matches || !window.Plotly || !gd.layout || !gd.layout.title || !gd.layout.title.text) return;
    var shown = gd.querySelector(".gtitle");
    if (!shown) return;
    var room = gd.getBoundingClientRect().width - 20;
    var width = shown.getBoundingClientRect().width;
    if (width <= room) return;
    var lines = plain(gd.layout.title.text).split("\n");
    var longest = lines.reduce(function (a, b) { return b.length > a.length ? b : a; }, "");
    var perChar = width / Math.max(1, longest.length);
    var wrapped = [];
    lines.forEach(function (line) { wrapped = wrapped.concat(pieces(line, line.length * perChar, room)); });
    var extra = wrapped.length - lines.length;
    if (extra <= 0) return;
    var height = gd._fullLayout.height;
    var update = {
      "title.text": wrapped.map(function (l) { return "<b>" + l + "</b>"; }).join("<br>"),
      "title.y": (gd.layout.title.y || 0.98) - LINE * extra / height,
      "margin.t": ((gd.layout.margin && gd.layout.margin.t) || 50) + LINE * extra
    };
    window.Plotly.relayout(gd, update);
  }

  // A year axis lists every year (tickvals); a phone has room for about six labels, so a longer
  // span (two plan periods: 2015–2025) keeps every other year, always with the last one.
  var MAX_TICKS = 7;

  function thinTicks(gd) {
    if (!PHONE.matches || !window.Plotly || !gd.layout || !gd.layout.xaxis) return;
    var ticks = gd.layout.xaxis.tickvals;
    if (!Array.isArray(ticks) || ticks.length <= MAX_TICKS || gd.__kepuThinned === ticks.length) return;
    var step = Math.ceil(ticks.length / (MAX_TICKS - 1));
    var last = ticks.length - 1;
    var kept = ticks.filter(function (_, i) { return (last - i) % step === 0; });
    gd.__kepuThinned = kept.length;
    window.Plotly.relayout(gd, { "xaxis.tickvals": kept });
  }

  function watch(gd) {
    if (gd.__kepuPhoneMap || typeof gd.on !== "function") return;
    gd.__kepuPhoneMap = true;
    gd.on("plotly_afterplot", function () { thinTicks(gd); wrapTitle(gd); fit(gd); });
    thinTicks(gd);
    wrapTitle(gd);
    fit(gd);
  }

  // Graphs appear and are replaced as pages change: watch each new plot once.
  new MutationObserver(function () {
    document.querySelectorAll(".js-plotly-plot").forEach(watch);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
