#include "field_scan.h"

#include <emmintrin.h>
#include <string.h>

// A bit per byte of the 64 at `p`: set where the byte is `delimiter`. SSE2 only, which every
// x86-64 processor has; elsewhere a byte loop.
static inline uint64_t delimiter_bits(const uint8_t *p, uint8_t delimiter) {
#if defined(__SSE2__)
    const __m128i d = _mm_set1_epi8((char)delimiter);
    uint64_t a = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + 0)), d));
    uint64_t b = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), d));
    uint64_t c = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), d));
    uint64_t e = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), d));
    return a | (b << 16) | (c << 32) | (e << 48);
#else
    uint64_t bits = 0;
    for (int i = 0; i < 64; i++) bits |= (uint64_t)(p[i] == delimiter) << i;
    return bits;
#endif
}

size_t ukp_split_fields(const uint8_t *line, size_t n, uint8_t delimiter, const int32_t *wanted,
                        size_t wanted_count, int64_t *starts, int64_t *ends) {
    size_t field = 0;  // the field that starts at `start`, still open
    size_t start = 0;
    size_t k = 0;      // the next wanted field
    size_t pos = 0;
    for (; pos + 64 <= n; pos += 64) {
        uint64_t bits = delimiter_bits(line + pos, delimiter);
        size_t count = (size_t)__builtin_popcountll(bits);
        if (count == 0) continue;
        if (k >= wanted_count || (size_t)wanted[k] > field + count) {
            // The next wanted field starts after this block: count its delimiters, keep the last.
            field += count;
            start = pos + 64 - (size_t)__builtin_clzll(bits);
            continue;
        }
        // Wanted fields whose start lies in this block: skip the delimiters before each (clearing
        // bits, no other work), then its end is the next delimiter, here or in a later block.
        while (bits && k < wanted_count && (size_t)wanted[k] <= field + (size_t)__builtin_popcountll(bits)) {
            size_t skip = (size_t)wanted[k] - field;
            if (skip > 0) {
                for (size_t s = 1; s < skip; s++) bits &= bits - 1;
                start = pos + (size_t)__builtin_ctzll(bits) + 1;
                bits &= bits - 1;
                field += skip;
            }
            if (!bits) break;  // the wanted field ends in a later block
            size_t at = pos + (size_t)__builtin_ctzll(bits);
            starts[k] = (int64_t)start;
            ends[k] = (int64_t)at;
            k++;
            field++;
            start = at + 1;
            bits &= bits - 1;
        }
        if (bits) {
            field += (size_t)__builtin_popcountll(bits);
            start = pos + 64 - (size_t)__builtin_clzll(bits);
        }
    }
    for (; pos < n; pos++) {
        if (line[pos] != delimiter) continue;
        if (k < wanted_count && (size_t)wanted[k] == field) {
            starts[k] = (int64_t)start;
            ends[k] = (int64_t)pos;
            k++;
        }
        field++;
        start = pos + 1;
    }
    if (k < wanted_count && (size_t)wanted[k] == field) {
        starts[k] = (int64_t)start;
        ends[k] = (int64_t)n;
        k++;
    }
    for (; k < wanted_count; k++) {
        starts[k] = (int64_t)n;
        ends[k] = (int64_t)n;
    }
    return field + 1;
}
