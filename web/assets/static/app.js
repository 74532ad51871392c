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

// The registration form's people: typing a name searches as the search
// button would, and the list is replaced in place; people already ticked
// stay ticked and listed.
(function () {
  var form = document.querySelector("form[data-people-search]");
  var box = document.getElementById("people-choices");
  if (!form || !box || !window.fetch || !window.DOMParser) { return; }
  var input = form.querySelector("input[name=q]");
  var timer = null, seq = 0;
  function search() {
    var n = ++seq;
    var url = form.action.split("#")[0] + "?q=" + encodeURIComponent(input.value);
    fetch(url, { credentials: "same-origin" }).then(function (res) {
      if (!res.ok) { throw new Error(res.status); }
      return res.text();
    }).then(function (html) {
      if (n !== seq) { return; }
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("people-choices");
      if (!fresh) { return; }
      var list = fresh.querySelector(".columns");
      box.querySelectorAll("input[name=person]:checked").forEach(function (cb) {
        var mine = list.querySelector("#" + CSS.escape(cb.id));
        if (mine) { mine.checked = true; } else { list.prepend(cb.closest(".check")); }
      });
      box.replaceChildren.apply(box, Array.prototype.slice.call(fresh.childNodes));
    }).catch(function () {});
  }
  form.addEventListener("submit", function (ev) { ev.preventDefault(); search(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 300); });
})();
