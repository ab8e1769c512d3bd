/* pdf_md5.h — internal to the PDF writer: MD5 (RFC 1321), fed in pieces,
 * for the file ID (pdf_pdfa.c). */
#ifndef GR_PDF_MD5_H
#define GR_PDF_MD5_H

#include <stddef.h>
#include <stdint.h>

typedef struct pdf_md5 {
    uint32_t h[4];
    uint64_t total;             /* bytes fed */
    unsigned char buf[64];      /* a block begun */
} pdf_md5;

void pdf_md5_init(pdf_md5 *m);
void pdf_md5_update(pdf_md5 *m, const void *data, size_t len);
void pdf_md5_final(pdf_md5 *m, unsigned char digest[16]);

#endif
