// Tanhe console: draws every [data-chart] from the ECharts option the server embedded next to it, refreshes the
// live ones, folds the menu on phones and switches big-screen mode. No build step: plain ES2017 for the browser.
(function () {
  "use strict";
  var charts = [];
  function dark() { return document.body.classList.contains("bigscreen"); }
  function draw(el) {
    var source = document.getElementById(el.id + "-option");
    if (!source || !window.echarts) { return; }
    var option = JSON.parse(source.textContent);
    if (el.clientWidth < 520) { // a phone: a ring's outside labels would overlap; the legend and tooltip name the parts
      (option.series || []).forEach(function (s) { if (s.type === "pie") { s.label = { show: false }; } });
    }
    if (dark()) { option.backgroundColor = "transparent"; }
    var chart = echarts.init(el, dark() ? "dark" : null, { renderer: "canvas" });
    chart.setOption(option);
    var links = document.getElementById(el.id + "-links");
    if (links) { // each part opens its figure's derivation
      var hrefs = JSON.parse(links.textContent);
      chart.on("click", function (p) { if (hrefs[p.name]) { location.href = hrefs[p.name]; } });
      el.classList.add("linked");
    }
    el.dataset.drawn = String(performance.now());
    charts.push(chart);
    if (el.dataset.refresh) {
      setInterval(function () {
        fetch(el.dataset.refresh, { credentials: "same-origin" })
          .then(function (r) { if (r.ok) { return r.json(); } throw new Error(r.status); })
          .then(function (o) { chart.setOption(o); })
          .catch(function () { /* the next tick tries again; the session may have ended */ });
      }, 30000);
    }
  }
  function drawAll() {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    document.querySelectorAll("[data-chart]").forEach(draw);
    window.tanheChartsDrawn = performance.now();
  }
  window.tanhe = {
    menu: function (button) {
      var nav = document.getElementById("menu");
      var open = nav.classList.toggle("open");
      button.setAttribute("aria-expanded", String(open));
    },
    bigScreen: function () {
      var on = document.body.classList.toggle("bigscreen");
      try { localStorage.setItem("tanhe.bigscreen", on ? "1" : "0"); } catch (e) { /* private mode */ }
      if (on && document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen().catch(function () {}); }
      if (!on && document.fullscreenElement) { document.exitFullscreen(); }
      drawAll();
    }
  };
  document.addEventListener("DOMContentLoaded", function () {
    var big = /[?&]screen=big/.test(location.search);
    try { big = big || localStorage.getItem("tanhe.bigscreen") === "1"; } catch (e) { /* private mode */ }
    if (big) { document.body.classList.add("bigscreen"); }
    drawAll();
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
