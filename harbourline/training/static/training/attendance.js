// Progressive enhancement only: the pages work without it.
document.addEventListener("click", function (event) {
  var target = event.target;
  if (!(target instanceof HTMLElement)) return;
  var mark = target.getAttribute("data-mark-all");
  if (mark) {
    document.querySelectorAll('input[type=radio][value="' + mark + '"]').forEach(function (input) {
      input.checked = true;
    });
  }
  if (target.hasAttribute("data-print")) window.print();
});
