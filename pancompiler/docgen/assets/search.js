// Client-side search over window.PAN_DOC_INDEX (search-index.js): no server, no external resources.
(function () {
  var input = document.getElementById("search");
  var list = document.getElementById("results");
  var index = window.PAN_DOC_INDEX || [];
  var root = document.querySelector("link[rel=stylesheet]").getAttribute("href").replace(/style\.css$/, "");
  function score(entry, words) {
    var name = entry.n.toLowerCase(), text = (entry.n + " " + entry.t + " " + entry.s).toLowerCase();
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      if (name === w) total += 100;
      else if (name.indexOf(w) === 0) total += 50;
      else if (name.indexOf(w) >= 0) total += 20;
      else if (text.indexOf(w) >= 0) total += 5;
      else return 0;
    }
    return total;
  }
  function show() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    list.innerHTML = "";
    if (!words.length) { list.hidden = true; return; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], words);
      if (s) hits.push([s, index[i]]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || (a[1].n < b[1].n ? -1 : 1); });
    hits.slice(0, 50).forEach(function (hit) {
      var e = hit[1], li = document.createElement("li"), a = document.createElement("a");
      a.href = root + e.u;
      a.textContent = e.k + " " + e.n + " — " + e.t;
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = hits.length === 0;
  }
  input.addEventListener("input", show);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = list.querySelector("a");
      if (first) { window.location.href = first.href; }
    } else if (ev.key === "Escape") { input.value = ""; show(); }
  });
})();
