// Progressive enhancement only: every page works without this file.
// Forms marked data-confirm ask before they submit (deletions, revocations).
document.addEventListener("submit", function (ev) {
  var form = ev.target;
  var msg = form.getAttribute && form.getAttribute("data-confirm");
  if (msg && !window.confirm(msg)) {
    ev.preventDefault();
  }
});

// The eligibility table: a cell's explanation opens in place, under its
// row, fetched as a fragment; without this file the cell's link draws the
// same explanation in place on a new page.
document.addEventListener("click", function (ev) {
  var a = ev.target.closest && ev.target.closest("a[data-cell], a[data-close]");
  if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey) {
    return;
  }
  var open = a.closest("tr.explained");
  if (a.hasAttribute("data-close") && open) {
    ev.preventDefault();
    var prev = open.previousElementSibling;
    open.remove();
    if (prev) { prev.querySelector("a[data-cell]").focus(); }
    return;
  }
  if (!a.hasAttribute("data-cell")) {
    return;
  }
  var row = a.closest("tr");
  var url = a.getAttribute("data-cell");
  var next = row.nextElementSibling;
  ev.preventDefault();
  if (next && next.classList.contains("explained")) {
    var same = next.getAttribute("data-for") === url;
    next.remove();
    if (same) { return; }
  }
  fetch(url, { credentials: "same-origin" }).then(function (res) {
    if (!res.ok) { throw new Error(res.status); }
    return res.text();
  }).then(function (html) {
    var tr = document.createElement("tr");
    tr.className = "explained";
    tr.setAttribute("data-for", url);
    var td = document.createElement("td");
    td.colSpan = row.children.length;
    td.innerHTML = html;
    tr.appendChild(td);
    row.after(tr);
    var box = td.querySelector(".explanation");
    if (box) { box.focus(); }
  }).catch(function () {
    window.location.href = a.href;
  });
});
