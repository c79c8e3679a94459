// The folded navbar of a phone (layouts/shell.py): the menu button opens and closes it.
// Bound by callbacks/routing.py with ClientsideFunction("nav", ...).
window.dash_clientside = Object.assign({}, window.dash_clientside);
window.dash_clientside.nav = {
  // aria-expanded is a string attribute ("true"/"false"), not a boolean prop.
  toggle: function (n, isOpen) {
    var open = n ? !isOpen : Boolean(isOpen);
    return [open, open ? "true" : "false"];
  }
};
