/* The live preview of a verdict's explanation: the server renders and sanitises the Markdown
   (the same code the public page uses) and this file puts the answer under the text box. */
(function () {
  "use strict";

  function attach(textarea) {
    var preview = document.getElementById(textarea.getAttribute("data-markdown-preview"));
    var form = textarea.form;
    if (!preview || !form) {
      return;
    }
    var url = preview.getAttribute("data-url");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var timer = null;
    var asked = 0;

    function render() {
      var mine = ++asked;
      var body = new URLSearchParams();
      body.append("text", textarea.value);
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" },
        body: body
      })
        .then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        })
        .then(function (html) {
          if (mine === asked) {  // an older answer arriving late must not replace a newer one
            preview.innerHTML = html;  // rendered and sanitised (nh3) by the server
            preview.classList.remove("fc-preview-stale");
          }
        })
        .catch(function () {
          preview.classList.add("fc-preview-stale");
        });
    }

    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(render, 250);
    });
  }

  function start() {
    document.querySelectorAll("textarea[data-markdown-preview]").forEach(attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
