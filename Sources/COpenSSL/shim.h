#ifndef SKILL_COPENSSL_SHIM_H
#define SKILL_COPENSSL_SHIM_H

// The OpenSSL 3 headers this project uses: EVP for keys, digests and signatures,
// X509 for certificate chains, PEM and BIO for reading and writing keys and certificates.
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

// Function-like and composite macros do not import into Swift; these constants carry their values.
static const int skill_EVP_PKEY_PUBLIC_KEY = EVP_PKEY_PUBLIC_KEY;
static const int skill_EVP_PKEY_KEYPAIR = EVP_PKEY_KEYPAIR;

#endif
