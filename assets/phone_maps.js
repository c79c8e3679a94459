// Maps on a phone: a map figure comes from the server at its desktop height (520–640 px), and on a
// screen 360–430 px wide the districts, fitted to the width, leave a band of empty space above and
// below them. Below the md breakpoint each map is shortened to what its drawing needs, so the
// districts start where the chart's title is, in the first screen. Desktop maps are left alone.
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

  function watch(gd) {
    if (gd.__kepuPhoneMap || typeof gd.on !== "function") return;
    gd.__kepuPhoneMap = true;
    gd.on("plotly_afterplot", function () { fit(gd); });
    fit(gd);
  }

  // Graphs appear and are replaced as pages change: watch each new plot once.
  new MutationObserver(function () {
    document.querySelectorAll(".js-plotly-plot").forEach(watch);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
