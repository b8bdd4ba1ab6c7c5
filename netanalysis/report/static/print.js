// Printing: plotly draws each figure at the screen's width, so before printing redraw every
// figure at the width of an A4 page's text (210 mm - 2 x 12 mm = 703 CSS px), and after it at the
// screen's again. Plotly.relayout draws these figures synchronously, before the page is laid out.
(function () {
  if (!window.Plotly) return;
  var PRINT_WIDTH = 700, printing = false;
  function figures() { return document.querySelectorAll(".js-plotly-plot"); }
  function before() {
    if (printing) return;
    printing = true;
    figures().forEach(function (div) { Plotly.relayout(div, {width: PRINT_WIDTH}); });
  }
  function after() {
    if (!printing) return;
    printing = false;
    figures().forEach(function (div) {
      Plotly.relayout(div, {width: null}).then(function () { Plotly.Plots.resize(div); });
    });
  }
  window.addEventListener("beforeprint", before);
  window.addEventListener("afterprint", after);
  if (window.matchMedia) {
    window.matchMedia("print").addEventListener("change", function (query) { query.matches ? before() : after(); });
  }
})();
