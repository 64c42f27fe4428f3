import { parentPort } from 'node:worker_threads';
import { runParse } from './parse-run';
import { encodeBatch, errorForPost, type ParseReply, type ParseRequest } from './parse-thread';

/**
 * Entry of an import's parse worker: parses the files it is sent, one at a time, and posts
 * their prepared events in batches. It never runs more than the credits allow ahead of the
 * writer (it blocks on them), so memory stays bounded however fast it parses.
 */
const port = parentPort;
if (!port) throw new Error('parse.worker must run in a worker thread');
const post = (m: ParseReply, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

port.on('message', (m: ParseRequest) => {
  const credits = new Int32Array(m.credits);
  const takeCredit = (): void => {
    for (;;) {
      const have = Atomics.load(credits, 0);
      if (have > 0 && Atomics.compareExchange(credits, 0, have, have - 1) === have) return;
      if (have <= 0) Atomics.wait(credits, 0, have);
    }
  };
  // Nothing here cancels: the import's thread stops this worker when it gives up.
  runParse(
    m.job,
    (b) => {
      takeCredit();
      const reply = encodeBatch(b);
      post(reply, [reply.leaves]);
    },
    new AbortController().signal,
  ).then(
    () => post({ type: 'end' }),
    (err: unknown) => post({ type: 'error', error: errorForPost(err) }),
  );
});
