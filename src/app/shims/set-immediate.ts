/**
 * `setImmediate` in the browser bundle (scripts/build-app.ts injects it for
 * the global; browsers and their workers have none): runs the callback in a
 * task of its own through a MessageChannel, as soon as the tasks already
 * queued (such as a message from the page) have run. The one-thread job
 * yields with it between chunks of replications. Not setTimeout(0), which
 * browsers hold back to 4 ms once nested.
 *
 * @example await new Promise((resolve) => setImmediate(resolve))
 */
export function setImmediate(callback: () => void): void {
  const channel = new MessageChannel();
  // A browser's MessagePort: setting onmessage starts it (Node's types know only its own ports).
  (channel.port1 as unknown as { onmessage: () => void }).onmessage = () => {
    channel.port1.close();
    callback();
  };
  channel.port2.postMessage(null);
}
