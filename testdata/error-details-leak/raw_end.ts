// Node's `res.end()` / `res.write()` take a string or a buffer: handed the error object
// itself they throw and send none of its text. Its message or stack is still sent.
import http from "http";
import { registry } from "./metrics";

export const server = http.createServer((req: http.IncomingMessage, res: http.ServerResponse) => {
  registry
    .render()
    .then((text: string) => res.end(text))
    .catch((err: Error) => {
      res.statusCode = 500;
      res.end(err);
    });
});

export function describe(req: http.IncomingMessage, res: http.ServerResponse): void {
  registry.render().catch((err: Error) => {
    res.statusCode = 500;
    res.end(err.message); // expect: error-details-leak
  });
}

export function trace(req: http.IncomingMessage, res: http.ServerResponse): void {
  try {
    res.write(registry.renderSync());
  } catch (failure: any) {
    res.write(failure.stack); // expect: error-details-leak
  }
}
