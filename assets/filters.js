// The phone's 「筛选」 panel (layouts/filters.py), bound by callbacks/filters.py: the button opens and
// closes the fold under it, and the chips inside the button say what is chosen.
window.dash_clientside = Object.assign({}, window.dash_clientside);
window.dash_clientside.filters = {
  // aria-expanded is a string attribute ("true"/"false"), not a boolean prop.
  toggle: function (n, isOpen) {
    var open = n ? !isOpen : Boolean(isOpen);
    return [open, open ? "true" : "false"];
  },

  // chips(value_1 … value_n, options_1 … options_n, empty): one chip per chosen value, named by its
  // option's label (a checklist's several values give several); none chosen, the one ``empty`` chip.
  chips: function () {
    var args = Array.prototype.slice.call(arguments);
    var empty = args.pop();
    var n = args.length / 2;
    var chips = [];
    function chip(label, extra) {
      return {
        type: "Span",
        namespace: "dash_html_components",
        props: { children: label, title: label, className: "badge rounded-pill filter-chip" + (extra || "") }
      };
    }
    for (var i = 0; i < n; i++) {
      var value = args[i];
      var options = args[n + i] || [];
      var values = Array.isArray(value) ? value : (value === null || value === undefined || value === "" ? [] : [value]);
      values.forEach(function (v) {
        var found = null;
        options.forEach(function (o) {
          if (found === null && o !== null && typeof o === "object" && String(o.value) === String(v)) found = o;
        });
        chips.push(chip(found && typeof found.label === "string" ? found.label : String(v)));
      });
    }
    if (!chips.length && empty) chips.push(chip(empty, " filter-chip-empty"));
    return chips;
  }
};
