/* The branch map page: draws the markers on a Leaflet map and sorts the list by distance when the
   reader asks ("离我最近"). The list and filters work without this script. */
(function () {
  "use strict";

  var mapElement = document.getElementById("branch-map");
  var markers = JSON.parse(document.getElementById("branch-map-data").textContent);
  var messages = JSON.parse(document.getElementById("near-me-messages").textContent);
  var list = document.getElementById("branch-list");
  var map = null;
  var markerByCode = {};

  function typeColor(type) {
    // One source of truth for the colours: the list's dots (portal.css).
    var dot = list && list.querySelector('.branch-item[data-type="' + type + '"] .type-dot');
    return dot ? getComputedStyle(dot).backgroundColor : "#8a3b12";
  }

  function popupContent(marker) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.name;
    var status = document.createElement("div");
    status.textContent = marker.status;
    box.appendChild(link);
    box.appendChild(status);
    return box;
  }

  function drawMap() {
    if (!mapElement || !window.L) return;
    mapElement.hidden = false;
    var tileUrl = mapElement.dataset.tileUrl;
    // A phone set to reduce motion gets a map that jumps to each view instead of gliding there.
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    map = L.map(mapElement, {
      attributionControl: Boolean(tileUrl), scrollWheelZoom: false,
      zoomAnimation: !still, fadeAnimation: !still, markerZoomAnimation: !still, inertia: !still
    });
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        attribution: mapElement.dataset.tileAttribution,
        subdomains: mapElement.dataset.tileSubdomains || "abc",
        maxZoom: 18
      }).addTo(map);
    } else {
      mapElement.classList.add("branch-map--plain");
      if (mapElement.dataset.baseMapUrl) drawBaseMap(mapElement.dataset.baseMapUrl);
    }
    // Set the view first: Leaflet draws a marker's SVG path only once the map has one.
    var bounds = markers.map(function (marker) { return [marker.lat, marker.lng]; });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    } else {
      map.setView([35, 105], 4);
    }
    // Drawn in reverse list order so the first in the list (the central library) is on top.
    markers.slice().reverse().forEach(function (marker) {
      var circle = L.circleMarker([marker.lat, marker.lng], {
        radius: 9, color: "#ffffff", weight: 2, fillColor: typeColor(marker.type), fillOpacity: 1
      }).addTo(map);
      circle.bindPopup(popupContent(marker));
      var path = circle.getElement();
      if (path) path.setAttribute("data-code", marker.code);
      markerByCode[marker.code] = circle;
    });
  }

  // Without tiles, the library's own outline of the city (districts, river, roads) under the
  // markers, so that the dots stand somewhere recognisable. A file that does not load leaves the
  // plain background.
  var BASE_STYLES = {
    district: { color: "#9c8f80", weight: 1, fillColor: "#fbf8f3", fillOpacity: 1 },
    river: { color: "#7fb2d9", weight: 6, opacity: 0.9 },
    road: { color: "#d8cbb8", weight: 4, opacity: 1 }
  };

  function drawBaseMap(url) {
    map.createPane("base");
    map.getPane("base").style.zIndex = 350;  // under the markers (overlayPane, 400)
    fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) {
      L.geoJSON(data, {
        pane: "base",
        interactive: false,
        style: function (feature) { return BASE_STYLES[(feature.properties || {}).kind] || BASE_STYLES.road; },
        onEachFeature: function (feature, layer) {
          var properties = feature.properties || {};
          if (properties.kind === "district" && properties.name) {
            layer.bindTooltip(properties.name, { permanent: true, direction: "center", className: "district-label" });
          }
        }
      }).addTo(map);
      mapElement.classList.add("branch-map--outlined");
    }).catch(function () { /* the plain background stays */ });
  }

  function distanceKm(lat1, lng1, lat2, lng2) {
    var rad = Math.PI / 180;
    var a = Math.pow(Math.sin((lat2 - lat1) * rad / 2), 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.pow(Math.sin((lng2 - lng1) * rad / 2), 2);
    return 6371.0088 * 2 * Math.asin(Math.sqrt(a));
  }

  function sortByDistance(position) {
    // Browsers report WGS-84, the coordinates the list items carry.
    var lat = position.coords.latitude, lng = position.coords.longitude;
    var items = Array.prototype.slice.call(list.querySelectorAll(".branch-item"));
    items.forEach(function (item) {
      item.distance = item.dataset.lat ? distanceKm(lat, lng, +item.dataset.lat, +item.dataset.lng) : Infinity;
      var label = item.querySelector(".branch-item__distance");
      if (label) label.textContent = isFinite(item.distance) ? " · " + messages.distance.replace("{km}", item.distance.toFixed(1)) : "";
    });
    items.sort(function (a, b) { return a.distance - b.distance; });
    items.forEach(function (item) { list.appendChild(item); });
    say(messages.sorted);
    var nearest = items[0] && markerByCode[items[0].dataset.code];
    if (map && nearest) map.setView(nearest.getLatLng(), 14, { animate: false });
  }

  function say(text) {
    document.getElementById("near-me-status").textContent = text;
  }

  function setUpNearMe() {
    var button = document.getElementById("near-me");
    if (!button || !list || !("geolocation" in navigator)) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      say(messages.locating);
      // Asked only now, on the reader's tap.
      navigator.geolocation.getCurrentPosition(sortByDistance, function (error) {
        say(error.code === 1 ? messages.denied : messages.unavailable);
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 });
    });
  }

  drawMap();
  setUpNearMe();
})();
