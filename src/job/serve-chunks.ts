import { parentPort } from 'node:worker_threads';
import type { ChunkReply, ChunkRequest } from './run-in-chunks.js';

/**
 * The worker side of runInChunks: runs each range it is sent, reports it
 * done, and posts its result (with the buffers to transfer) when told to finish.
 */
export function serveChunks(
  runRange: (firstReplication: number, replications: number) => void,
  result: () => { data: unknown; transfer: ArrayBuffer[] },
): void {
  parentPort!.on('message', (request: ChunkRequest) => {
    if (request.kind === 'range') {
      runRange(request.firstReplication, request.replications);
      parentPort!.postMessage({ kind: 'done', replications: request.replications } satisfies ChunkReply);
      return;
    }
    const { data, transfer } = result();
    parentPort!.postMessage({ kind: 'result', data } satisfies ChunkReply, transfer);
  });
}
