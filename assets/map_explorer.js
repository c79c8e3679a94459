// The map page's year on a phone (layouts/map_explorer.py): a native select below the md breakpoint,
// the slider above; whichever changed, the other follows. Bound by callbacks/map_explorer.py.
window.dash_clientside = Object.assign({}, window.dash_clientside);
window.dash_clientside.map_explorer = {
  // The select's values are strings, the slider's numbers.
  syncYear: function (picked, year) {
    var noUpdate = window.dash_clientside.no_update;
    var trigger = (window.dash_clientside.callback_context.triggered_id || "");
    if (trigger === "mx-year-pick") {
      var value = parseInt(picked, 10);
      return [isNaN(value) || value === year ? noUpdate : value, noUpdate];
    }
    return [noUpdate, year === null || year === undefined ? noUpdate : String(year)];
  },
  // The value, once the page has been painted with what is drawn now (the frame, then the task
  // after it): the ranking, trend and tables are asked for after the map shows.
  afterPaint: function (value) { return window.kepuAfterPaint(value); }
};
