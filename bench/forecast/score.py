#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Scores forecast files (id,h,mean,q<level>...) of several methods on one benchmark protocol,
with the same code for every method, and prints a Markdown table.

  score.py m5 dev  DATA_DIR name=forecasts.csv ...   (weighted RMSSE / SPL, M5 level-12 rules)
  score.py carparts h12 DATA_DIR name=forecasts.csv  (MASE with seasonal scale, WQL q0.1..0.9)
  score.py m3 MONTHLY DATA_DIR name=forecasts.csv    (sMAPE, WQL q0.1..0.9, coverage)

A `<file>.cover` sidecar (implied80,implied95) gives the coverage the method's own discrete
distributions promise for [q0.1, q0.9] and [q0.025, q0.975]. A `<file>.time` sidecar (wall seconds,series[,CPU seconds]) gives the time per series. Pure Python, no packages.
"""
import csv
import gzip
import math
import os
import sys

M5_LEVELS = [0.005, 0.025, 0.165, 0.25, 0.5, 0.75, 0.835, 0.975, 0.995]
FEV_LEVELS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]


def read_forecasts(path):
    out = {}
    with open(path) as handle:
        for row in csv.DictReader(handle):
            out.setdefault(row["id"], {})[int(row["h"])] = row
    return out


def qcol(row, level):
    for key in (f"q{level}", f"q{level:g}"):
        if key in row and row[key] != "":
            return max(0.0, float(row[key]))
    return None


def pinball(y, q, level):
    return level * (y - q) if y >= q else (1 - level) * (q - y)


def coverage(rows, truth):
    """Days inside the 80% / 95% prediction intervals (the lo80..hi95 columns when the method
    writes them, else [q0.1, q0.9] and [q0.025, q0.975]), then inside the quantile intervals."""
    counts = [0, 0, 0, 0, 0]
    for h, y in truth.items():
        row = rows[h]
        q = [qcol(row, l) for l in (0.1, 0.9, 0.025, 0.975)]
        if q[0] is None or q[2] is None:
            return None
        own = [float(row[k]) for k in ("lo80", "hi80", "lo95", "hi95") if row.get(k) not in (None, "")]
        lo80, hi80, lo95, hi95 = own if len(own) == 4 else q
        counts[0] += lo80 <= y <= hi80
        counts[1] += lo95 <= y <= hi95
        counts[2] += 1
        counts[3] += q[0] <= y <= q[1]
        counts[4] += q[2] <= y <= q[3]
    return counts


def m5_data(data_dir, protocol):
    with gzip.open(os.path.join(data_dir, "sales_train_validation.csv.gz"), "rt") as handle:
        sales = {row[0]: row for row in csv.reader(handle)}
    header = sales.pop("id")
    last = 1885 if protocol == "dev" else 1913
    prices = {}
    with gzip.open(os.path.join(data_dir, "sell_prices.csv.gz"), "rt") as handle:
        for row in csv.DictReader(handle):
            prices[(row["store_id"], row["item_id"], row["wm_yr_wk"])] = float(row["sell_price"])
    week_of_day = {}
    with open(os.path.join(data_dir, "calendar.csv")) as handle:
        for row in csv.DictReader(handle):
            week_of_day[int(row["d"][2:])] = row["wm_yr_wk"]
    truth = {}
    if protocol == "final":
        with open(os.path.join(data_dir, "sales_test_evaluation_subset.csv")) as handle:
            for row in csv.DictReader(handle):
                key = f"{row['item_id']}_{row['store_id']}_validation"
                truth[key] = {d - 1941: float(row[f"d_{d}"]) for d in range(1942, 1970)}
    series = {}
    for key, row in sales.items():
        values = [float(v) for v in row[6:6 + last]]
        first = next((t for t, v in enumerate(values) if v > 0), len(values) - 1)
        train = values[first:]
        diffs = [train[t] - train[t - 1] for t in range(1, len(train))]
        scale_sq = sum(d * d for d in diffs) / len(diffs) if diffs else 0.0
        scale_abs = sum(abs(d) for d in diffs) / len(diffs) if diffs else 0.0
        item, store = row[1], row[4]
        weight = sum(values[d - 1] * prices.get((store, item, week_of_day[d]), 0.0)
                     for d in range(last - 27, last + 1))
        if protocol == "dev":
            test = {h: float(row[6 + last + h - 1]) for h in range(1, 29)}
        else:
            test = truth[key]
        series[key] = (scale_sq, scale_abs, weight, test)
    return series


def score_m5(series, forecasts):
    total_weight = sum(w for _, _, w, _ in series.values())
    wrmsse = wspl = 0.0
    cov = [0, 0, 0, 0, 0]
    has_q = True
    for key, (scale_sq, scale_abs, weight, test) in series.items():
        rows = forecasts[key]
        mse = sum((y - max(0.0, float(rows[h]["mean"]))) ** 2 for h, y in test.items()) / len(test)
        wrmsse += weight / total_weight * math.sqrt(mse / scale_sq)
        if qcol(rows[1], 0.5) is None:
            has_q = False
            continue
        spl = 0.0
        for level in M5_LEVELS:
            spl += sum(pinball(y, qcol(rows[h], level), level) for h, y in test.items()) / len(test) / scale_abs
        wspl += weight / total_weight * spl / len(M5_LEVELS)
        c = coverage(rows, test)
        cov = [a + b for a, b in zip(cov, c)]
    result = {"WRMSSE": wrmsse}
    if has_q:
        result.update({"WSPL": wspl, "cov80": cov[0] / cov[2], "cov95": cov[1] / cov[2],
                       "qcov80": cov[3] / cov[2], "qcov95": cov[4] / cov[2]})
    return result


def carparts_data(data_dir, protocol):
    horizon = 6 if protocol == "h6" else 12
    series = {}
    with open(os.path.join(data_dir, "carparts.csv")) as handle:
        reader = csv.reader(handle)
        next(reader)
        for row in reader:
            if any(v in ("", "NA") for v in row[1:]) or len(row) != 52:
                continue
            values = [float(v) for v in row[1:]]
            train, test = values[:51 - horizon], values[51 - horizon:]
            diffs = [abs(train[t] - train[t - 12]) for t in range(12, len(train))]
            diffs1 = [train[t] - train[t - 1] for t in range(1, len(train))]
            series[row[0]] = (sum(diffs) / len(diffs), sum(d * d for d in diffs1) / len(diffs1),
                              {h + 1: y for h, y in enumerate(test)})
    return series


def score_carparts(series, forecasts):
    mase_sum = rmsse_sum = 0.0
    mase_n = rmsse_n = 0
    ql = {level: 0.0 for level in FEV_LEVELS}
    volume = 0.0
    cov = [0, 0, 0, 0, 0]
    has_q = True
    for key, (scale, scale_sq, test) in series.items():
        rows = forecasts[key]
        point = [qcol(rows[h], 0.5) if qcol(rows[h], 0.5) is not None else max(0.0, float(rows[h]["mean"]))
                 for h in test]
        if scale > 0:
            mase_sum += sum(abs(y - f) for y, f in zip(test.values(), point)) / len(test) / scale
            mase_n += 1
        if scale_sq > 0:
            mse = sum((y - max(0.0, float(rows[h]["mean"]))) ** 2 for h, y in test.items()) / len(test)
            rmsse_sum += math.sqrt(mse / scale_sq)
            rmsse_n += 1
        volume += sum(test.values())
        if qcol(rows[1], 0.1) is None:
            has_q = False
            continue
        for level in FEV_LEVELS:
            ql[level] += sum(2 * pinball(y, qcol(rows[h], level), level) for h, y in test.items())
        c = coverage(rows, test)
        cov = [a + b for a, b in zip(cov, c)]
    result = {"MASE": mase_sum / mase_n, "RMSSE": rmsse_sum / rmsse_n}
    if has_q:
        result.update({"WQL": sum(v / volume for v in ql.values()) / len(FEV_LEVELS),
                       "cov80": cov[0] / cov[2], "cov95": cov[1] / cov[2],
                       "qcov80": cov[3] / cov[2], "qcov95": cov[4] / cov[2]})
    return result


def m3_data(data_dir, period):
    ids = set()
    with open(os.path.join(data_dir, "m3_info.csv")) as handle:
        for row in csv.DictReader(handle):
            if period == "ALL" or row["period"] == period:
                ids.add(row["id"])
    series = {}
    with gzip.open(os.path.join(data_dir, "m3_series.csv.gz"), "rt") as handle:
        for row in csv.DictReader(handle):
            if row["id"] in ids and row["split"] == "test":
                series.setdefault(row["id"], {})[int(row["t"])] = float(row["value"])
    return series


def score_m3(series, forecasts):
    total = count = 0.0
    ql = {level: 0.0 for level in FEV_LEVELS}
    volume = 0.0
    cov = [0, 0, 0, 0, 0]
    has_q = True
    for key, test in series.items():
        rows = forecasts[key]
        for h, y in test.items():
            f = float(rows[h]["mean"])
            total += 200 * abs(y - f) / (abs(y) + abs(f))
            count += 1
        if qcol(rows[1], 0.1) is None:
            has_q = False
            continue
        volume += sum(abs(y) for y in test.values())
        for level in FEV_LEVELS:
            ql[level] += sum(2 * pinball(y, qcol(rows[h], level), level) for h, y in test.items())
        c = coverage(rows, test)
        cov = [a + b for a, b in zip(cov, c)]
    result = {"sMAPE": total / count}
    if has_q:
        result.update({"WQL": sum(v / volume for v in ql.values()) / len(FEV_LEVELS),
                       "cov80": cov[0] / cov[2], "cov95": cov[1] / cov[2],
                       "qcov80": cov[3] / cov[2], "qcov95": cov[4] / cov[2]})
    return result


def test_of(entry):
    """The test values of one series in any dataset's layout."""
    return entry if isinstance(entry, dict) else entry[-1]


