/*
 * bytes.h — unaligned little-endian loads for the code that reads text
 * eight or four bytes at a time (lexicon keys, token cache keys): one load
 * where the machine is little-endian, the bytes put together elsewhere, so
 * the numbers (and every hash made of them) are the same on any machine.
 */
#ifndef VG_BYTES_H
#define VG_BYTES_H

#include <stdint.h>
#include <string.h>

static inline uint64_t vg_le64(const void *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    const unsigned char *b = p;
    return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24 |
           (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 | (uint64_t)b[6] << 48 |
           (uint64_t)b[7] << 56;
#endif
}

static inline uint64_t vg_le32(const void *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
#else
    const unsigned char *b = p;
    return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24;
#endif
}

#endif
