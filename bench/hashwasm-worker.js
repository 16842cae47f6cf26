// hash-wasm's streaming MD5 over the same chunked File reads as hashwall's worker (4 MiB slices).
importScripts('./md5.umd.min.js');
const CHUNK = 4 << 20;
hashwasm.createMD5().then((hasher) => {
  onmessage = (e) => {
    const file = e.data.file;
    const reader = new FileReaderSync();
    hasher.init();
    for (let at = 0; at < file.size; at += CHUNK) {
      hasher.update(new Uint8Array(reader.readAsArrayBuffer(file.slice(at, at + CHUNK))));
    }
    postMessage({ hex: hasher.digest('hex') });
  };
  postMessage('ready');
});
