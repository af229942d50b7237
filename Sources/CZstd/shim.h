#ifndef UKPANEL_CZSTD_SHIM_H
#define UKPANEL_CZSTD_SHIM_H

#include <zstd.h>

#endif
