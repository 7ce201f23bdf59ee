// The web edition's index: search and filters. Without this script every career is listed;
// with it, the form shows and hides the careers that do not match. No request is made.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("careers");
  if (!form || !list) { return; }
  var cards = Array.prototype.slice.call(list.querySelectorAll(".career"));
  var count = document.getElementById("count");
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var texts = cards.map(function (card) { return fold(card.querySelector("h2").textContent + " " + card.querySelector(".summary").textContent); });
  function update() {
    var words = fold(form.q.value).split(/\s+/).filter(Boolean);
    var dimension = form.dimension.value;
    var minimum = parseInt(form.minimum.value, 10);
    var level = form.level.value;
    var shown = 0;
    cards.forEach(function (card, i) {
      var ok = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      if (ok && dimension) { ok = parseInt(card.getAttribute("data-" + dimension), 10) >= minimum; }
      if (ok && level) { ok = card.getAttribute("data-level") === level; }
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown ? count.getAttribute("data-template").replace("{count}", shown).replace("{total}", cards.length)
      : count.getAttribute("data-none");
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.hidden = false;
  update();
})();
