// A pool worker that takes 3 s to start (a machine starved of CPU): the pipeline is loaded, then it waits, then it
// becomes the real worker (src/pool/worker.ts), which reports itself ready.
import '../../src/pipeline.js';

await new Promise((r) => setTimeout(r, 3000));
await import('../../src/pool/worker.js');
