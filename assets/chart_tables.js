// The table under a chart (layouts/common.py table_details) arrives as data on one element,
// <div class="chart-table-body" data-table="{caption, columns, numeric, rows}">, and is built here.
// Sent as a tree of Dash components (a few per cell) it cost Dash's renderer about 0.1 s per row,
// more than the page's charts took to draw; built here it costs a millisecond. The DOM is what the
// components made: a bootstrap table in a scrolling wrapper, a hidden caption, column headers and
// the first cell of each row heading it (scope), numbers right-aligned.
(function () {
  function cell(tag, text, className, scope) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (className) el.className = className;
    if (scope) el.setAttribute("scope", scope);
    return el;
  }

  function build(box) {
    var raw = box.getAttribute("data-table");
    if (!raw || box.__kepuBuiltFrom === raw) return;
    var spec;
    try {
      spec = JSON.parse(raw);
    } catch (e) {
      return;
    }
    box.__kepuBuiltFrom = raw;
    var right = "text-end text-nowrap";
    var table = document.createElement("table");
    table.className = "mb-1 table table-sm table-striped";
    table.appendChild(cell("caption", spec.caption, "visually-hidden"));
    var headRow = document.createElement("tr");
    spec.columns.forEach(function (c, i) {
      headRow.appendChild(cell("th", c, spec.numeric[i] ? right : null, "col"));
    });
    var head = document.createElement("thead");
    head.appendChild(headRow);
    table.appendChild(head);
    var body = document.createElement("tbody");
    spec.rows.forEach(function (row) {
      var tr = document.createElement("tr");
      row.forEach(function (v, i) {
        tr.appendChild(i === 0 ? cell("th", v, "fw-normal", "row") : cell("td", v, spec.numeric[i] ? right : null));
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    var wrap = document.createElement("div");
    wrap.className = "table-responsive";
    wrap.appendChild(table);
    box.replaceChildren(wrap);
  }

  function scan(node) {
    if (node.nodeType !== 1 || node instanceof SVGElement) return;
    if (node.matches("div.chart-table-body")) build(node);
    else node.querySelectorAll("div.chart-table-body").forEach(build);
  }

  new MutationObserver(function (mutations) {
    mutations.forEach(function (m) {
      if (m.type === "attributes") scan(m.target);
      else m.addedNodes.forEach(scan);
    });
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-table"] });
  scan(document.documentElement);
})();
