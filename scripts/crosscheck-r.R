# Recomputes every estimate of `ukpanel reproduce esrc-2025 --frames DIR` with R's survey
# package from the same frames, and compares estimates and standard errors.
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
worst <- 0; failures <- 0; checked <- 0
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
  }
}
cat(sprintf("R survey %s cross-check: %d estimates, largest relative difference %.3g (tolerance %g)\n",
            as.character(packageVersion("survey")), checked, worst, tolerance))
cat(sprintf("%d passed, %d failed\n", checked - failures, failures))
quit(status = if (failures > 0 || checked == 0) 1 else 0)
