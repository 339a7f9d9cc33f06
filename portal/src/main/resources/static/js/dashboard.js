// The dashboard's figures, read again every minute (vivacite.portal.dashboard.refresh) from GET /api/me/dashboard (the same service as
// the page) and written into the cells that name them (data-live="dwelling fluid period field"),
// without reloading the page. Without JavaScript the page shows the figures of its loading.
(function () {
  'use strict';
  var lang = document.documentElement.lang || 'fr';
  var number = new Intl.NumberFormat(lang, {minimumFractionDigits: 2, maximumFractionDigits: 2});
  var reading = new Intl.NumberFormat(lang, {minimumFractionDigits: 3, maximumFractionDigits: 3});
  var main = document.querySelector('[data-refresh]');
  var when = new Intl.DateTimeFormat('fr-FR', {
    timeZone: main ? main.dataset.zone : undefined, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit'
  });
  function show(date) {
    return when.format(new Date(date)).replace(',', '');
  }
  function refresh() {
    fetch('/api/me/dashboard', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (dwellings) {
        if (!dwellings) { return; }
        dwellings.forEach(function (d) {
          d.fluids.forEach(function (f) {
            ['today', 'month', 'year'].forEach(function (period) {
              ['quantity', 'euros', 'kgCo2e'].forEach(function (field) {
                var cell = document.querySelector('[data-live="' + d.iri + ' ' + f.fluid + ' ' + period + ' ' + field + '"]');
                if (cell) {
                  var v = f[period] ? f[period][field] : null;
                  cell.textContent = v === null || v === undefined ? '—' : number.format(v);
                }
              });
            });
            var latest = document.querySelector('[data-live-latest="' + d.iri + ' ' + f.fluid + '"]');
            if (latest && f.latest) {
              latest.querySelector('.value').textContent = reading.format(f.latest.value);
              latest.querySelector('.from').textContent = show(f.latest.from);
              latest.querySelector('.to').textContent = show(f.latest.to);
              latest.querySelector('.reading').hidden = false;
              latest.querySelector('.none').hidden = true;
            }
          });
        });
      })
      .catch(function () { /* the server is away: the figures stay as they are */ });
  }
  if (main) {
    window.setInterval(refresh, 1000 * Number(main.dataset.refresh));
  }
})();
