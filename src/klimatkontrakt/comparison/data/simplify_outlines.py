"""How data/municipalities.geojson was made from ../shared/data/swedish_municipalities.geojson
(see README.md here): coordinates rounded to two decimals of a degree (about 1 km,
finer than a pixel of the map at 390 px), repeated points dropped, rings wound as d3-geo (and so
Vega-Lite) expects them (outer rings clockwise), properties cut to `code` and `name`.

    python src/klimatkontrakt/comparison/data/simplify_outlines.py SOURCE.geojson OUT.geojson
"""

import json
import sys


def _area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))


def _ring(ring: list[list[float]], outer: bool) -> list[list[float]] | None:
    out: list[list[float]] = []
    for x, y in ring:
        point = [round(x, 2), round(y, 2)]
        if not out or out[-1] != point:
            out.append(point)
    if out[0] != out[-1]:
        out.append(out[0])
    if len(out) < 4 or _area(out) == 0:
        return None
    if (_area(out) > 0) == outer:  # counter-clockwise outer ring (or clockwise hole): turn it
        out.reverse()
    return out


def simplify(source: dict) -> dict:
    features = []
    for feature in source["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        kept = []
        for polygon in polygons:
            outer = _ring(polygon[0], True)
            if outer is None:
                continue
            holes = [h for h in (_ring(r, False) for r in polygon[1:]) if h]
            kept.append([outer, *holes])
        code = str(feature["properties"]["id"])
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"code": code, "name": feature["properties"]["kom_namn"]},
                "geometry": {"type": "MultiPolygon", "coordinates": kept},
            }
        )
    return {"type": "FeatureCollection", "features": features}


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        result = simplify(json.load(f))
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(result, f, separators=(",", ":"), ensure_ascii=False)
