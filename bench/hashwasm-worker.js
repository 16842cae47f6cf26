// hash-wasm's streaming MD5 over the same chunked File reads as hashwall's worker (4 MiB slices):
// read one after another with FileReaderSync, or (`ahead`) with the next slice read while the
// current one is hashed, as hashwall's worker reads.
importScripts('./md5.umd.min.js');
const CHUNK = 4 << 20;
hashwasm.createMD5().then((hasher) => {
  onmessage = async (e) => {
    const { file, ahead } = e.data;
    hasher.init();
    if (ahead) {
      let next = file.slice(0, CHUNK).arrayBuffer();
      for (let at = 0; at < file.size; at += CHUNK) {
        const chunk = await next;
        if (at + CHUNK < file.size) next = file.slice(at + CHUNK, at + 2 * CHUNK).arrayBuffer();
        hasher.update(new Uint8Array(chunk));
      }
    } else {
      const reader = new FileReaderSync();
      for (let at = 0; at < file.size; at += CHUNK) {
        hasher.update(new Uint8Array(reader.readAsArrayBuffer(file.slice(at, at + CHUNK))));
      }
    }
    postMessage({ hex: hasher.digest('hex') });
  };
  postMessage('ready');
});
