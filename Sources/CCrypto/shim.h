#ifndef UKPANEL_CCRYPTO_SHIM_H
#define UKPANEL_CCRYPTO_SHIM_H

// OpenSSL's libcrypto (Debian libssl-dev): only its SHA-256, which uses the processor's SHA
// instructions where there are any.
#include <openssl/evp.h>

#endif
