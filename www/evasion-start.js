// Loads the evasion lab's own wasm the first time the lab is opened, then mounts the lab;
// added again by the page on each later visit or language switch, it only mounts it again.
// The lab is a separate build (bin `evasion`) so that the page's first load does not carry it.
(() => {
  if (self.hashwallEvasionMount) {
    self.hashwallEvasionMount();
    return;
  }
  if (self.hashwallEvasionLoading) return;
  self.hashwallEvasionLoading = true;
  const failed = (why) => {
    self.hashwallEvasionLoading = false;
    const note = document.getElementById('evasion-loading');
    if (note) note.dataset.failed = String(why);
    console.error('evasion lab:', why);
  };
  const script = document.createElement('script');
  script.src = './evasion.js';
  script.onload = () => {
    // The no-modules build defines `wasm_bindgen`; the page's own build is an ES module and
    // does not, so the name is free. Running the wasm's start function mounts the lab.
    const lab = self.wasm_bindgen;
    lab('./evasion_bg.wasm').catch(failed);
  };
  script.onerror = () => failed('evasion.js did not load');
  document.head.appendChild(script);
})();
