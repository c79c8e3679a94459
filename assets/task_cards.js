// The overview's task cards (layouts/overview.py task_card) arrive as data on one element each,
// <div class="card task-card" data-card="{code, short, title, badge, progress, leadLabel, lead}">,
// inside the card's link, and are drawn here. As Dash components (15 a card) the ten cards cost the
// renderer about 50 ms on every visit. The DOM is what the components made: a status strip, the
// code and short name, the title, the status badge (layouts/common.py status_badge) and the progress
// bar with its accessible name (progress_bar), the lead departments.
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function build(box) {
    var raw = box.getAttribute("data-card");
    if (!raw || box.__kepuBuiltFrom === raw) { return; }
    var card;
    try { card = JSON.parse(raw); } catch (e) { return; }
    box.__kepuBuiltFrom = raw;

    var strip = el("div", "status-strip");
    strip.style.backgroundColor = card.badge.colour;

    var heading = el("div", "mb-1");
    heading.append(el("span", "badge bg-secondary me-1", card.code), el("span", "fw-bold", card.short));

    var badge = el("span", "badge status-badge small", card.badge.text);
    badge.setAttribute("data-status", card.badge.status);
    badge.style.backgroundColor = card.badge.colour;
    badge.style.color = "#000";  // at least 5.4:1 on every status colour (status_badge)
    var badgeRow = el("div", "my-1");
    badgeRow.append(badge);

    var p = card.progress;
    var bar = el("div", "progress-bar", p.text);
    bar.setAttribute("role", "progressbar");
    bar.setAttribute("aria-valuenow", String(p.pct));
    bar.setAttribute("aria-valuemin", "0");
    bar.setAttribute("aria-valuemax", "100");
    bar.setAttribute("aria-label", p.name);
    bar.style.width = p.pct + "%";
    bar.style.backgroundColor = p.colour;
    bar.style.color = "#000";
    var progress = el("div", "progress task-progress");
    progress.style.height = "14px";
    progress.title = p.name;
    progress.append(bar);

    var lead = el("div", "small mt-1 lead-depts");
    lead.append(el("span", "fw-semibold", card.leadLabel), document.createTextNode(card.lead));

    var body = el("div", "card-body p-2");
    body.append(heading, el("div", "small text-muted task-title", card.title), badgeRow, progress, lead);
    box.replaceChildren(strip, body);
  }

  function scan(node) {
    if (node.nodeType !== 1 || node instanceof SVGElement) { return; }
    if (node.matches("div[data-card]")) { build(node); } else { node.querySelectorAll("div[data-card]").forEach(build); }
  }

  new MutationObserver(function (mutations) {
    mutations.forEach(function (m) {
      if (m.type === "attributes") { scan(m.target); } else { m.addedNodes.forEach(scan); }
    });
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true, attributeFilter: ["data-card"]});
  scan(document.documentElement);
})();
