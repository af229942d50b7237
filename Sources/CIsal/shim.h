#ifndef UKPANEL_CISAL_SHIM_H
#define UKPANEL_CISAL_SHIM_H

// ISA-L's inflate (Debian libisal-dev): gzip, zlib and raw deflate, checked.
#include <isa-l/igzip_lib.h>

#endif
