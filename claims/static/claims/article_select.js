// The article page: fill the "make claim" form's start/end from the text selected in the body.
// Each run of body text is a span with data-start (its offset in the body, in characters);
// browsers count UTF-16 units, so the offset inside a run is counted in code points.
(function () {
  "use strict";

  function offsetOf(node, offset) {
    var element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    var run = element && element.closest("[data-start]");
    if (!run || node.nodeType !== Node.TEXT_NODE) {
      return null;
    }
    return Number(run.dataset.start) + Array.from(node.data.slice(0, offset)).length;
  }

  function fill() {
    var body = document.getElementById("fc-marked-body");
    var selection = window.getSelection();
    if (!body || !selection || selection.isCollapsed || selection.rangeCount === 0) {
      return;
    }
    var range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) {
      return;
    }
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) {
      return;
    }
    document.getElementById("fc-span-start").value = start;
    document.getElementById("fc-span-end").value = end;
    var preview = document.getElementById("fc-span-preview");
    if (preview) {
      preview.textContent = selection.toString().slice(0, 120);
    }
  }

  document.addEventListener("selectionchange", fill);
  document.addEventListener("mouseup", fill);
})();
