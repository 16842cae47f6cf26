// The host's side of the embed, as an article page would write it: when a frame reports its
// height (Datawrapper's message), the frame that sent it is resized to fit. The AMP and pym.js
// messages are only shown, to show that they arrive.
'use strict';
window.addEventListener('message', (event) => {
  if (event.origin !== window.location.origin) return;
  const data = event.data;
  const show = (id, value) => { document.getElementById(id).textContent = value; };
  if (data && typeof data === 'object' && data['datawrapper-height']) {
    for (const frame of document.querySelectorAll('iframe')) {
      if (frame.contentWindow !== event.source) continue;
      for (const height of Object.values(data['datawrapper-height'])) {
        if (Number.isFinite(height) && height > 0) frame.style.height = `${height}px`;
      }
    }
    show('heard-datawrapper', JSON.stringify(data));
  } else if (data && data.sentinel === 'amp' && data.type === 'embed-size') {
    show('heard-amp', JSON.stringify(data));
  } else if (typeof data === 'string' && data.startsWith('pymxPYMx')) {
    show('heard-pym', data);
  }
});
