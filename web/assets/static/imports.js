// Progressive enhancement for imports and statistics; every page works
// without it (the import page refreshes itself through <noscript>).
(function () {
  // Live progress of an import: poll the JSON endpoint, update the bar and
  // the text, and reload the page once the job is over.
  var box = document.getElementById("import-progress");
  if (box && window.fetch) {
    var bar = document.getElementById("import-bar");
    var text = document.getElementById("import-text");
    var url = box.getAttribute("data-url");
    var tick = function () {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (!p) { setTimeout(tick, 3000); return; }
          if (!p.busy) { window.location.reload(); return; }
          if (p.total > 0) { bar.max = p.total; bar.value = p.done; }
          bar.textContent = p.percent + "%";
          text.textContent = p.text;
          setTimeout(tick, 1000);
        })
        .catch(function () { setTimeout(tick, 3000); });
    };
    setTimeout(tick, 1000);
  }
  // Charts print with their data tables open.
  window.addEventListener("beforeprint", function () {
    var ds = document.querySelectorAll("details.chart-data");
    for (var i = 0; i < ds.length; i++) { ds[i].setAttribute("data-was-open", ds[i].open ? "1" : ""); ds[i].open = true; }
  });
  window.addEventListener("afterprint", function () {
    var ds = document.querySelectorAll("details.chart-data");
    for (var i = 0; i < ds.length; i++) { ds[i].open = ds[i].getAttribute("data-was-open") === "1"; }
  });
  var pb = document.querySelectorAll(".print-button");
  for (var j = 0; j < pb.length; j++) {
    pb[j].hidden = false;
    pb[j].addEventListener("click", function () { window.print(); });
  }
})();
