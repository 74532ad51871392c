// Progressive enhancement only: every page works without this file.
// Forms marked data-confirm ask before they submit (deletions, revocations).
document.addEventListener("submit", function (ev) {
  var form = ev.target;
  var msg = form.getAttribute && form.getAttribute("data-confirm");
  if (msg && !window.confirm(msg)) {
    ev.preventDefault();
  }
});
