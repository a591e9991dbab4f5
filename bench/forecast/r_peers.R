# SPDX-License-Identifier: Apache-2.0
# R `forecast` peers on the same series and horizons as forecast_accuracy, written in the same
# layout (id,h,mean,q<level>...) with a `.time` sidecar (seconds,series) per method.
#   Rscript r_peers.R DATASET PROTOCOL DATA_DIR OUT_DIR METHODS [STRIDE]
# METHODS: comma list of ets, arima, theta, croston, sba, snaive. STRIDE k keeps every k-th series.
# M3: PROTOCOL is the period (YEARLY, QUARTERLY, MONTHLY, OTHER), DATA_DIR holds m3_info.csv and
# m3_series.csv.gz.
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
dataset <- args[1]; protocol <- args[2]; data_dir <- args[3]; out_dir <- args[4]
methods <- strsplit(args[5], ",")[[1]]
stride <- if (length(args) >= 6) as.integer(args[6]) else 1L
levels <- c(0.005, 0.025, 0.1, 0.165, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.835,
            0.9, 0.95, 0.975, 0.99, 0.995)

series <- list(); horizon <- 0; skip <- 0; freq <- 1
if (dataset == "m5") {
  sales <- read.csv(gzfile(file.path(data_dir, "sales_train_validation.csv.gz")), check.names = FALSE)
  last <- if (protocol == "final") 1913 else 1885
  horizon <- if (protocol == "final") 56 else 28
  skip <- if (protocol == "final") 28 else 0
  freq <- 7
  for (r in seq_len(nrow(sales))) {
    y <- as.numeric(sales[r, 7:(6 + last)])
    first <- which(y > 0)[1]
    series[[sales$id[r]]] <- y[first:last]
  }
} else if (dataset == "carparts") {
  parts <- read.csv(file.path(data_dir, "carparts.csv"), check.names = FALSE)
  horizon <- if (protocol == "h6") 6 else 12
  freq <- 12
  for (r in seq_len(nrow(parts))) {
    y <- as.numeric(parts[r, 2:52])
    if (any(is.na(y))) next
    series[[as.character(parts$id[r])]] <- y[1:(51 - horizon)]
  }
} else if (dataset == "m3") {
  info <- read.csv(file.path(data_dir, "m3_info.csv"))
  info <- info[info$period == protocol, ]
  horizon <- info$h[1]
  freq <- info$freq[1]
  values <- read.csv(gzfile(file.path(data_dir, "m3_series.csv.gz")))
  values <- values[values$split == "train" & values$id %in% info$id, ]
  for (id in info$id) series[[id]] <- values$value[values$id == id]
}
keep <- seq(1, length(series), by = stride)
series <- series[keep]

quantile_rows <- function(id, mean, lower, upper) {
  # forecast() intervals: level L gives quantiles (1 - L) / 2 and (1 + L) / 2.
  q <- matrix(NA, nrow = length(mean), ncol = length(levels))
  for (j in seq_along(levels)) {
    p <- levels[j]
    if (abs(p - 0.5) < 1e-9) { q[, j] <- mean; next }
    L <- round(100 * abs(2 * p - 1), 1)
    col <- which(abs(as.numeric(sub("%", "", colnames(lower))) - L) < 1e-6)
    q[, j] <- if (p < 0.5) lower[, col] else upper[, col]
  }
  q
}

run_method <- function(method) {
  out <- file.path(out_dir, paste0(dataset, "_", protocol, "_r_", method, ".csv"))
  rows <- vector("list", length(series))
  cpu <- function() { t <- proc.time(); t[["user.self"]] + t[["sys.self"]] }
  start <- proc.time()[["elapsed"]]
  start_cpu <- cpu()
  interval_levels <- sort(unique(round(100 * abs(2 * levels[levels != 0.5] - 1), 1)))
  for (k in seq_along(series)) {
    y <- ts(series[[k]], frequency = freq)
    q <- NULL
    if (method == "ets" || method == "arima") {
      fit <- if (method == "ets") ets(y) else auto.arima(y)
      fc <- forecast(fit, h = horizon, level = interval_levels)
      mean <- as.numeric(fc$mean)
      q <- quantile_rows(names(series)[k], mean, fc$lower, fc$upper)
    } else if (method == "theta") {
      mean <- as.numeric(thetaf(y, h = horizon)$mean)  # point forecasts only (sMAPE)
    } else if (method == "croston" || method == "sba") {
      fc <- croston(y, h = horizon, alpha = 0.1)
      mean <- as.numeric(fc$mean) * (if (method == "sba") 0.95 else 1)
    } else if (method == "snaive") {
      fc <- snaive(y, h = horizon, level = interval_levels)
      mean <- as.numeric(fc$mean)
      q <- quantile_rows(names(series)[k], mean, fc$lower, fc$upper)
    }
    steps <- (skip + 1):horizon
    frame <- data.frame(id = names(series)[k], h = steps - skip,
                        mean = if (dataset == "m3") mean[steps] else pmax(mean[steps], 0))
    if (!is.null(q)) {
      qm <- pmax(q[steps, , drop = FALSE], 0)
      colnames(qm) <- paste0("q", levels)
      frame <- cbind(frame, qm)
    }
    frame$model <- method
    rows[[k]] <- frame
  }
  seconds <- proc.time()[["elapsed"]] - start
  cpu_seconds <- cpu() - start_cpu
  table <- do.call(rbind, rows)
  write.csv(table, out, row.names = FALSE, quote = FALSE)
  writeLines(sprintf("%.4f,%d,%.4f", seconds, length(series), cpu_seconds), paste0(out, ".time"))
  cat(sprintf("%s %s %s: %d series, %.1f ms CPU per series\n", dataset, protocol, method,
              length(series), 1000 * cpu_seconds / length(series)))
}
for (method in methods) run_method(method)
