#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Builds examples/m5/ from the M5 `tiny_m5` slice (real Walmart daily unit sales, prices and
calendar; 28 items x 10 stores): the last DAYS days of sales become demand.csv with each store as
a demand region, and a small network (one DC, three state FCs, three same-day sites) is placed
among the stores. Only the standard library is used.

Usage: scripts/make_m5_example.py [SOURCE_DIR] [OUT_DIR]
  SOURCE_DIR defaults to ../shared/data/m5_tiny (relative to the repository root),
  OUT_DIR to examples/m5.
"""
import csv
import datetime
import gzip
import math
import os
import statistics
import sys

DAYS = 364  # 52 weeks of history, ending at the last day of the M5 training file
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Stores have no published location: each is placed in a metro of its state (illustrative).
STORES = {
    "CA_1": (34.05, -118.24), "CA_2": (33.77, -118.19), "CA_3": (37.77, -122.42),
    "CA_4": (32.72, -117.16), "TX_1": (29.76, -95.37), "TX_2": (32.78, -96.80),
    "TX_3": (30.27, -97.74), "WI_1": (43.04, -87.91), "WI_2": (43.07, -89.40),
    "WI_3": (44.51, -88.02),
}
NODES = [  # id, type, lat, lon, holding rate per year
    ("DC_CENTRAL", "dc", 36.17, -94.12, 0.18),  # northwest Arkansas
    ("FC_CA", "fc", 34.06, -117.65, 0.22),       # Inland Empire
    ("FC_TX", "fc", 32.90, -97.04, 0.22),        # Dallas-Fort Worth
    ("FC_WI", "fc", 42.93, -88.04, 0.22),        # Milwaukee
    ("SD_LA", "sameday", 34.00, -118.20, 0.30),
    ("SD_SF", "sameday", 37.75, -122.40, 0.30),
    ("SD_HOU", "sameday", 29.75, -95.40, 0.30),
]
VENDORS = {  # category -> (vendor id, lat, lon, lead mean, lead sd, case pack, volume m3)
    "FOODS": ("V_FOODS", 35.15, -90.05, 9.0, 2.5, 6, 0.002),
    "HOUSEHOLD": ("V_HOUSEHOLD", 39.10, -84.51, 14.0, 4.0, 4, 0.006),
    "HOBBIES": ("V_HOBBIES", 33.75, -84.39, 21.0, 6.0, 2, 0.004),
}
SAMEDAY_KM, ONE_DAY_KM, TWO_DAY_KM = 60.0, 700.0, 1900.0


def km(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def write(path, header, rows):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data", "m5_tiny")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "examples", "m5")
    os.makedirs(out, exist_ok=True)

    with open(os.path.join(source, "calendar.csv")) as handle:
        calendar = list(csv.DictReader(handle))
    date_of = {row["d"]: row["date"] for row in calendar}
    week_of = {row["date"]: row["wm_yr_wk"] for row in calendar}

    with gzip.open(os.path.join(source, "sales_train_validation.csv.gz"), "rt") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        day_columns = [i for i, name in enumerate(header) if name.startswith("d_")]
        kept = day_columns[-DAYS:]
        series = [row for row in reader]
    dates = [date_of[header[i]] for i in kept]
    items = sorted({row[1] for row in series})
    category = {row[1]: row[3] for row in series}

    prices = {}  # (item, week) -> list of store prices
    with gzip.open(os.path.join(source, "sell_prices.csv.gz"), "rt") as handle:
        for row in csv.DictReader(handle):
            prices.setdefault((row["item_id"], row["wm_yr_wk"]), []).append(float(row["sell_price"]))

    # demand.csv: one row per (date, item, store) with sales > 0; no speed (split by speed_mix).
    demand = []
    for row in series:
        item, store = row[1], row[4]
        for column, date in zip(kept, dates):
            quantity = int(row[column])
            if quantity > 0:
                demand.append((date, item, store, quantity))
    demand.sort()
    write(os.path.join(out, "demand.csv"), ["date", "sku_id", "region_id", "quantity"], demand)

    # prices.csv: the weekly median store price, a row whenever it changes.
    price_rows, latest = [], {}
    for date in dates:
        if datetime.date.fromisoformat(date).weekday() != 5 and date != dates[0]:
            continue  # Walmart weeks start on Saturday
        for item in items:
            observed = prices.get((item, week_of[date]))
            if not observed:
                continue
            price = round(statistics.median(observed), 2)
            if latest.get(item) != price:
                latest[item] = price
                price_rows.append((date, item, price))
    write(os.path.join(out, "prices.csv"), ["date", "sku_id", "price"], price_rows)

    # skus.csv and sourcing.csv: unit cost 60% of the latest price; one vendor per category.
    sku_rows, sourcing_rows = [], []
    for item in items:
        vendor, _, _, lead, lead_sd, pack, volume = VENDORS[category[item]]
        price = latest[item]
        cost = round(0.6 * price, 2)
        sku_rows.append((item, volume, cost, price, category[item]))
        sourcing_rows.append((item, vendor, cost, lead, lead_sd, 0, pack))
    write(os.path.join(out, "skus.csv"), ["sku_id", "unit_volume_m3", "unit_cost", "price", "category"], sku_rows)
    write(os.path.join(out, "sourcing.csv"),
          ["sku_id", "vendor_id", "unit_cost", "lead_time_days_mean", "lead_time_days_sd", "moq", "case_pack"],
          sourcing_rows)

    write(os.path.join(out, "regions.csv"), ["region_id", "lat", "lon"],
          [(store, lat, lon) for store, (lat, lon) in STORES.items()])
    write(os.path.join(out, "vendors.csv"), ["vendor_id", "lat", "lon", "name"],
          [(v[0], v[1], v[2], f"{name.lower()} supplier") for name, v in VENDORS.items()])
    write(os.path.join(out, "nodes.csv"), ["node_id", "type", "lat", "lon", "holding_rate_per_year"],
          [(n[0], n[1], n[2], n[3], n[4]) for n in NODES])

    # Lanes: vendors ship to the DC; the DC feeds every FC and same-day site.
    dc = NODES[0]
    lanes = []
    for vendor in VENDORS.values():
        distance = km(vendor[1:3], dc[2:4])
        lanes.append((vendor[0], dc[0], round(1 + distance / 700, 2), round(0.25 * (1 + distance / 700), 2),
                      round(0.02 + 0.00002 * distance, 3), round(4 + 0.004 * distance, 2)))
    for node in NODES[1:]:
        distance = km(dc[2:4], node[2:4])
        transit = round(1 + distance / 800, 2)
        lanes.append((dc[0], node[0], transit, round(0.2 * transit, 2),
                      round(0.03 + 0.00003 * distance, 3), round(5 + 0.006 * distance, 2)))
    write(os.path.join(out, "lanes.csv"),
          ["from_id", "to_id", "transit_days_mean", "transit_days_sd", "cost_per_unit", "cost_per_m3"], lanes)

    # Delivery: same-day sites reach stores within 60 km; FCs reach 1-day within 700 km and
    # 2-day within 1900 km; every store's own-state FC ships 2-day at least.
    delivery = []
    for store, place in STORES.items():
        for node in NODES[1:]:
            distance = km(node[2:4], place)
            same_state = node[1] == "fc" and node[0][3:] == store[:2]
            if node[1] == "sameday":
                if distance <= SAMEDAY_KM:
                    delivery.append((node[0], store, "sameday", round(0.45 + 0.002 * distance, 2), 13))
                    delivery.append((node[0], store, "1day", round(0.35 + 0.001 * distance, 2), 18))
                continue
            if distance <= SAMEDAY_KM:
                delivery.append((node[0], store, "sameday", round(0.55 + 0.002 * distance, 2), 11))
            if distance <= ONE_DAY_KM:
                delivery.append((node[0], store, "1day", round(0.28 + 0.0003 * distance, 2),
                                 max(12.0, round(18 - distance / 130, 1))))
            if distance <= TWO_DAY_KM or same_state:
                delivery.append((node[0], store, "2day", round(0.20 + 0.00012 * distance, 2),
                                 max(15.0, round(21 - distance / 500, 1))))
    write(os.path.join(out, "delivery.csv"), ["node_id", "region_id", "speed", "cost_per_unit", "cutoff_hour"],
          delivery)

    events = []
    for row in calendar:
        if row["date"] < dates[0] or row["date"] > dates[-1]:
            continue
        for key in ("event_name_1", "event_name_2"):
            if row[key]:
                events.append((row["date"], row[key]))
    write(os.path.join(out, "calendar.csv"), ["date", "event"], events)

    with open(os.path.join(out, "echelon.yaml"), "w") as handle:
        handle.write(f"""# M5 tiny slice (Walmart, 28 items x 10 stores), last {DAYS} days; built by scripts/make_m5_example.py.
review_period_days: 7
costs:
  holding_rate_per_year: 0.25
  lost_sale_fraction: 1.0
  lost_sale_minimum: 0.5
speeds:
  - {{name: sameday, promise_hours: 12, target_fill: 0.9, downgrade_penalty: 0.6, default_cutoff_hour: 11}}
  - {{name: 1day, promise_hours: 24, target_fill: 0.95, downgrade_penalty: 0.4, default_cutoff_hour: 14}}
  - {{name: 2day, promise_hours: 48, target_fill: 0.97, downgrade_penalty: 0.2, default_cutoff_hour: 18}}
speed_mix:
  sameday: 0.15
  1day: 0.35
  2day: 0.5
simulation:
  days: 56
  replications: 10
  warmup_days: 28
""")
    print(f"wrote {out}: {len(items)} SKUs, {len(STORES)} regions, {len(NODES)} nodes, {len(demand)} demand rows "
          f"({dates[0]} .. {dates[-1]})")


if __name__ == "__main__":
    main()
