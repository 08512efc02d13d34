#ifndef CSCREENVAX_ZLIB_SHIM_H
#define CSCREENVAX_ZLIB_SHIM_H
#include <zlib.h>

// deflateInit2 and inflateInit2 are macros (they pass the zlib version and struct size),
// which Swift cannot call. Window bits 15 + 16 select the gzip wrapper (RFC 1952).
static inline int cscreenvax_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

// 15 + 32: accept either a gzip or a zlib header, detected automatically.
static inline int cscreenvax_inflate_init_auto(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}
#endif
