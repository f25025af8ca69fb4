// The guardian's scanner: the camera (only when the guardian presses the button), each frame
// decoded with jsQR (served as /assets/jsqr.js), and a code of this site's /checkin/ opened.
// Without JavaScript or a camera, the form below it takes the six digits shown under the QR code.
const section = document.querySelector('[data-scanner]');
const slot = section?.querySelector('[data-scanner-slot]');

function start() {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = section.dataset.start ?? 'カメラを起動する';
  const video = document.createElement('video');
  video.setAttribute('playsinline', '');
  video.muted = true;
  video.hidden = true;
  video.className = 'scanner-video';
  const status = document.createElement('p');
  status.className = 'notice scanner-status';
  status.dataset.type = 'info';
  status.setAttribute('role', 'status');
  slot.append(button, video, status);

  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let stream;
  let running = false;

  function stop() {
    running = false;
    stream?.getTracks().forEach((track) => track.stop());
    stream = undefined;
    video.hidden = true;
    button.textContent = section.dataset.start ?? '';
  }

  function frame() {
    if (!running) return;
    if (video.readyState >= video.HAVE_ENOUGH_DATA && typeof window.jsQR === 'function') {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (found?.data) {
        try {
          const url = new URL(found.data, window.location.href);
          if (url.origin === window.location.origin && url.pathname.startsWith('/checkin/')) {
            status.textContent = section.dataset.found ?? '';
            stop();
            window.location.assign(url.pathname);
            return;
          }
        } catch {
          // Not a URL at all.
        }
        status.textContent = section.dataset.other ?? '';
      }
    }
    window.requestAnimationFrame(frame);
  }

  button.addEventListener('click', async () => {
    if (running) {
      stop();
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      running = true;
      button.textContent = section.dataset.stop ?? '';
      status.textContent = section.dataset.looking ?? '';
      window.requestAnimationFrame(frame);
    } catch {
      stop();
      status.dataset.type = 'warning';
      status.textContent = section.dataset.noCamera ?? '';
    }
  });
}

if (section && slot) {
  if (navigator.mediaDevices?.getUserMedia) start();
  else slot.textContent = section.dataset.noCamera ?? '';
}
