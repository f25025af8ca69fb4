// 都道府県 → 市区町村, enhanced: choosing a prefecture lists its municipalities at once, without
// pressing 「市区町村を表示」. The list is taken from the page the button would load (same URL,
// same server rendering), so there is one source of truth and no extra endpoint. Focus stays on
// the prefecture field; a status line tells screen-reader users that the list has appeared.
// If the request fails, the form is sent as without JavaScript.
const form = document.querySelector('form[data-places-prefecture]');
const select = form?.querySelector('select[name="prefecture"]');
const slot = document.querySelector('[data-places-municipalities]');
const status = document.querySelector('[data-places-status]');

if (form instanceof HTMLFormElement && select instanceof HTMLSelectElement && slot) {
  let latest = 0;
  select.addEventListener('change', async () => {
    const request = ++latest;
    if (status) status.textContent = '';
    if (select.value === '') {
      slot.replaceChildren();
      return;
    }
    const url = new URL(form.action);
    url.search = new URLSearchParams(new FormData(form)).toString();
    try {
      const response = await fetch(url, { headers: { Accept: 'text/html' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.querySelector('[data-places-municipalities]');
      if (!fresh) throw new Error('no municipality list in the page');
      // A slower answer for an earlier choice must not replace the list of the latest one.
      if (request !== latest) return;
      slot.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)));
      // The list's arrival, or the notice that there is none, is read out.
      if (status) status.textContent = slot.querySelector('select') ? (form.dataset.listShown ?? '') : slot.textContent.trim();
    } catch {
      if (request === latest) form.submit();
    }
  });
}
