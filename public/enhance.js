// Progressive enhancement only: every page works without this file.
// Move focus to the error summary so screen-reader and keyboard users hear what to fix first.
const summary = document.querySelector('[data-focus-on-load]');
if (summary instanceof HTMLElement) summary.focus();

// A form submits once: a second click while the first request is on its way does nothing.
for (const form of document.querySelectorAll('form[method="post"]')) {
  form.addEventListener('submit', (event) => {
    if (form.dataset.submitted === 'true') event.preventDefault();
    else form.dataset.submitted = 'true';
  });
}
