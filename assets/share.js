// 复制链接, 嵌入代码 and the export panel's close button: browser-side callbacks of the navbar
// (callbacks/exports.py binds them with ClientsideFunction("share", ...)).
window.dash_clientside = Object.assign({}, window.dash_clientside);
(function () {
  var noUpdate = function () { return window.dash_clientside.no_update; };

  // Copies text: navigator.clipboard where the page is a secure context (https, localhost); else
  // (http on an intranet host) the old way: select a read-only field and document.execCommand('copy').
  function copy(text, field) {
    function byHand() {
      field.value = text;
      field.focus({preventScroll: true});
      field.select();
      field.setSelectionRange(0, text.length);
      try { return document.execCommand("copy"); } catch (e) { return false; }
    }
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, byHand);
    }
    return Promise.resolve(byHand());
  }

  // Says a result in an aria-live element, and clears it after four seconds.
  var timers = {};
  function say(id, text) {
    window.dash_clientside.set_props(id, {children: text});
    clearTimeout(timers[id]);
    timers[id] = setTimeout(function () { window.dash_clientside.set_props(id, {children: ""}); }, 4000);
  }

  window.dash_clientside.share = {
    // Closing the export panel happens here: at once, even while the server is busy with the job.
    closePanel: function (n) { return n ? true : noUpdate(); },

    copyLink: async function (n, words) {
      if (!n) { return noUpdate(); }
      var field = document.getElementById("copy-link-input");
      var url = window.location.href;
      field.value = url;  // also what a test (or a user, when copying fails) reads
      var ok = await copy(url, field);
      if (!ok) {  // copying failed: show the link, selected, to copy by hand
        field.classList.add("visible");
        field.removeAttribute("aria-hidden");
        field.setAttribute("aria-label", words.link);
        field.focus();
        field.select();
      }
      say("copy-link-status", ok ? words.copied : words.failed);
      return noUpdate();
    },

    embedCode: function (n, words) {
      if (!n) { return [noUpdate(), noUpdate()]; }
      var url = new URL(window.location.href);
      url.searchParams.set("embed", "1");
      var esc = function (s) { return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;"); };
      var code = '<iframe src="' + esc(url.href) + '" width="800" height="500" style="border:0" title="' +
          esc(words.frame_title) + '" loading="lazy"></iframe>';
      return [true, code];
    },

    copyEmbed: async function (n, words) {
      if (!n) { return noUpdate(); }
      var field = document.getElementById("embed-snippet");
      var ok = await copy(field.value, field);
      if (!ok) { field.focus(); field.select(); }
      say("embed-copy-status", ok ? words.copied : words.failed);
      return noUpdate();
    }
  };
})();
