// Runs in the benchmark page: hashes the picked file in a worker, with hashwall's worker (its
// SIMD build or, forced, its portable one) or with hash-wasm's, and reports the time and the
// longest gap between animation frames meanwhile. `hashwall-detect` runs the censor's collision
// detector over the file instead (its MD5 comes with it), to price detection against hashing. hashwall's worker speaks the app's protocol
// (src/jobs.rs): JSON under `json`, the file under `files`.
function startWorker(url, ready) {
  const worker = new Worker(url);
  return new Promise((resolve) => {
    worker.onmessage = (e) => { if (ready(e.data)) resolve(worker); };
  });
}

async function hashWith(which, file) {
  const ours = which.startsWith('hashwall');
  const worker = ours
    ? await startWorker(which === 'hashwall-portable' ? './worker-start.js?simd=off' : './worker-start.js',
      (d) => d.json === '"Ready"')
    : await startWorker('./hashwasm-worker.js', (d) => d === 'ready');
  let longestFrameGap = 0;
  let last = performance.now();
  let running = true;
  const frame = (t) => { longestFrameGap = Math.max(longestFrameGap, t - last); last = t; if (running) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const start = performance.now();
  const hex = await new Promise((resolve, reject) => {
    worker.onmessage = (e) => {
      if (ours) {
        const reply = JSON.parse(e.data.json).Done?.reply;
        if (reply?.Hashed) resolve(reply.Hashed.md5);
        else if (reply?.Detected) resolve(reply.Detected.scan.md5);
        else if (reply) reject(new Error(e.data.json));
      } else if (e.data.hex) {
        resolve(e.data.hex);
      }
    };
    if (ours) worker.postMessage({ json: JSON.stringify({ id: 1, request: which === 'hashwall-detect' ? 'Detect' : 'Hash' }), files: [file] });
    else worker.postMessage({ file, ahead: which === 'hash-wasm-ahead' });
  });
  const ms = performance.now() - start;
  running = false;
  worker.terminate();
  return { hex, ms, longestFrameGap };
}

window.runBench = (which) => hashWith(which, document.getElementById('file').files[0]);
