// Meeting mode: keyboard and presentation clickers (which send arrows or Page Up/Down)
// press the on-screen buttons, so every way of stepping runs the same callback.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  kepu: {
    clock: function () {
      var now = new Date();
      var lang = document.documentElement.lang === "en" ? "en-GB" : "zh-CN";
      return now.toLocaleTimeString(lang, {hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false});
    }
  }
});

document.addEventListener("keydown", function (event) {
  if (!document.getElementById("meeting-page")) { return; }
  if (event.target && /INPUT|TEXTAREA|SELECT/.test(event.target.tagName)) { return; }
  var map = {ArrowRight: "mt-next", ArrowDown: "mt-next", PageDown: "mt-next", " ": "mt-next",
             ArrowLeft: "mt-prev", ArrowUp: "mt-prev", PageUp: "mt-prev", p: "mt-pause", P: "mt-pause"};
  var id = (map[event.key] || "").trim();
  if (!id) { return; }
  var button = document.getElementById(id);
  if (button) { event.preventDefault(); button.click(); }
});
