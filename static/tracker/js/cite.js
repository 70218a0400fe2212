// "Cite this": copy buttons for the permanent link, the citations and the embed code.
// Without JavaScript, or without a clipboard, the buttons stay hidden and the text is there
// to select and copy by hand.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  var status = document.querySelector(".cite-status");

  function copy(source) {
    var text = source.textContent.trim();
    // A citation keeps its italics when pasted into a word processor.
    if (source.classList.contains("citation") && window.ClipboardItem) {
      return navigator.clipboard.write([
        new ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }),
          "text/html": new Blob([source.innerHTML.trim()], { type: "text/html" }),
        }),
      ]);
    }
    return navigator.clipboard.writeText(text);
  }

  document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(source).then(
        function () {
          status.textContent = button.dataset.done;
        },
        function () {
          status.textContent = "Could not copy: select the text and copy it by hand.";
        }
      );
    });
  });
})();
