// The trace types the dashboard draws (dashboard/figures/): scatter is in plotly.js's core
// (trends, labels); bar (rankings), heatmap (the departments' matrix), choropleth and scattergeo
// (maps and their bubbles). Keep in step with tests/unit/test_plotly_bundle.py.
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scattergeo'),
]);

module.exports = Plotly;
