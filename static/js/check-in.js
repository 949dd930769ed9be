// Scanning a registration QR code with the phone's camera, where the browser can read QR codes
// (BarcodeDetector: Chrome and Edge on Android). Elsewhere the button stays hidden and staff type
// the code, or use a handheld scanner that types it.
(function () {
  const button = document.getElementById("scan-code");
  const video = document.getElementById("scan-video");
  const input = document.querySelector(".check-in-form input[name=code]");
  if (!button || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  button.hidden = false;
  button.addEventListener("click", async function () {
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    const look = async function () {
      const codes = await detector.detect(video);
      if (codes.length) {
        stream.getTracks().forEach(function (track) { track.stop(); });
        input.value = codes[0].rawValue;
        input.form.submit();
        return;
      }
      requestAnimationFrame(look);
    };
    look();
  });
})();
