/*
 * xmlsafe.c — safe XML parsing with collected errors (see xmlsafe.h).
 */
#include "xmlsafe.h"

#include <stdint.h>
#include <string.h>

/* libxml2's structured error handler: keeps the first error for the
 * message, so the library prints nothing itself. */
static void xml_error(void *data, xmlErrorPtr err)
{
    xmlParserCtxtPtr ctxt = data;
    vg_xml_errors *e = ctxt ? ctxt->_private : NULL;
    if (!e || !err || err->level < XML_ERR_ERROR) return;
    if (e->count++ == 0) {
        const char *m = err->message ? err->message : "unknown error";
        size_t n = strlen(m);
        while (n > 0 &&
               (m[n - 1] == ' ' || m[n - 1] == '\n' || m[n - 1] == '\t' || m[n - 1] == '\r'))
            n--;
        if (n >= sizeof e->first) n = sizeof e->first - 1;
        memcpy(e->first, m, n);
        e->first[n] = '\0';
        e->line = err->line;
    }
}

xmlDocPtr vg_xml_parse(const char *data, size_t len, const char *name, vg_xml_errors *errs)
{
    memset(errs, 0, sizeof *errs);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) return NULL;
    ctxt->_private = errs;
    ctxt->sax->serror = xml_error;
    int opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
               XML_PARSE_BIG_LINES;
    int n = len > INT32_MAX ? INT32_MAX : (int)len;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, len ? data : "", n, name, NULL, opts);
    /* The document no longer belongs to the context once read. */
    xmlFreeParserCtxt(ctxt);
    return doc;
}

int vg_xml_is_elem(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}
