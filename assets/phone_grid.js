// The data page's grids on a phone (layouts/data_table.py). Twelve columns do not fit a 360–430 px
// screen: below the md breakpoint a grid whose wrapper carries phone column definitions
// (data-phone-grid, data-phone-defs: a few columns, the indicator's name wrapping in the width the
// others leave) is given those, through Dash (set_props), so that a new page of rows from the server
// keeps them; the page says the full table is in the downloads, which keep every column, or on a wider
// screen. From md up a grid keeps the definitions it was built with: one folded on a phone (a turned
// tablet, a resized window) gets them back.
(function () {
  var PHONE = window.matchMedia("(max-width: 767.98px)");

  function props(id) {
    try {
      var c = window.dash_component_api.getLayout(id);
      return c ? c.props : null;
    } catch (e) {
      return null;
    }
  }

  // Whether ``wrap``'s grid has the definitions for the screen it is on now (false: not known to Dash yet).
  function apply(wrap) {
    var id = wrap.dataset.phoneGrid;
    var phone = PHONE.matches;
    if (!id || !window.dash_clientside || !window.dash_clientside.set_props) return false;
    if (phone && !wrap.__kepuDesktopDefs) {
      var current = props(id);
      if (!current) return false;
      wrap.__kepuDesktopDefs = current.columnDefs;
      window.dash_clientside.set_props(id, { columnDefs: JSON.parse(wrap.dataset.phoneDefs) });
    } else if (!phone && wrap.__kepuDesktopDefs) {
      window.dash_clientside.set_props(id, { columnDefs: wrap.__kepuDesktopDefs });
      wrap.__kepuDesktopDefs = null;
    }
    return true;
  }

  function applyAll() { document.querySelectorAll("[data-phone-grid]").forEach(apply); }

  // A grid is made anew each time its page opens: fold each new one once (a desktop one is not touched).
  new MutationObserver(function () {
    document.querySelectorAll("[data-phone-grid]").forEach(function (wrap) {
      if (!wrap.__kepuDone) wrap.__kepuDone = apply(wrap);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  // Only a change of screen that lasts: a full-page screenshot shrinks the window to 1×1 px for a moment
  // (Chromium, under Playwright), which is no reason to swap a desktop grid's columns back and forth.
  var settling = null;
  if (PHONE.addEventListener) {
    PHONE.addEventListener("change", function () {
      clearTimeout(settling);
      settling = setTimeout(applyAll, 300);
    });
  }
})();
