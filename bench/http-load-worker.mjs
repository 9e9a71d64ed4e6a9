// Load generator thread: issues GETs with `concurrency` in flight and posts back the latencies,
// so the client's own CPU work does not run on the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';

const { url, headers, iterations, concurrency } = workerData;
const latencies = [];
let next = 0;
async function worker() {
  while (next < iterations) {
    next += 1;
    const start = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`unexpected ${res.status} from ${url}`);
    latencies.push(performance.now() - start);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
parentPort.postMessage(latencies);
