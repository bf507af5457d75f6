/**
 * `node:url` in the browser bundle: a `file://` URL's path (run-in-chunks.ts
 * asks where its worker entry is when it loads; the browser never starts one).
 *
 * @example fileURLToPath('file:///caseload/app/worker.js') // '/caseload/app/worker.js'
 */
export function fileURLToPath(url: string | URL): string {
  const { protocol, pathname } = new URL(String(url));
  if (protocol !== 'file:') throw new TypeError(`not a file URL: ${String(url)}`);
  return decodeURIComponent(pathname);
}
