/* Harbourline progressive enhancement. Every page works without this file. */
(function () {
  "use strict";
  // Put focus on the error summary so screen-reader and keyboard users hear what went wrong first.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  // Buttons that ask before doing something hard to undo: <button data-confirm="Are you sure?">
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (target && !window.confirm(target.getAttribute("data-confirm"))) { event.preventDefault(); }
  });
})();
