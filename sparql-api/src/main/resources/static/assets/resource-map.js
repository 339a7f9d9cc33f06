// The map of a linked-data page (/id/…): draws the geometries the page carries as GeoJSON data
// (#geometries) with Leaflet and fits the map to them. Served as a file, not inline, so that the
// page's Content-Security-Policy can forbid inline scripts.
(function () {
  var geometries = JSON.parse(document.getElementById('geometries').textContent);
  var map = L.map('map', {attributionControl: false});
  var shapes = L.geoJSON(geometries, {
    pointToLayer: function (feature, latlng) { return L.circleMarker(latlng); }
  }).addTo(map);
  map.fitBounds(shapes.getBounds(), {maxZoom: 18, padding: [24, 24]});
})();
