// Runs in the benchmark page: collision searches sent straight to hashwall's worker (the SIMD
// or, forced, the portable build), so the figures can separate the worker's start from its work.
function start(build) {
  const t0 = performance.now();
  const worker = new Worker(build === 'portable' ? './worker-start.js?simd=off' : './worker-start.js');
  return new Promise((resolve) => {
    worker.onmessage = (e) => { if (e.data.json === '"Ready"') resolve({ worker, readyMs: performance.now() - t0 }); };
  });
}

function search(worker, seed) {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    worker.onmessage = (e) => {
      const reply = JSON.parse(e.data.json).Done?.reply;
      if (reply?.Collided) resolve({ seed, line: reply.Collided.line, workerMs: reply.Collided.ms, pageMs: performance.now() - t0 });
      else if (reply) reject(new Error(e.data.json));
    };
    worker.postMessage({ json: JSON.stringify({ id: seed, request: { Collide: { width: 640, height: 480, seed } } }), files: [] });
  });
}

// `workers` warm workers each search seed + i, all at once; resolves when every one is done.
window.race = async (build, seeds) => {
  const started = await Promise.all(seeds.map(() => start(build)));
  const results = await Promise.all(started.map((s, i) => search(s.worker, seeds[i])));
  started.forEach((s) => s.worker.terminate());
  return results.map((r, i) => ({ ...r, readyMs: started[i].readyMs }));
};

// A worker kept alive: V8 shares one compiled module among the workers of a page that load the
// same wasm, so while one lives, the others start with its optimised code.
window.keep = async (build) => { window.kept = (await start(build)).worker; };

// Starts a search and terminates its worker after `ms`: for checking that a stop is immediate.
window.startAndTerminate = async (build, seed, ms) => {
  const { worker } = await start(build);
  search(worker, seed).catch(() => {});
  await new Promise((r) => setTimeout(r, ms));
  worker.terminate();
};
