# Reads ukpanel's panel export back in R, as its users would:
#  - panel.csv with read.csv, then panel.labels.R's ukpanel_labels(): region (gor) becomes a factor
#    whose labels are the twelve regions (written out here by hand, from the UK Data Service's
#    variable page), row for row the code's region; every column gets its label;
#  - panel.dta with haven::read_dta: coded columns are haven_labelled with the regions as labels,
#    and a missing value is a tagged NA whose tag is the letter the documented table gives the CSV's
#    reason (.a dont_know … .t not_interviewed, written out here by hand), numbers equal the CSV's.
#
#   Rscript scripts/formats/check_exports.R FOLDER     (FOLDER/csv/panel.csv, FOLDER/dta/panel.dta)
suppressMessages(library(haven))
args <- commandArgs(trailingOnly = TRUE)
folder <- args[1]
problems <- 0
fail <- function(...) {
  cat("PROBLEM:", ..., "\n", file = stderr())
  problems <<- problems + 1
}

regions <- c("North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
             "East of England", "London", "South East", "South West", "Wales", "Scotland", "Northern Ireland")
letters_table <- c(dont_know = "a", refused = "b", proxy = "c", inapplicable = "d", missing = "e",
                   not_available_iemb = "f", only_iemb = "g", no_bhps_data = "h", no_ukhls_data = "i",
                   no_answer = "j", does_not_apply = "k", no_answer_or_does_not_apply = "l",
                   not_classified = "m", unknown_code = "n", blank = "o", extended_missing = "p",
                   user_missing = "q", not_in_wave = "r", not_in_file = "s", not_interviewed = "t")

# CSV and labels.R
d <- read.csv(file.path(folder, "csv", "panel.csv"), stringsAsFactors = FALSE)
source(file.path(folder, "csv", "panel.labels.R"))
l <- ukpanel_labels(d)
if (!is.factor(l$gor)) fail("labels.R: gor is not a factor")
if (!identical(levels(l$gor)[1:12], regions)) fail("labels.R: gor's levels are not the regions:", levels(l$gor)[1:12])
coded <- !is.na(d$gor)
if (!identical(as.character(l$gor[coded]), regions[d$gor[coded]])) fail("labels.R: a row's region is not its code's")
if (any(!is.na(l$gor[!coded]))) fail("labels.R: a missing gor became a region")
if (!identical(attr(l$gor, "label"), "Government office region")) fail("labels.R: gor's label is", attr(l$gor, "label"))
cat("labels.R:", sum(coded), "regions of", nrow(d), "rows labelled; gor's label set\n")

# Stata through haven
x <- read_dta(file.path(folder, "dta", "panel.dta"))
if (nrow(x) != nrow(d)) fail("panel.dta has", nrow(x), "rows, the CSV", nrow(d))
if (!inherits(x$gor, "haven_labelled")) fail("haven: gor is not haven_labelled")
labels <- attr(x$gor, "labels")
if (!identical(unname(labels[as.character(names(labels)) %in% regions]), as.double(1:12)) ||
    !identical(names(labels)[1:12], regions)) fail("haven: gor's labels are not the regions")
checked <- 0
for (name in c("gor", "nssec5", "jbstat", "jbwah", "wfhdays", "distmov", "weight_xs", "origadd")) {
  values <- x[[name]]
  reason <- d[[paste0(name, "_missing")]]
  present <- !is.na(d[[name]])
  # R's own text-to-number parsing (read.csv) can be one unit in the last place off the correctly
  # rounded double the .dta holds (1.187944 reads as 1.1879439999999999): hence 1e-14, not 0.
  if (!isTRUE(all.equal(as.numeric(zap_labels(values))[present], as.numeric(d[[name]][present]), tolerance = 1e-14)))
    fail("haven:", name, "values differ from the CSV's")
  tags <- na_tag(values)[!present]
  want <- unname(letters_table[reason[!present]])
  if (!identical(tags, want)) fail("haven:", name, "tagged NAs", head(tags), "are not the CSV's reasons", head(want))
  checked <- checked + sum(!present)
}
cat("haven read_dta: values equal the CSV's;", checked, "missing cells tagged with their reasons' letters\n")
if (problems > 0) quit(status = 1)
