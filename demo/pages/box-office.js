// A box office's own glue, as a classic script beside pass-check.js: listen
// for verdicts, keep a count, offer the demo samples. No modules, no build step.
(function () {
  'use strict';
  var scanner = document.getElementById('scanner');
  var log = document.getElementById('log');
  var list = document.getElementById('samples');

  if (!window.PassCheck || !customElements.get('pass-scanner')) {
    var warning = document.createElement('p');
    warning.className = 'note';
    warning.textContent = 'pass-check.js did not load: the scanner is unavailable.';
    list.before(warning);
    return;
  }

  // A camera cannot hand over a code before the scanner has started; neither does "Scan this".
  function whenStarted() {
    return new Promise(function (resolve) {
      (function check() {
        if (scanner.state !== 'starting') resolve();
        else setTimeout(check, 50);
      })();
    });
  }

  // Verdict and codes only: a box office has no business keeping names or dates.
  scanner.addEventListener('pass-result', function (event) {
    var result = event.detail;
    var accepted = result.policy ? result.policy.decision === 'accept' && result.status === 'valid' : result.status === 'valid';
    var codes = result.errors.map(function (error) { return error.code; });
    var line = document.createElement('li');
    var verdict = accepted ? (event.duplicateOf ? 'already scanned' : 'accepted') : 'rejected';
    line.dataset.verdict = accepted && event.duplicateOf ? 'duplicate' : accepted ? 'accepted' : 'rejected';
    line.textContent = new Date().toLocaleTimeString() + ' ' + verdict + (codes.length ? ' ' + codes.join(', ') : '');
    log.prepend(line);
  });

  fetch('/demo-data/samples.json').then(function (response) { return response.json(); }).then(function (data) {
    data.samples.forEach(function (sample) {
      var item = document.createElement('li');
      var label = document.createElement('span');
      label.textContent = sample.label;
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Scan this';
      button.dataset.scan = sample.id;
      button.addEventListener('click', function () {
        whenStarted().then(function () {
          scanner.reset();
          return sample.qr.reduce(function (previous, text) {
            return previous.then(function () { return scanner.verifyText(text); });
          }, Promise.resolve());
        });
      });
      item.append(label, button);
      list.append(item);
    });
  });
})();
