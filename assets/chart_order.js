// The maps of a page are drawn first; its other charts (rankings, trends) after the maps are painted.
//
// Every chart of a page mounts in the same frame, and plotly.js draws each in turn in one task. A map
// (choropleth, scattergeo) fetches its boundaries first, so it was drawn last: on the map page its
// ranking and trend took about 150 ms before the map's boundaries could even be read. A meeting looks
// at the map. So a chart that is not a map waits until the maps being drawn have been painted (or at
// most MAX_WAIT_MS), then is drawn; the page is complete as soon as before, its map a few frames sooner.
//
// dcc.Graph draws through the global Plotly.react (Plotly.newPlot elsewhere) and waits on the promise
// it returns; that promise is kept. The calls for one chart keep their order.
(function () {
  "use strict";
  // Only for a map whose drawing never ends: a map that fails ends its promise too. A slow server
  // (a worker computing the views after a start) can take seconds to send the boundaries.
  var MAX_WAIT_MS = 10000;
  var GEO_TYPES = {choropleth: true, choroplethmap: true, choroplethmapbox: true, scattergeo: true};
  var drawingMaps = [];  // promises of the maps being drawn now

  function traces(args) {
    var figure = args[1];
    if (Array.isArray(figure)) { return figure; }
    return (figure && Array.isArray(figure.data)) ? figure.data : [];
  }

  function isMap(args) {
    return traces(args).some(function (trace) { return trace && GEO_TYPES[trace.type || "scatter"]; });
  }

  function settled(promise) {
    return Promise.resolve(promise).then(function () {}, function () {});
  }

  // Resolves (to ``value``) once the page has been painted with what is drawn now: the frame, then the
  // task after it. Also for the clientside callbacks that should wait for a map to show
  // (assets/query.js, assets/map_explorer.js): window.kepuAfterPaint.
  function afterPaint(value) {
    return new Promise(function (resolve) {
      window.requestAnimationFrame(function () { window.setTimeout(function () { resolve(value); }, 0); });
    });
  }
  window.kepuAfterPaint = afterPaint;

  function mapsDrawn() {
    var waiting = Promise.all(drawingMaps.map(settled)).then(afterPaint);
    var limit = new Promise(function (resolve) { window.setTimeout(resolve, MAX_WAIT_MS); });
    return Promise.race([waiting, limit]);
  }

  function wrap(Plotly) {
    if (!Plotly || Plotly.__kepuChartOrder) { return; }
    Plotly.__kepuChartOrder = true;
    ["react", "newPlot"].forEach(function (name) {
      var draw = Plotly[name];
      if (typeof draw !== "function") { return; }
      Plotly[name] = function (gd) {
        var self = this, args = arguments;
        var previous = gd && gd.__kepuDrawing;
        var run = function () { return draw.apply(self, args); };
        var drawn;
        if (isMap(args)) {
          drawn = previous ? settled(previous).then(run) : Promise.resolve(run());
          var tracked = settled(drawn);
          drawingMaps.push(tracked);
          tracked.then(function () { drawingMaps.splice(drawingMaps.indexOf(tracked), 1); });
        } else {
          // A task later, so that the maps mounted in the same frame (before or after this chart in
          // the page) have begun drawing and are waited for.
          drawn = settled(previous)
            .then(function () { return new Promise(function (resolve) { window.setTimeout(resolve, 0); }); })
            .then(function () { return drawingMaps.length ? mapsDrawn() : null; })
            .then(function () { return gd && gd.isConnected === false ? gd : run(); });
        }
        if (gd && typeof gd === "object") { gd.__kepuDrawing = drawn; }
        return drawn;
      };
    });
  }

  // dcc.Graph loads plotly.js when the first chart mounts; its bundle sets the global Plotly.
  if (window.Plotly) {
    wrap(window.Plotly);
  } else {
    var current;
    Object.defineProperty(window, "Plotly", {
      configurable: true,
      enumerable: true,
      get: function () { return current; },
      set: function (value) { current = value; wrap(value); },
    });
  }
})();
