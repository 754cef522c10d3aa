/* "Exit this page": leave at once for a neutral site and do not keep this page in history.
   Without JavaScript the button is a plain link. Pressing Escape three times does the same. */
(function () {
  "use strict";
  var link = document.getElementById("exit-page");
  if (!link) { return; }
  function leave() {
    document.body.classList.add("leaving");
    window.location.replace(link.href);
  }
  link.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });
  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") { return; }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { presses = 0; }, 2000);
    if (presses >= 3) { leave(); }
  });
})();
