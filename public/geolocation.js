// 現在地から探す, enhanced: a 「現在地を使う」 button that asks the browser for the location only
// when pressed, fills the form's lat/lng and sends it. Without JavaScript, or when the location is
// refused, the guardian chooses a starting point in the same form instead.
// The words come from the form's data-* attributes, so they follow the page's language.
const form = document.querySelector('form[data-geolocation]');
const slot = form?.querySelector('[data-geolocation-slot]');

if (form instanceof HTMLFormElement && slot && 'geolocation' in navigator) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'geolocation-button';
  button.textContent = form.dataset.useLabel ?? '現在地を使う';

  const status = document.createElement('p');
  status.className = 'notice geolocation-status';
  status.dataset.type = 'warning';
  status.setAttribute('role', 'status');

  slot.append(button, status);

  button.addEventListener('click', () => {
    button.disabled = true;
    status.textContent = form.dataset.locating ?? '';
    navigator.geolocation.getCurrentPosition(
      (position) => {
        // About 100 m is close enough to order facilities, and keeps the address bar (and the
        // server's log) from holding the guardian's exact position.
        form.elements.namedItem('lat').value = position.coords.latitude.toFixed(3);
        form.elements.namedItem('lng').value = position.coords.longitude.toFixed(3);
        form.submit();
      },
      (error) => {
        button.disabled = false;
        status.textContent = (error.code === error.PERMISSION_DENIED ? form.dataset.denied : form.dataset.failed) ?? '';
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 },
    );
  });
}
