// Finding the fields of a delimited line with wide scans: 64 bytes at a time, a bit per
// delimiter; a block whose delimiters are all before the next field wanted is only counted.
#ifndef UKPANEL_FIELD_SCAN_H
#define UKPANEL_FIELD_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// Splits `line` (`n` bytes, no line end) at `delimiter`. For each k < `wanted_count`, with
/// `wanted` ascending and distinct field numbers (0 is the first field), writes the byte range of
/// field wanted[k] to starts[k] and ends[k] (end exclusive); a field the line does not have gets
/// the range n..n. Returns the number of fields in the line (its delimiters plus one).
size_t ukp_split_fields(const uint8_t *line, size_t n, uint8_t delimiter, const int32_t *wanted,
                        size_t wanted_count, int64_t *starts, int64_t *ends);

#endif
