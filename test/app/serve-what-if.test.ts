import { describe, expect, it } from 'vitest';
import { WhatIfSuperseded } from '../../src/app/compute-what-if.js';
import type { WhatIfOptions } from '../../src/app/compute-what-if.js';
import type { AppData, WhatIfRequest, WhatIfResponse } from '../../src/app/protocol.js';
import { serveWhatIf } from '../../src/app/worker.js';
import type { WorkerMessage, WorkerScope } from '../../src/app/worker.js';
import { process as browserProcess } from '../../src/app/shims/process.js';

/**
 * The worker's handling of its messages, with a stand-in for computeWhatIf
 * that finishes when the test says: the latest request wins, a superseded
 * one is not answered, and an error is an answer, never a throw.
 */

const DATA: AppData = {
  caseloadVersion: 'test',
  lang: 'en',
  files: {},
  cwd: '/home/planner/plans',
  presets: [{ label: 'Plan', path: 'plan.yaml' }],
  replications: 100,
  seed: 1,
};

const request = (id: number): WhatIfRequest => ({ id, preset: 'plan.yaml', set: [], replications: 100, seed: 1 });

function answerFor(id: number): WhatIfResponse {
  return { id, ok: false, issues: [] };
}

/** A worker scope that records what the worker posts, and a computeWhatIf that waits to be released. */
function harness(fail: (id: number) => unknown = () => null) {
  const posted: WhatIfResponse[] = [];
  const scope: WorkerScope = { onmessage: null, postMessage: (response) => posted.push(response) };
  const started: number[] = [];
  const releases: (() => void)[] = [];
  serveWhatIf(scope, async (req: WhatIfRequest, _data: AppData, options: WhatIfOptions = {}) => {
    started.push(req.id);
    await new Promise<void>((resolve) => releases.push(resolve));
    const error = fail(req.id);
    if (error !== null) throw error;
    if (options.superseded?.() === true) throw new WhatIfSuperseded(req.id);
    return answerFor(req.id);
  });
  const send = (message: WorkerMessage) => scope.onmessage!({ data: message });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const release = async () => {
    releases.shift()?.();
    await settle();
  };
  return { posted, started, send, release, settle };
}

describe('the what-if worker', () => {
  it('answers each request in turn, and sets the working directory the page was made in', async () => {
    const { posted, send, release } = harness();
    send({ data: DATA });
    expect(browserProcess.cwd()).toBe('/home/planner/plans');
    send(request(1));
    await release();
    send(request(2));
    await release();
    expect(posted.map((response) => response.id)).toEqual([1, 2]);
  });

  it('a request that arrives while one runs supersedes it, and of those waiting only the latest runs', async () => {
    const { posted, started, send, release } = harness();
    send({ data: DATA });
    send(request(1));
    send(request(2));
    send(request(3));
    await release(); // 1 finishes, superseded: no answer; 3 starts, 2 never does
    await release();
    expect(started).toEqual([1, 3]);
    expect(posted.map((response) => response.id)).toEqual([3]);
  });

  it('an error is an answer the page can show, and the worker goes on', async () => {
    const { posted, send, release } = harness((id) => (id === 1 ? new RangeError('a bug') : null));
    send({ data: DATA });
    send(request(1));
    await release();
    send(request(2));
    await release();
    expect(posted).toEqual([
      { id: 1, ok: false, issues: [], error: 'RangeError: a bug' },
      { id: 2, ok: false, issues: [] },
    ]);
  });

  it('a request before the page data is an error answer, not a throw', async () => {
    const { posted, send, settle } = harness();
    send(request(7));
    await settle();
    expect(posted).toEqual([{ id: 7, ok: false, issues: [], error: 'Error: a request came before the page data' }]);
  });
});
