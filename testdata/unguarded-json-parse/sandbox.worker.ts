self.addEventListener("message", async (event: MessageEvent<{ request: string }>) => {
  const request = JSON.parse(event.data.request);
  self.postMessage(await runScript(request));
});
