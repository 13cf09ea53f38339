// Quick start 1 with a bundler: import the elements, listen for verdicts.
// Vite finds the QR decoder's worker and .wasm beside the package's files.
import '@pass-check/elements/define';

const scanner = document.querySelector('pass-scanner');
const admitted = document.getElementById('admitted');
let count = 0;
scanner.addEventListener('pass-result', (event) => {
  const result = event.detail; // a VerificationResult: keep no names, it is for the door only
  if (result.status === 'valid' && result.policy?.decision === 'accept' && !event.duplicateOf) admitted.value = String(++count);
});

// No camera at hand: buttons that hand the example passes' QR text to the scanner.
const expected = await (await fetch('/passes/expected.json')).json();
for (const name of Object.keys(expected)) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = name;
  button.dataset.pass = name;
  button.style.cssText = 'min-height: 2.75rem; margin: 0 0.4rem 0.4rem 0';
  button.addEventListener('click', async () => {
    scanner.reset();
    await scanner.verifyText(await (await fetch(`/passes/${name}.txt`)).text());
  });
  document.getElementById('passes').append(button);
}
