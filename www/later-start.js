// Loads the wasm of the parts of the app loaded later (the evasion lab, the fingerprint page)
// the first time one is opened, which mounts it; added again by the page on each later visit
// or language switch, it only mounts the part shown again. They are a separate build (bin
// `later`) so that the page's first load does not carry them.
(() => {
  if (self.hashwallLaterMount) {
    self.hashwallLaterMount();
    return;
  }
  if (self.hashwallLaterLoading) return;
  self.hashwallLaterLoading = true;
  const failed = (why) => {
    self.hashwallLaterLoading = false;
    const note = document.getElementById('later-loading');
    if (note) note.dataset.failed = String(why);
    console.error('hashwall:', why);
  };
  const script = document.createElement('script');
  script.src = './later.js';
  script.onload = () => {
    // The no-modules build declares a global `wasm_bindgen` (a top-level `let`, so not a
    // property of `self`); the page's own build is an ES module and declares none, so the
    // name is free. Running the wasm's start function mounts the part shown.
    wasm_bindgen('./later_bg.wasm').catch(failed);
  };
  script.onerror = () => failed('later.js did not load');
  document.head.appendChild(script);
})();
