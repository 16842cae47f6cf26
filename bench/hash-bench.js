// Runs in the benchmark page: hashes the picked file in a worker, with hashwall's worker or with
// hash-wasm's, and reports the time and the longest gap between animation frames meanwhile.
function startWorker(url, ready) {
  const worker = new Worker(url);
  return new Promise((resolve) => {
    worker.onmessage = (e) => { if (ready(e.data)) resolve(worker); };
  });
}

async function hashWith(which, file) {
  const worker = which === 'hashwall'
    ? await startWorker('./worker_loader.js', (d) => d.json === '"Ready"')
    : await startWorker('./hashwasm-worker.js', (d) => d === 'ready');
  let longestFrameGap = 0;
  let last = performance.now();
  let running = true;
  const frame = (t) => { longestFrameGap = Math.max(longestFrameGap, t - last); last = t; if (running) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const start = performance.now();
  const hex = await new Promise((resolve, reject) => {
    worker.onmessage = (e) => {
      if (which === 'hashwall') {
        const reply = JSON.parse(e.data.json);
        if (reply.Hashed) resolve(reply.Hashed.md5);
        if (reply.Failed) reject(new Error(reply.Failed.message));
      } else if (e.data.hex) {
        resolve(e.data.hex);
      }
    };
    if (which === 'hashwall') worker.postMessage({ json: JSON.stringify({ Hash: { job: 1 } }), file });
    else worker.postMessage({ file });
  });
  const ms = performance.now() - start;
  running = false;
  worker.terminate();
  return { hex, ms, longestFrameGap };
}

window.runBench = (which) => hashWith(which, document.getElementById('file').files[0]);
