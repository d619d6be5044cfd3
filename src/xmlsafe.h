/*
 * xmlsafe.h — one safe way to parse XML with libxml2, shared by the story
 * reader (PETRARCH records) and the validation reader.
 *
 * No entity substitution and no DTD loading (an entity bomb stays inert),
 * no network, recovery on (records before a syntax error are kept), and
 * libxml2's own depth and size caps left on (no XML_PARSE_HUGE). libxml2
 * prints nothing: errors are collected, the first kept with its line.
 */
#ifndef VG_XMLSAFE_H
#define VG_XMLSAFE_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stddef.h>

typedef struct vg_xml_errors {
    unsigned count;  /* errors seen */
    int line;        /* line of the first */
    char first[256]; /* its message, trimmed */
} vg_xml_errors;

/* Parses data[0, len) named `name` (for messages). Returns the document
 * (caller frees with xmlFreeDoc) or NULL; errs is filled either way. */
xmlDocPtr vg_xml_parse(const char *data, size_t len, const char *name, vg_xml_errors *errs);

/* 1 for an element with this (ASCII, case-sensitive) name. */
int vg_xml_is_elem(const xmlNode *n, const char *name);

#endif
