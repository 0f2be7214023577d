#ifndef SKILL_CMICROHTTPD_SHIM_H
#define SKILL_CMICROHTTPD_SHIM_H

// libmicrohttpd needs the socket and varargs types declared before its header.
#include <stdarg.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>

#endif
