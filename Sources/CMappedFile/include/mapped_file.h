// Read-only file mappings that survive the file shrinking under them.
//
// A page of a mapping past the file's end raises SIGBUS when read. The handler installed
// by the first ukp_map call puts a page of zeros there instead and marks the mapping, so
// the reader can check it and report the file as truncated; a SIGBUS anywhere else is
// passed on to the handler that was there before (or the default action).
#ifndef UKPANEL_MAPPED_FILE_H
#define UKPANEL_MAPPED_FILE_H

#include <stddef.h>

/// Maps `length` bytes of `fd` from `offset` (a multiple of the page size) read-only and
/// registers the mapping with the SIGBUS guard. Returns NULL (errno set) on failure, or when
/// every guard slot is taken (errno EMFILE): the caller then reads the file instead.
const void *ukp_map(int fd, long long offset, size_t length);

/// Whether a read of the mapping at `address` has reached a page past the file's end.
int ukp_mapping_faulted(const void *address);

/// Unregisters and unmaps the mapping at `address`; returns whether it faulted.
int ukp_unmap(const void *address, size_t length);

/// The system's page size.
long ukp_page_size(void);

/// Asks the processor to bring the cache line at `address` in for reading. Never faults, whatever
/// the address: a reader may name a line a few rows ahead that its buffer does not hold.
static inline void ukp_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
