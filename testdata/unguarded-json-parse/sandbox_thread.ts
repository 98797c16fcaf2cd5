import { parentPort } from "worker_threads";

parentPort?.on("message", async (message: string) => {
  const request = JSON.parse(message); // expect: unguarded-json-parse
  parentPort?.postMessage(await runScript(request));
});
