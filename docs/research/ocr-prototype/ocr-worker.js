// Prototype of the app's lazy OCR worker (module worker, same-origin only, no blob:, no eval).
// Engine: tesseract-wasm 0.11 (createOCREngine from lib.js), one engine per traineddata file.
import { createOCREngine, supportsFastBuild } from '/pkgs/tesseract-wasm-0.11.0/package/dist/lib.js';
const BASE = '/pkgs/tesseract-wasm-0.11.0/package/dist/';
let engines = [];
async function init({ models, psm }) {
  const t0 = performance.now();
  const wasmUrl = BASE + (supportsFastBuild() ? 'tesseract-core.wasm' : 'tesseract-core-fallback.wasm');
  const [wasm, ...datas] = await Promise.all([wasmUrl, ...models].map(async (u) => {
    const r = await fetch(u); if (!r.ok) throw new Error(`${u}: ${r.status}`);
    // pre-gzipped model (.gz) served as plain bytes: inflate natively (no JS inflater, CSP-safe)
    if (u.endsWith('.gz')) return new Response(r.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
    return r.arrayBuffer();
  }));
  const t1 = performance.now();
  engines = [];
  for (let i = 0; i < models.length; i++) {
    // createOCREngine copies nothing it doesn't need; give each engine its own copy of the wasm bytes
    const e = await createOCREngine({ wasmBinary: wasm.slice(0) });
    e.loadModel(new Uint8Array(datas[i]));
    if (psm) e.setVariable('tessedit_pageseg_mode', String(psm));
    engines.push({ name: models[i], e });
  }
  return { simd: supportsFastBuild(), fetchMs: t1 - t0, initMs: performance.now() - t1 };
}
function greyscale(bitmap, maxSide) {
  let w = bitmap.width, h = bitmap.height;
  if (maxSide && Math.max(w, h) > maxSide) { const s = maxSide / Math.max(w, h); w = Math.round(w * s); h = Math.round(h * s); }
  const ctx = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true });
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, w, h);
  const img = ctx.getImageData(0, 0, w, h), d = img.data;
  for (let i = 0; i < d.length; i += 4) { const y = Math.round(0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2]); d[i] = d[i + 1] = d[i + 2] = y; d[i + 3] = 255; }
  return img;
}
function ocr({ bitmap, maxSide }) {
  const t0 = performance.now();
  const img = greyscale(bitmap, maxSide);
  const t1 = performance.now();
  const results = engines.map(({ name, e }) => {
    const a = performance.now();
    e.loadImage(img);
    const lines = e.getTextBoxes('line');
    e.clearImage();
    return { name, ms: performance.now() - a, text: lines.map((l) => l.text.trim()).join(' | '), conf: lines.map((l) => +l.confidence.toFixed(2)) };
  });
  return { w: img.width, h: img.height, prepMs: t1 - t0, ocrMs: performance.now() - t1, results };
}
self.onmessage = async ({ data }) => {
  try {
    const r = data.type === 'init' ? await init(data) : ocr(data);
    self.postMessage({ id: data.id, ok: true, r });
  } catch (err) { self.postMessage({ id: data.id, ok: false, err: String(err) }); }
};
