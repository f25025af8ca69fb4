// 「QRコード表示」, enhanced: the code is fetched again every few seconds and swapped in place, so
// the entrance tablet always shows this minute's code without reloading the page. Without
// JavaScript the page reloads itself (a meta refresh inside <noscript>).
const slot = document.querySelector('[data-qr-slot]');
const EVERY_MS = 10_000;

async function refresh() {
  try {
    const response = await fetch(window.location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
    if (!response.ok) throw new Error(String(response.status));
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const figure = page.querySelector('[data-qr-slot] [data-qr]');
    // Not the QR page (the session ended and login answered): show that page instead.
    if (!figure) {
      window.location.reload();
      return;
    }
    slot.replaceChildren(document.importNode(figure, true));
  } catch {
    // Offline for a moment: try again at the next turn; the old code simply expires.
  }
}

if (slot) {
  window.setInterval(refresh, EVERY_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refresh();
  });
}
