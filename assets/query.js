// A page's view in the URL (callbacks/query.py): the page keeps its canonical query in a store of its
// own, and this copies it into the address bar. A page's first render brings its charts, so its own
// callback does not run then; the store arrives with the page and is copied here, with no round trip.
window.dash_clientside = Object.assign({}, window.dash_clientside);
window.dash_clientside.query = {
  // After the page is painted: a new address sets off the navbar's callback and its rendering, which
  // came before the paint of the map a year change had just drawn.
  mirror: function (query, search) {
    var wanted = query ? (query.charAt(0) === "?" ? query : "?" + query) : "";
    return wanted === (search || "") ? window.dash_clientside.no_update : window.kepuAfterPaint(wanted);
  }
};
