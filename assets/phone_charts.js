// Charts on a phone. The server builds each figure for a desktop column; below the md breakpoint:
// - a map is shortened to what its drawing needs: fitted to a 360–430 px width, the districts left a
//   band of empty space above and below them, and the first screen showed the title but no district;
// - a title wider than the chart (plotly does not wrap titles) is broken into lines, after its
//   " · " or between CJK characters, and the plot moves down to make room for them;
// - a year axis with more labels than fit keeps every other year (and always the last);
// - a legend inside the plot (the trend's, top left; the published figures', bottom right) covered a
//   third of a phone's narrow plot: it moves below the x-axis title, laid out in rows, and the chart
//   grows by its height, the source line moving down with the bottom margin.
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
    if (extra <= 0) return false;
    var height = gd._fullLayout.height;
    var update = {
      "title.text": wrapped.map(function (l) { return "<b>" + l + "</b>"; }).join("<br>"),
      "title.y": (gd.layout.title.y || 0.98) - LINE * extra / height,
      "margin.t": ((gd.layout.margin && gd.layout.margin.t) || 50) + LINE * extra
    };
    window.Plotly.relayout(gd, update);
    return true;
  }

  // Legends inside the plot go below the x-axis title, one under the other, and the caption (the source
  // line and the sample mark, placed by yshift under the plot: dashboard/figures/common.py's base_layout)
  // moves down by what they take. Each pass measures what is drawn and relayouts only when something is
  // more than MOVE px from where it should be: the first pass estimates a moved legend's height from its
  // items, the next one corrects it, and then nothing moves (no relayout loop).
  var LEGENDS = ["legend", "legend2"];
  var GAP = 8; // px between the x-axis title, the legends and the caption
  var MOVE = 2;
  var CAPTIONS = ["caption", "sample-mark"];

  // The height of a vertical legend once laid out in rows across ``room`` px.
  function rowsHeight(el, room) {
    var texts = el.querySelectorAll(".traces .legendtext");
    var title = el.querySelector(".legendtitletext");
    var x = title ? title.getBoundingClientRect().width + 10 : 0;
    var rows = 1;
    var rowHeight = 20;
    texts.forEach(function (t) {
      var r = t.getBoundingClientRect();
      var w = r.width + 50; // the symbol before the text and the gap after it
      rowHeight = Math.max(rowHeight, r.height + 6);
      if (x > 0 && x + w > room) { rows += 1; x = 0; }
      x += w;
    });
    return rows * rowHeight + 10;
  }

  function lowerLegends(gd) {
    var full = gd._fullLayout;
    if (!PHONE.matches || !window.Plotly || !full || full.geo || !full._size || !gd.layout) return false;
    // Only legends that sit inside the plot area, and those this moved before (to correct them).
    var inPlot = function (id) { var l = full[id]; return l.x >= 0 && l.x <= 1 && l.y >= 0 && l.y <= 1; };
    var moved = function (id) { var l = full[id]; return l.orientation === "h" && l.x === 0 && l.y < 0; };
    var shown = LEGENDS.filter(function (id) {
      return full[id] && gd.querySelector(".infolayer > ." + id) && (inPlot(id) || moved(id));
    });
    if (!shown.length) return false;
    var size = full._size;
    var box = gd.getBoundingClientRect();
    var plotBottom = box.top + size.t + size.h;
    var floor = plotBottom;
    gd.querySelectorAll(".xaxislayer-above, .g-xtitle").forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.height) floor = Math.max(floor, r.bottom);
    });
    var update = {};
    var changed = false;
    var depth = floor - plotBottom + GAP; // px below the plot's bottom edge
    shown.forEach(function (id) {
      var el = gd.querySelector(".infolayer > ." + id);
      var inside = inPlot(id);
      var height = inside ? rowsHeight(el, box.width - 20) : el.getBoundingClientRect().height;
      var y = -depth / size.h;
      if (inside || Math.abs((full[id].y - y) * size.h) > MOVE) {
        update[id + ".orientation"] = "h";
        update[id + ".x"] = 0;
        update[id + ".xanchor"] = "left";
        update[id + ".y"] = y;
        update[id + ".yanchor"] = "top";
        // A title beside the items (the published figures' one) leaves them a column too narrow.
        if (full[id].title && full[id].title.text) update[id + ".title.side"] = "top";
        changed = true;
      }
      depth += height + GAP;
    });
    // The caption's top must be at ``depth`` below the plot; it is now at ``captionTop``.
    var annotations = gd.layout.annotations || [];
    var captionTop = Infinity;
    annotations.forEach(function (a, i) {
      if (CAPTIONS.indexOf(a.name) < 0) return;
      var el = gd.querySelector('.infolayer .annotation[data-index="' + i + '"]');
      if (el) captionTop = Math.min(captionTop, el.getBoundingClientRect().top - plotBottom);
    });
    var grow = captionTop === Infinity ? 0 : Math.round(depth - captionTop);
    if (grow > MOVE) {
      update["margin.b"] = ((gd.layout.margin && gd.layout.margin.b) || size.b) + grow;
      update.height = full.height + grow;
      annotations.forEach(function (a, i) {
        if (CAPTIONS.indexOf(a.name) >= 0) update["annotations[" + i + "].yshift"] = (a.yshift || 0) - grow;
      });
      changed = true;
    }
    if (!changed) return false;
    window.Plotly.relayout(gd, update);
    return true;
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
    // A wrapped title moves the plot: the legends are placed on the next pass, from where it is then.
    function phone() { thinTicks(gd); if (!wrapTitle(gd)) lowerLegends(gd); fit(gd); }
    gd.on("plotly_afterplot", phone);
    phone();
  }

  // Graphs appear and are replaced as pages change: watch each new plot once.
  new MutationObserver(function () {
    document.querySelectorAll(".js-plotly-plot").forEach(watch);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
