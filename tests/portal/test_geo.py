"""WGS-84 → GCJ-02 (→ BD-09) against published reference points."""

import pytest

from portal.geo import BD09, GCJ02, WGS84, distance_km, from_wgs84, gcj02_to_bd09, wgs84_to_gcj02

# (WGS-84 lat, lng) → (GCJ-02 lat, lng): eviltransform's and coordtransform's test points.
REFERENCE_POINTS = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),  # Shanghai
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),  # Shenzhen
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),  # Beijing
    ((39.915, 116.404), (39.91640428150164, 116.41024449916938)),  # Beijing, Tiananmen
]


@pytest.mark.parametrize("wgs, gcj", REFERENCE_POINTS)
def test_wgs84_to_gcj02(wgs, gcj):
    assert wgs84_to_gcj02(*wgs) == pytest.approx(gcj, abs=1e-9)


def test_gcj02_to_bd09():
    assert gcj02_to_bd09(39.915, 116.404) == pytest.approx((39.92133699351021, 116.41036949371029), abs=1e-9)


def test_outside_china_is_unchanged():
    assert wgs84_to_gcj02(51.5007, -0.1246) == (51.5007, -0.1246)  # London
    assert wgs84_to_gcj02(25.0330, 121.5654) != (25.0330, 121.5654)  # inside the box: converted


def test_offset_is_a_few_hundred_metres():
    gcj = wgs84_to_gcj02(30.66852, 104.05495)
    assert 0.1 < distance_km(30.66852, 104.05495, *gcj) < 0.8


def test_from_wgs84_by_system():
    point = (30.66852, 104.05495)
    assert from_wgs84(*point, WGS84) == point
    assert from_wgs84(*point, GCJ02) == wgs84_to_gcj02(*point)
    assert from_wgs84(*point, BD09) == gcj02_to_bd09(*wgs84_to_gcj02(*point))


def test_distance():
    # Tiananmen to the Shanghai Bund is about 1,067 km.
    assert distance_km(39.9087, 116.3975, 31.2400, 121.4900) == pytest.approx(1067, abs=5)
