// Progressive enhancement for the portal's print view: a button that opens
// the browser's print dialog. Without this file the page prints the same.
document.addEventListener("click", function (ev) {
  var t = ev.target;
  if (t && t.closest && t.closest("[data-print]")) {
    window.print();
  }
});
