// Progressive enhancement only: every page works without this file.
// Move focus to the error summary so screen-reader and keyboard users hear what to fix first.
const summary = document.querySelector('[data-focus-on-load]');
if (summary instanceof HTMLElement) summary.focus();

// A form submits once: a second click while the first request is on its way does nothing.
// (The server also makes every submit idempotent; this only saves a wasted request.)
for (const form of document.querySelectorAll('form[method="post"]')) {
  form.addEventListener('submit', (event) => {
    if (form.dataset.submitted === 'true') event.preventDefault();
    else form.dataset.submitted = 'true';
  });
}
// Coming back with the browser's Back button restores the page from cache: allow submitting again.
window.addEventListener('pageshow', () => {
  for (const form of document.querySelectorAll('form[data-submitted]')) delete form.dataset.submitted;
});
