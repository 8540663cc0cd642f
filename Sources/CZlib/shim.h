#ifndef GATESCOPE_ZLIB_SHIM_H
#define GATESCOPE_ZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a function-like macro, which Swift cannot call; this inline function stands in.
// windowBits -15: a raw deflate stream, as zip entries hold (no zlib header or trailer).
static inline int gs_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -15);
}
#endif
