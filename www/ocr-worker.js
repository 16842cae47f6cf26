// The OCR worker: reads the text in a picture with Tesseract (tesseract-wasm, from npm) and
// Debian's Chinese models, for the server's analysis (sources A10). The page starts it with
// the first picture, so nobody who never sends one downloads its 3.7 MB.
//
// It speaks the page's worker protocol (src/jobs.rs, pinned by a test there): JSON in the
// `json` field, the picture as the first of `files`; it answers only `ReadText`.
//
// Why two models: each Tesseract engine takes one trained-data file; chi_sim lacks the
// traditional forms and chi_tra the simplified ones, and both read Latin letters and digits.
// Why two sizes: Tesseract misreads very large glyphs, and one reading at 1000 px and one at
// 600 px found every keyword on the test pictures (docs/research/ocr-study.md).

const MODELS = ['./ocr/chi_sim.traineddata', './ocr/chi_tra.traineddata'];
const LONGEST_SIDES = [1000, 600];

// Started as `ocr-worker.js?engine`, this script is the helper that runs the second model, so
// that the two models read at once on two cores (a 1-megapixel picture: 1.5 s one after the
// other, under 1 s side by side). The first worker fetches every file once and hands the
// helper its bytes, so nothing is downloaded twice.
const IS_HELPER = new URLSearchParams(self.location.search).has('engine');

async function engineOf(wasm, model) {
  const { createOCREngine } = await import('./ocr/lib.js');
  const engine = await createOCREngine({ wasmBinary: wasm });
  engine.loadModel(new Uint8Array(model));
  return engine;
}

// Every line the engine reads in each image, trimmed, with its confidence.
function linesOf(engine, images) {
  return images.flatMap((image) => {
    engine.loadImage(image);
    const lines = engine.getTextBoxes('line').map((l) => [l.text.trim(), l.confidence]);
    engine.clearImage();
    return lines;
  });
}

// The first worker's two readers: its own engine, and the helper's, as functions from
// greyscale images to lines.
let readers = null; // a promise, made on the first request

async function startReaders() {
  const { supportsFastBuild } = await import('./ocr/lib.js');
  const core = supportsFastBuild() ? './ocr/tesseract-core.wasm' : './ocr/tesseract-core-fallback.wasm';
  const [wasm, own, helped] = await Promise.all([core, ...MODELS].map(async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.arrayBuffer();
  }));
  const helper = new Worker('./ocr-worker.js?engine');
  let next = 0;
  const waiting = new Map();
  const failAll = (why) => { for (const [, { fail }] of waiting) fail(new Error(why)); waiting.clear(); };
  helper.onmessage = ({ data }) => {
    const { id, lines, error } = data;
    const pending = waiting.get(id);
    waiting.delete(id);
    if (error) pending.fail(new Error(error)); else pending.done(lines);
  };
  helper.onerror = (event) => { event.preventDefault(); failAll(event.message || 'the second OCR engine stopped'); };
  const ask = (message, transfer = []) => new Promise((done, fail) => {
    const id = next++;
    waiting.set(id, { done, fail });
    helper.postMessage({ id, ...message }, transfer);
  });
  const copy = wasm.slice(0);
  const started = ask({ wasm: copy, model: helped }, [copy, helped]);
  const engine = await engineOf(wasm, own);
  await started;
  // The helper's reader first: it only posts, and the own engine's work then runs meanwhile.
  return [
    (images) => ask({ images }),
    async (images) => linesOf(engine, images),
  ];
}

// The helper: its first message brings the engine's bytes, the others images to read.
function helperMain() {
  let engine = null;
  self.onmessage = async ({ data }) => {
    try {
      if (data.wasm) {
        engine = await engineOf(data.wasm, data.model);
        self.postMessage({ id: data.id, lines: [] });
      } else {
        self.postMessage({ id: data.id, lines: linesOf(engine, data.images) });
      }
    } catch (error) {
      self.postMessage({ id: data.id, error: String(error && error.message || error) });
    }
  };
}

// The picture at most `longest` pixels on its longest side, in luminosity greyscale with the
// weights of src/fingerprint/grey.rs (Rec. 601), as WeChat's OCR is reported to see it.
function greyscale(bitmap, longest) {
  const scale = Math.min(1, longest / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  const image = context.getImageData(0, 0, width, height);
  const px = image.data;
  for (let i = 0; i < px.length; i += 4) {
    const y = Math.round(0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2]);
    px[i] = px[i + 1] = px[i + 2] = y;
    px[i + 3] = 255;
  }
  return image;
}

// Every distinct line any model read at any size, and their mean confidence (in percent,
// weighted by length).
async function readText(file) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw refusal('filters.ocr.undecodable');
  }
  const read = await readers;
  // A second reading within a fifth of the first one's size would read the same glyphs.
  const sides = [];
  for (const limit of LONGEST_SIDES) {
    const side = Math.min(limit, Math.max(bitmap.width, bitmap.height));
    if (!sides.some((other) => side >= 0.8 * other)) sides.push(side);
  }
  const images = sides.map((side) => greyscale(bitmap, side));
  const [helped, own] = await Promise.all(read.map((reader) => reader(images)));
  // chi_sim's lines first: the server view quotes the start of the text.
  const lines = new Map();
  for (const [text, confidence] of [...own, ...helped]) {
    if (text && !lines.has(text)) lines.set(text, confidence);
  }
  bitmap.close();
  let weight = 0;
  let sum = 0;
  for (const [text, confidence] of lines) {
    weight += text.length;
    sum += text.length * confidence;
  }
  return {
    text: [...lines.keys()].join('\n'),
    confidence: weight ? Math.round((100 * sum) / weight) : 0,
  };
}

// A failure the page words in its own language (src/l10n/message.rs).
function refusal(key, why) {
  return { key, args: why === undefined ? [] : [['why', { Text: String(why) }]] };
}

function post(message) {
  self.postMessage({ json: JSON.stringify(message) });
}

self.onmessage = async ({ data }) => {
  const { id, request } = JSON.parse(data.json);
  const file = data.files && data.files[0];
  if (request !== 'ReadText' || !file) {
    const message = `the OCR worker answers ReadText with one picture, not ${JSON.stringify(request)}`;
    post({ Done: { id, reply: { Failed: { message } } } });
    return;
  }
  if (!readers) {
    readers = startReaders();
    // A failed start is not kept: the next picture tries again.
    readers.catch(() => { readers = null; });
  }
  try {
    const { text, confidence } = await readText(file);
    post({ Done: { id, reply: { TextRead: { text, confidence } } } });
  } catch (error) {
    const failure = error && error.key ? error : refusal('filters.ocr.engine', error && error.message || error);
    post({ Done: { id, reply: { Refused: { failure } } } });
  }
};

if (IS_HELPER) helperMain(); else post('Ready');
