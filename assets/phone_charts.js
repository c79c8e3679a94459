// Charts on a phone. The server builds each figure for a desktop column; below the md breakpoint:
// - a map is shortened to what its drawing needs: fitted to a 360–430 px width, the districts left a
//   band of empty space above and below them, and the first screen showed the title but no district;
// - a title wider than the chart (plotly does not wrap titles) is broken into lines, after its
//   " · " or between CJK characters, and the plot moves down to make room for them;
// - a year axis with more labels than fit keeps every other year (and always the last);
// - a legend inside the plot (the trend's, top left; the published figures', bottom right) covered a
//   third of a phone's narrow plot: it moves below the x-axis title, laid out in rows, and the chart
//   grows by its height, the source line moving down with the bottom margin;
// - a ranking with a show-all button (data-ranking-for: layouts/map_explorer.py) shows its top and
//   bottom five rows (and the selected unit), not one thin bar per unit down two screens;
// - the sample mark that would run over the source line: the line drops its own " · 示例数据".
// Desktop charts are left alone (the sample mark only moves where it overlaps, which it does not there).
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
    // Once per title: a title this has broken may still measure wider than the room (a word longer than a
    // line), and breaking it again would push the plot down by another line on every redraw.
    if (gd.__kepuWrapped === gd.layout.title.text) return false;
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
    gd.__kepuWrapped = update["title.text"];
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
      // Plotly keeps a legend's y at -2 or above: asking for less would never be granted, and this would ask
      // again on every redraw (a plot squeezed by a title of several lines, at 360 px).
      var y = Math.max(-2, -depth / size.h);
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

  // The sample mark (示例数据, right-aligned) shares the source line's baseline under the plot
  // (dashboard/figures/common.py's base_layout): in a chart narrower than the two side by side (a
  // phone's, or a ranking's plot behind its long labels) the mark ran over the end of the source line.
  // That line ends with the same words (" · 示例数据"): first they go, the mark saying them; if the line
  // is still too long (a long English source), the mark gets a line of its own under it and the chart
  // grows by it, unless legends were moved under the plot (lowerLegends owns that chart's height, and two
  // owners of it would chase each other). Charts wide enough for both (a desktop's) are not touched.
  var MARK_GAP = 3; // px between the source line's last line and the mark

  function annotationEl(gd, name) {
    var annotations = (gd.layout && gd.layout.annotations) || [];
    for (var i = 0; i < annotations.length; i++) {
      if (annotations[i].name === name) {
        var el = gd.querySelector('.infolayer .annotation[data-index="' + i + '"]');
        return el ? { index: i, el: el, box: el.getBoundingClientRect() } : null;
      }
    }
    return null;
  }

  function clearSampleMark(gd) {
    var full = gd._fullLayout;
    if (!window.Plotly || !full || !full._size || !gd.layout) return false;
    var caption = annotationEl(gd, "caption");
    var mark = annotationEl(gd, "sample-mark");
    if (!caption || !mark) return false;
    var c = caption.box;
    var m = mark.box;
    var cut = c.left < m.right && m.left < c.right && c.top < m.bottom && m.top < c.bottom;
    if (!cut || !m.height) return false;
    var notes = gd.layout.annotations;
    var text = notes[caption.index].text;
    var suffix = " · " + notes[mark.index].text;
    var update = {};
    if (typeof text === "string" && text.length > suffix.length && text.slice(-suffix.length) === suffix) {
      update["annotations[" + caption.index + "].text"] = text.slice(0, -suffix.length);
      window.Plotly.relayout(gd, update);
      return true;
    }
    // A source line of two or more lines (a long English source) whose last line (the as-of year) clears the
    // mark: the mark, taller than a line, reached into the line above. With a slimmer border it drops beside
    // the last line, into the few px of margin under the caption, if they are enough (the chart keeps its
    // height).
    var spans = caption.el.querySelectorAll("tspan.line");
    var last = spans.length > 1 && spans[spans.length - 1].getBoundingClientRect();
    if (last && last.right < m.left && gd.__kepuMarkFor !== gd.layout) {
      var above = spans[spans.length - 2].getBoundingClientRect();
      var slimmer = 2 * ((notes[mark.index].borderpad || 1) - 1); // px the box's top comes down by at pad 1
      var drop = Math.ceil(above.bottom - (m.top + slimmer)) + 1;
      if (drop <= gd.getBoundingClientRect().bottom - m.bottom) {
        gd.__kepuMarkFor = gd.layout;
        update["annotations[" + mark.index + "].borderpad"] = 1;
        update["annotations[" + mark.index + "].yshift"] = (notes[mark.index].yshift || 0) - Math.max(0, drop);
        window.Plotly.relayout(gd, update);
        return true;
      }
    }
    var legendsMoved = LEGENDS.some(function (id) {
      var l = full[id];
      return l && l.orientation === "h" && l.y < 0;
    });
    // Once per figure (a new one from the server is a new layout object).
    if (legendsMoved || gd.__kepuMarkFor === gd.layout) return false;
    var grow = Math.ceil(c.bottom + MARK_GAP - m.top);
    if (grow <= 0 || grow > c.height + m.height + MARK_GAP) return false; // not side by side: leave it
    gd.__kepuMarkFor = gd.layout;
    update["annotations[" + mark.index + "].yshift"] = (notes[mark.index].yshift || 0) - grow;
    update["margin.b"] = ((gd.layout.margin && gd.layout.margin.b) || full._size.b) + grow;
    update.height = full.height + grow;
    window.Plotly.relayout(gd, update);
    return true;
  }

  // The ranking: one horizontal bar trace, in rank order (the best last: plotly draws the first at the
  // bottom). On a phone only its ENDS first and last rows and the selected one (outlined in black) show,
  // a blank "⋯" row where rows are left out, and the chart shortens by the rows it leaves out. The full
  // trace is kept on the trace object: a new figure from the server is a new trace, folded again.
  var ENDS = 5;
  var RANK_FIELDS = ["x", "y", "customdata", "text", "hovertext", "marker.color", "marker.line.color"];
  var BLANK = "rgba(0,0,0,0)";

  // A plain array of the trace's values, read from plotly's full trace: plotly.py sends numbers
  // base64-encoded ({dtype, bdata}), which only the full trace has decoded (into a typed array).
  function field(trace, path) {
    var v = path.split(".").reduce(function (o, k) { return o && o[k]; }, trace);
    return ArrayBuffer.isView(v) ? Array.from(v) : v;
  }

  function rankEnds(gd) {
    var holder = gd.closest(".dash-graph");
    var toggle = holder && holder.id && document.querySelector('[data-ranking-for="' + holder.id + '"]');
    if (!toggle || !window.Plotly || !gd.data || !gd._fullLayout) return false;
    var trace = gd.data.length === 1 && gd.data[0];
    var full = gd._fullData && gd._fullData[0];
    if (!trace || !full || full.type !== "bar" || full.orientation !== "h" || !Array.isArray(field(full, "y"))) {
      toggle.hidden = true;
      return false;
    }
    var n = (trace.__kepuAll || full).y.length;
    var foldable = PHONE.matches && n > 2 * ENDS + 1;
    toggle.hidden = !foldable;
    toggle.textContent = gd.__kepuRankAll ? toggle.dataset.ends : toggle.dataset.all;
    toggle.setAttribute("aria-pressed", gd.__kepuRankAll ? "true" : "false");
    var fold = foldable && !gd.__kepuRankAll;
    if (fold === !!trace.__kepuEnds) return false; // already as it should be
    if (!trace.__kepuAll) {
      var all = { height: gd._fullLayout.height, rowPx: gd._fullLayout._size.h / n };
      RANK_FIELDS.forEach(function (path) { all[path] = field(full, path); });
      trace.__kepuAll = all;
    }
    all = trace.__kepuAll;
    var update = {};
    var height = all.height;
    if (fold) {
      var lines = all["marker.line.color"];
      var rows = [];
      var gaps = 0;
      for (var i = 0; i < n; i++) {
        if (i >= ENDS && i < n - ENDS && !(Array.isArray(lines) && lines[i] === "#000")) continue;
        if (rows.length && rows[rows.length - 1] !== i - 1) rows.push(-1 - gaps++); // a gap row
        rows.push(i);
      }
      RANK_FIELDS.forEach(function (path) {
        var values = all[path];
        if (!Array.isArray(values)) return;
        update[path] = [rows.map(function (r) {
          if (r >= 0) return values[r];
          if (path === "y") return "⋯" + " ".repeat(-1 - r); // distinct categories
          if (path === "marker.color" || path === "marker.line.color") return BLANK;
          return path === "x" || path === "customdata" ? null : "";
        })];
      });
      height = Math.round(all.height - all.rowPx * (n - rows.length));
    } else {
      RANK_FIELDS.forEach(function (path) { if (Array.isArray(all[path])) update[path] = [all[path]]; });
    }
    trace.__kepuEnds = fold;
    window.Plotly.update(gd, update, { height: height }, [0]);
    return true;
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest("[data-ranking-for]");
    var gd = toggle && document.querySelector("#" + toggle.dataset.rankingFor + " .js-plotly-plot");
    if (!gd) return;
    gd.__kepuRankAll = !gd.__kepuRankAll;
    rankEnds(gd);
  });

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
    // The sample mark is placed last, once legends have moved the caption (each step relayouts, and the
    // plotly_afterplot that follows runs the next one).
    function phone() {
      thinTicks(gd);
      if (!wrapTitle(gd) && !rankEnds(gd) && !lowerLegends(gd)) clearSampleMark(gd);
      fit(gd);
    }
    gd.on("plotly_afterplot", phone);
    phone();
  }

  // Graphs appear and are replaced as pages change: watch each new plot once.
  new MutationObserver(function () {
    document.querySelectorAll(".js-plotly-plot").forEach(watch);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
