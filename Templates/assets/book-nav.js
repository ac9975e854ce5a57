// The chapter list is a <details>: closed on phones, so the chapter's text comes first; open beside the
// text on wider screens. Without this script, the stylesheet shows it open on wide screens (in browsers
// that style ::details-content) and readers open it with its summary everywhere else.
(function () {
  "use strict";
  var details = document.getElementById("book-nav-details");
  if (!details || !window.matchMedia) { return; }
  var narrow = window.matchMedia("(max-width: 48rem)");
  function follow() { details.open = !narrow.matches; }
  follow();
  if (narrow.addEventListener) { narrow.addEventListener("change", follow); }
})();