def segment_coverage(series, forecasts):
    """Shares of test days inside the 80% / 95% intervals per segment (files with a segment
    column); a diagnostic line below the table."""
    counts = {}
    for key, entry in series.items():
        rows = forecasts[key]
        segment = rows[1].get("segment")
        if not segment:
            return None
        c = coverage(rows, test_of(entry))
        if c is None:
            return None
        total = counts.setdefault(segment, [0, 0, 0])
        for pos in range(3):
            total[pos] += c[pos]
    return counts


def main():
    dataset, protocol, data_dir = sys.argv[1:4]
    methods = [arg.split("=", 1) for arg in sys.argv[4:]]
    loaders = {"m5": (m5_data, score_m5), "carparts": (carparts_data, score_carparts), "m3": (m3_data, score_m3)}
    load, score = loaders[dataset]
    series = load(data_dir, protocol)
    loaded = [(name, path, read_forecasts(path)) for name, path in methods]
    common = set(series)
    for _, _, forecasts in loaded:  # every method is scored on the same series
        common &= set(forecasts)
    rows = []
    for name, path, forecasts in loaded:
        subset = {k: v for k, v in series.items() if k in common}
        result = score(subset, forecasts)
        ms = ""
        if os.path.exists(path + ".time"):
            fields = open(path + ".time").read().strip().split(",")
            seconds = float(fields[2]) if len(fields) > 2 else float(fields[0])  # CPU if recorded
            ms = f"{1000 * seconds / int(fields[1]):.1f}"
        if os.path.exists(path + ".cover"):
            implied = open(path + ".cover").read().strip().split(",")
            result["implied80"], result["implied95"] = float(implied[0]), float(implied[1])
        rows.append((name, len(subset), result, ms))
    keys = []
    for _, _, result, _ in rows:
        keys += [k for k in result if k not in keys]
    print(f"| method | series | " + " | ".join(keys) + " | CPU ms/series |")
    print("|---|---|" + "---|" * len(keys) + "---|")
    for name, count, result, ms in rows:
        cells = [f"{result[k]:.4f}" if k in result else "" for k in keys]
        print(f"| {name} | {count} | " + " | ".join(cells) + f" | {ms} |")
    for name, _, forecasts in loaded:
        counts = segment_coverage({k: v for k, v in series.items() if k in common}, forecasts)
        if counts:
            cells = [f"{segment} {c[0] / c[2]:.3f} / {c[1] / c[2]:.3f} ({c[2]} days)"
                     for segment, c in sorted(counts.items())]
            print(f"\n{name} cov80 / cov95 by segment: " + "; ".join(cells))


if __name__ == "__main__":
    main()
