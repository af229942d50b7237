# Recomputes every estimate of `ukpanel reproduce esrc-2025 --frames DIR` with R's survey
# package from the same frames, and compares estimates and standard errors (svyratio on the full
# design) and the 95% intervals (svyciprop(method = "logit") on the design subset to the domain,
# whose degrees of freedom are the domain's PSUs minus their strata). Intervals are compared
# where R makes one: a share strictly between 0 and 1 on at least one degree of freedom.
#   Rscript scripts/crosscheck-r.R DIR [TOLERANCE]
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
tolerance <- if (length(args) >= 2) as.numeric(args[2]) else 1e-6
specs <- read.csv(file.path(dir, "specs.csv"), stringsAsFactors = FALSE, colClasses = c(domain = "character", event = "character"))
indicator <- function(frame, text) {
  if (is.na(text) || text == "") return(rep(1, nrow(frame)))
  keep <- rep(TRUE, nrow(frame))
  for (part in strsplit(text, "&", fixed = TRUE)[[1]]) {
    kv <- strsplit(part, "=", fixed = TRUE)[[1]]
    keep <- keep & frame[[kv[1]]] == as.numeric(kv[2])
  }
  as.numeric(keep)
}
relative <- function(a, b) ifelse(abs(b) < 1e-12, abs(a - b), abs(a - b) / abs(b))
worst <- 0; failures <- 0; checked <- 0; intervals <- 0; worst_ci <- 0; no_interval <- 0
for (name in unique(specs$frame)) {
  frame <- read.csv(file.path(dir, paste0("frame_", name, ".csv")))
  rows <- specs[specs$frame == name, ]
  for (i in seq_len(nrow(rows))) {
    s <- rows[i, ]
    frame$den <- indicator(frame, s$domain)
    frame$num <- frame$den * indicator(frame, s$event)
    if (sum(frame$den * frame$weight) <= 0) next
    design <- svydesign(ids = ~psu, strata = ~strata, weights = ~weight, data = frame, nest = TRUE)
    r <- svyratio(~num, ~den, design)
    est <- as.numeric(coef(r)); se <- as.numeric(SE(r))
    d <- max(relative(s$estimate, est), relative(s$se, se))
    checked <- checked + 1
    worst <- max(worst, d)
    if (d > tolerance) {
      failures <- failures + 1
      cat(sprintf("MISMATCH %s %s %s %s: ukpanel %.10g (se %.10g), R %.10g (se %.10g)\n",
                  s$table, s$period, s$group, s$category, s$estimate, s$se, est, se))
    }
    if (!is.na(s$ci_low) && est > 0 && est < 1 && s$df >= 1) {
      sub <- subset(design, den == 1)
      if (degf(sub) != s$df) {
        failures <- failures + 1
        cat(sprintf("MISMATCH df %s %s %s %s: ukpanel %d, R %d\n", s$table, s$period, s$group, s$category, s$df, degf(sub)))
      }
      ci <- suppressWarnings(svyciprop(~I(num > 0), sub, method = "logit"))
      bounds <- as.numeric(confint(ci))
      if (any(is.na(bounds))) {
        # svyglm's fit fails on a handful of cases in a tiny domain: R gives no interval to compare.
        no_interval <- no_interval + 1
        cat(sprintf("note: R gives no interval for %s %s %s %s (n %d, df %d); ukpanel [%.6g, %.6g]\n",
                    s$table, s$period, s$group, s$category, s$n, s$df, s$ci_low, s$ci_high))
        next
      }
      dc <- max(abs(bounds[1] - s$ci_low), abs(bounds[2] - s$ci_high))
      intervals <- intervals + 1
      worst_ci <- max(worst_ci, dc)
      if (dc > tolerance) {
        failures <- failures + 1
        cat(sprintf("MISMATCH interval %s %s %s %s: ukpanel [%.10g, %.10g], R [%.10g, %.10g]\n",
                    s$table, s$period, s$group, s$category, s$ci_low, s$ci_high, bounds[1], bounds[2]))
      }
    }
  }
}
cat(sprintf("R survey %s cross-check: %d estimates, largest relative difference %.3g (tolerance %g)\n",
            as.character(packageVersion("survey")), checked, worst, tolerance))
cat(sprintf("intervals: %d compared with svyciprop(method = \"logit\"), largest absolute difference %.3g (tolerance %g); %d where R gives none\n",
            intervals, worst_ci, tolerance, no_interval))
cat(sprintf("%d passed, %d failed\n", checked - failures, failures))
quit(status = if (failures > 0 || checked == 0 || intervals == 0) 1 else 0)
