// A plugin wrapped in a function called at once that uses `window` at its top level runs
// in the browser: its messages come from the page, not from a client of the backend.
(() => {
  let selected: string = "";

  (window as any).Editor.plugin.init = (text: string) => {
    selected = text;
  };

  function receive(event: MessageEvent): void {
    const data = event.data ? JSON.parse(event.data) : {};
    if (data.type === "insert") {
      (window as any).Editor.plugin.executeMethod("PasteText", [data.text + selected]);
    }
  }

  window.addEventListener("message", receive, false);
})();
