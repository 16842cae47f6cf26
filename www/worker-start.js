// Starts the main worker: its SIMD build where the browser runs WebAssembly SIMD, else the
// portable build. A module with one SIMD instruction (`i8x16.splat`, returning a v128) is
// valid exactly where SIMD is supported, so validating it is the feature test; nothing runs.
// `?simd=off` in this script's address forces the portable build (tests and benchmarks).
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // types: () -> v128
  0x03, 0x02, 0x01, 0x00, // one function of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b, // body: i32.const 0, i8x16.splat
]);
const forcedOff = new URLSearchParams(self.location.search).get('simd') === 'off';
const simd = !forcedOff && WebAssembly.validate(SIMD_PROBE);
const name = simd ? 'worker_simd' : 'worker';
self.hashwallWorkerBuild = simd ? 'simd128' : 'portable';
importScripts(`./${name}.js`);
wasm_bindgen(`./${name}_bg.wasm`);
