// "Copy link to this section". Following a heading's self-link still moves to the section and puts its
// address in the address bar (the page works without this script); this also copies the full address to
// the clipboard and says so in the page's language, through the page's polite live region.
(function () {
  "use strict";
  var announcer = document.getElementById("announcer");
  var timer = null;

  function announce(text) {
    if (!announcer || !text) { return; }
    // Emptied first, so that copying twice is announced twice.
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { announcer.textContent = ""; }, 4000);
  }

  // The asynchronous clipboard where the browser allows it; else (file://, older browsers) the older
  // copy command.
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyWithCommand(text); });
    }
    return copyWithCommand(text);
  }

  function copyWithCommand(text) {
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      field.remove();
      if (copied) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a.self-link") : null;
    if (!link) { return; }
    copy(link.href).then(function () {
      announce(announcer && announcer.getAttribute("data-copied"));
    }, function () { /* Not copied: the address bar still shows the link. */ });
  });
})();
