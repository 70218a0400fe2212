// The filters of /quotes/ start folded (a <details>) so that a phone shows statements first;
// on a screen wide enough for both they start open. Without this script they are one click away.
(function () {
  "use strict";
  var box = document.querySelector("details.filters-box");
  if (box && window.matchMedia("(min-width: 48em)").matches) {
    box.open = true;
  }
})();
