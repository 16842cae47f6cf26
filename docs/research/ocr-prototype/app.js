// Main-thread side of the prototype: lazily start the worker, send ImageBitmaps (transferred), get texts back.
import { violations, median } from './common.js';
let worker, seq = 0; const pending = new Map();
function call(msg, transfer = []) {
  return new Promise((res, rej) => { const id = ++seq; pending.set(id, { res, rej }); worker.postMessage({ ...msg, id }, transfer); });
}
window.appInit = async (models, psm) => {
  const t0 = performance.now();
  worker = new Worker('/bench/ocr-worker.js', { type: 'module' });
  worker.onmessage = ({ data }) => { const p = pending.get(data.id); pending.delete(data.id); data.ok ? p.res(data.r) : p.rej(new Error(data.err)); };
  worker.onerror = (e) => console.error('worker error', e.message);
  const r = await call({ type: 'init', models, psm });
  return { ...r, totalMs: performance.now() - t0 };
};
window.appBench = async (imgUrl, maxSide, runs = 10) => {
  const blob = await (await fetch(imgUrl)).blob();
  const tot = [], ocrT = []; let last;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const bitmap = await createImageBitmap(blob);          // decode (as the app would for an uploaded picture)
    const r = await call({ type: 'ocr', bitmap, maxSide }, [bitmap]);
    const t = performance.now() - t0;
    if (i > 0) { tot.push(t); ocrT.push(r.ocrMs); }
    last = r;
  }
  return { endToEndMs: median(tot), ocrMs: median(ocrT), min: Math.min(...tot), max: Math.max(...tot), ...last };
};
window.appStop = () => { worker.terminate(); worker = null; };
window.appInfo = () => ({ violations });
window.appReady = true;
