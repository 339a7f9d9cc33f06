// The history's chart, drawn with ECharts from the table under it (the table stays: it is the
// chart's text alternative, and what a browser without JavaScript shows).
(function () {
  'use strict';
  var box = document.querySelector('[data-chart=history]');
  var table = document.getElementById('history-table');
  if (!box || !table || typeof echarts === 'undefined') { return; }
  var heads = table.querySelectorAll('thead th');
  var labels = [], now = [], before = [];
  table.querySelectorAll('tbody tr').forEach(function (row) {
    var cells = row.querySelectorAll('td');
    labels.push(row.querySelector('th').textContent);
    now.push(cells[0].dataset.value ? Number(cells[0].dataset.value) : null);
    before.push(cells[1].dataset.value ? Number(cells[1].dataset.value) : null);
  });
  box.style.height = '20rem';
  var chart = echarts.init(box);
  chart.setOption({
    tooltip: {trigger: 'axis'},
    legend: {data: [heads[1].textContent, heads[2].textContent]},
    grid: {left: 50, right: 10, bottom: 40},
    xAxis: {type: 'category', data: labels},
    yAxis: {type: 'value', name: box.dataset.unit},
    series: [
      {name: heads[1].textContent, type: 'bar', data: now, itemStyle: {color: '#005a8c'}},
      {name: heads[2].textContent, type: 'bar', data: before, itemStyle: {color: '#9e9e9e'}}
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
