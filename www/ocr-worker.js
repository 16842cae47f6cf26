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

let engines = null; // a promise of one engine per model, made on the first request

async function startEngines() {
  const { createOCREngine, supportsFastBuild } = await import('./ocr/lib.js');
  const core = supportsFastBuild() ? './ocr/tesseract-core.wasm' : './ocr/tesseract-core-fallback.wasm';
  const [wasm, ...models] = await Promise.all([core, ...MODELS].map(async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.arrayBuffer();
  }));
  return Promise.all(models.map(async (model) => {
    // Each engine is its own wasm instance and keeps the bytes it is given.
    const engine = await createOCREngine({ wasmBinary: wasm.slice(0) });
    engine.loadModel(new Uint8Array(model));
    return engine;
  }));
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
  const ready = await engines;
  // A second reading within a fifth of the first one's size would read the same glyphs.
  const sides = [];
  for (const limit of LONGEST_SIDES) {
    const side = Math.min(limit, Math.max(bitmap.width, bitmap.height));
    if (!sides.some((other) => side >= 0.8 * other)) sides.push(side);
  }
  const lines = new Map();
  for (const side of sides) {
    const image = greyscale(bitmap, side);
    for (const engine of ready) {
      engine.loadImage(image);
      for (const line of engine.getTextBoxes('line')) {
        const text = line.text.trim();
        if (text && !lines.has(text)) lines.set(text, line.confidence);
      }
      engine.clearImage();
    }
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
  if (!engines) {
    engines = startEngines();
    // A failed start is not kept: the next picture tries again.
    engines.catch(() => { engines = null; });
  }
  try {
    const { text, confidence } = await readText(file);
    post({ Done: { id, reply: { TextRead: { text, confidence } } } });
  } catch (error) {
    const failure = error && error.key ? error : refusal('filters.ocr.engine', error && error.message || error);
    post({ Done: { id, reply: { Refused: { failure } } } });
  }
};

post('Ready');
