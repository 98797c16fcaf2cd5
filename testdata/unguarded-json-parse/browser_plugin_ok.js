// A plugin wrapped in a function called at once that uses `window` at its top level runs
// in the browser: its messages come from the page, not from a client of the backend.
(function (window, undefined) {
  let selected = '';

  window.Editor.plugin.init = function (text) {
    selected = text;
  };

  function receive(event) {
    const data = event.data ? JSON.parse(event.data) : {};
    if (data.type === 'insert') {
      window.Editor.plugin.executeMethod('PasteText', [data.text + selected]);
    }
  }

  window.addEventListener('message', receive, false);
})(window, undefined);
