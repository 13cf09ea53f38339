// door.js: a classic script, no modules, no build step (quick start 2).
(function () {
  var scanner = document.querySelector('pass-scanner');
  var log = document.getElementById('log');

  // One line per verdict: what and why, never who (no names, no dates of birth).
  scanner.addEventListener('pass-result', function (event) {
    var result = event.detail;
    var admitted = result.status === 'valid' && !!result.policy && result.policy.decision === 'accept';
    var codes = result.errors.map(function (e) { return e.code; });
    if (!admitted && result.policy) result.policy.reasons.forEach(function (r) { if (codes.indexOf(r.code) < 0) codes.push(r.code); });
    var line = document.createElement('li');
    line.textContent = new Date().toLocaleTimeString() + ' ' + (admitted ? (event.duplicateOf ? 'already scanned' : 'accepted') : 'rejected') + (codes.length ? ' ' + codes.join(', ') : '');
    log.insertBefore(line, log.firstChild);
  });
  scanner.addEventListener('pass-error', function (event) {
    var line = document.createElement('li');
    line.textContent = 'scanner: ' + event.detail.code;
    log.insertBefore(line, log.firstChild);
  });

  // The example passes: a button each, handing the QR text to the scanner as a camera would.
  fetch('/passes/expected.json').then(function (r) { return r.json(); }).then(function (expected) {
    var list = document.getElementById('passes');
    Object.keys(expected).forEach(function (name) {
      var item = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = name;
      button.dataset.pass = name;
      button.addEventListener('click', function () {
        fetch('/passes/' + name + '.txt').then(function (r) { return r.text(); }).then(function (text) {
          scanner.reset();
          scanner.verifyText(text);
        });
      });
      item.appendChild(button);
      list.appendChild(item);
    });
  });
})();
