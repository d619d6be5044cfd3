/*
 * vigil.h — the public interface of libvigil, a political event coder.
 *
 * vigil reads news stories (plain text, JSON lines, PETRARCH XML records,
 * HTML pages), strips publisher boilerplate, splits sentences, tags actors
 * and verbs from dictionaries and codes "who did what to whom" events in
 * CAMEO, with PLOVER types, Goldstein scores, flags and evidence spans.
 *
 * The pipeline, as objects with a fixed life (new -> use -> free; every
 * free accepts NULL):
 *
 *   vigil_reader  bytes in any supported format  -> vigil_story records
 *   vigil_doc     one story, cleaned, split into sentences and tokens
 *   vigil_dict    dictionaries (vigil's own and PETRARCH formats), loaded
 *                 once and read-only afterwards: one dict serves any number
 *                 of coders in any number of threads
 *   vigil_coder   a doc + a dict -> vigil_event records
 *
 * Ownership: arguments are borrowed. Returned pointers live as long as the
 * object they came from, or until the next call on that object, unless the
 * comment says the caller frees them (with vigil_free).
 *
 * Errors: functions return a vigil_status; objects keep a message with the
 * detail ("actors.txt:120: unknown role code 'GOVV'"). The library never
 * prints: problems in the input go to a diagnostic callback when one is set.
 */
#ifndef VIGIL_H
#define VIGIL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define VIGIL_API __attribute__((visibility("default")))
#else
#define VIGIL_API
#endif

#define VIGIL_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

typedef enum vigil_status {
    VIGIL_OK = 0,
    VIGIL_DONE,       /* no more items (not an error) */
    VIGIL_ERR_IO,     /* a file could not be read or written */
    VIGIL_ERR_ARG,    /* a bad argument or option */
    VIGIL_ERR_SYNTAX, /* malformed input: a record, a dictionary line */
    VIGIL_ERR_LIMIT,  /* a named limit (see docs/limits.md) was exceeded */
    VIGIL_ERR_DICT,   /* a dictionary is inconsistent or missing */
    VIGIL_ERR_UTF8    /* invalid UTF-8 (repaired; reported as a warning) */
} vigil_status;

/* A static English sentence for a status code. */
VIGIL_API const char *vigil_strerror(vigil_status status);

/* Diagnostics (warnings and skipped records) are passed to a callback as
 * one line of text without a trailing newline, e.g.
 * "stories.jsonl:12: malformed JSON, record skipped". */
typedef void (*vigil_diag_fn)(void *userdata, const char *message);

/* Frees memory the library returned with "caller frees". */
VIGIL_API void vigil_free(void *p);

/* A byte range [start, end) into some text named by the context. */
typedef struct vigil_span {
    uint32_t start;
    uint32_t end;
} vigil_span;

/* --------------------------------------------------------------- stories */

typedef enum vigil_format {
    VIGIL_FORMAT_AUTO = 0,
    VIGIL_FORMAT_TEXT,  /* one story per input, id = file name */
    VIGIL_FORMAT_JSONL, /* one JSON object per line: id, date, text|html, source, url */
    VIGIL_FORMAT_XML,   /* PETRARCH-style <Sentence ...><Text>..</Text></Sentence> records */
    VIGIL_FORMAT_HTML   /* one web page per input */
} vigil_format;

/* Guesses the format from the first bytes of an input. */
VIGIL_API vigil_format vigil_format_detect(const char *data, size_t len);
/* "auto", "text", "jsonl", "xml", "html"; NULL for an unknown value. */
VIGIL_API const char *vigil_format_name(vigil_format format);
/* Parses a format name; returns VIGIL_ERR_ARG for an unknown one. */
VIGIL_API vigil_status vigil_format_parse(const char *name, vigil_format *out);

/* One story as read. Strings are NUL-terminated UTF-8 (repaired) and never
 * NULL: an absent field is "". `body` is plain text, or HTML when
 * body_is_html is set. `line` is the 1-based input line where the record
 * starts (0 where lines mean nothing). */
typedef struct vigil_story {
    const char *id;
    const char *date; /* YYYY-MM-DD or "" */
    const char *source;
    const char *url;
    const char *body;
    size_t body_len;
    int body_is_html;
    unsigned line;
    int date_is_default; /* the date is the reader's default, not the record's:
                            an HTML page's own metadata date then wins */
} vigil_story;

typedef struct vigil_reader vigil_reader;

/* Creates a reader for one input. `name` (borrowed, copied) is used in
 * messages and as the story id of text and HTML inputs ("-" for stdin gives
 * id "stdin"). `default_date` (YYYY-MM-DD, copied) is given to stories
 * without a date of their own; NULL means none. */
VIGIL_API vigil_reader *vigil_reader_new(vigil_format format, const char *name,
                                         const char *default_date);
VIGIL_API void vigil_reader_set_diag(vigil_reader *r, vigil_diag_fn fn, void *userdata);
/* Feeds bytes of the input; chunks may split lines and characters anywhere. */
VIGIL_API vigil_status vigil_reader_feed(vigil_reader *r, const char *data, size_t len);
/* Marks the end of the input. */
VIGIL_API vigil_status vigil_reader_finish(vigil_reader *r);
/* Returns the next complete story in *out (VIGIL_OK), or VIGIL_DONE when
 * none is ready yet (more input needed, or the input is exhausted). The
 * story lives until the next call on the reader. */
VIGIL_API vigil_status vigil_reader_next(vigil_reader *r, const vigil_story **out);
/* Records skipped as malformed so far. */
VIGIL_API unsigned vigil_reader_skipped(const vigil_reader *r);
/* The format in use (after detection). */
VIGIL_API vigil_format vigil_reader_format(const vigil_reader *r);
VIGIL_API void vigil_reader_free(vigil_reader *r);

/* --------------------------------------------------------- cleaned docs */

/* Options for vigil_doc_new, as bit flags. */
enum {
    VIGIL_CLEAN_KEEP_BOILERPLATE = 1u << 0, /* drop nothing */
    VIGIL_CLEAN_NO_NORMALIZE = 1u << 1,     /* skip Unicode/quote/dash normalisation */
    VIGIL_CLEAN_KEEP_REPEATS = 1u << 2      /* do not collapse repeated words */
};

/* A block of the story the cleaner dropped, with the rule that dropped it. */
typedef struct vigil_removed {
    const char *text; /* NUL-terminated */
    const char *rule; /* e.g. "appeal", "call-to-action", "short-line", "tail" */
} vigil_removed;

typedef struct vigil_doc vigil_doc;

/* Reads, cleans, splits and tokenises one story. The story is copied: the
 * doc does not borrow it. Never fails on content; returns NULL only for a
 * NULL story. HTML bodies are reduced to the article text; a date in the
 * page's metadata is used when the story has none. */
VIGIL_API vigil_doc *vigil_doc_new(const vigil_story *story, unsigned flags);
VIGIL_API void vigil_doc_free(vigil_doc *doc);

VIGIL_API const char *vigil_doc_id(const vigil_doc *doc);
VIGIL_API const char *vigil_doc_date(const vigil_doc *doc);
VIGIL_API const char *vigil_doc_source(const vigil_doc *doc);
VIGIL_API const char *vigil_doc_url(const vigil_doc *doc);
/* The cleaned text: kept paragraphs separated by one blank line. */
VIGIL_API const char *vigil_doc_text(const vigil_doc *doc, size_t *len);
VIGIL_API size_t vigil_doc_removed_count(const vigil_doc *doc);
VIGIL_API const vigil_removed *vigil_doc_removed(const vigil_doc *doc, size_t i);
VIGIL_API size_t vigil_doc_sentence_count(const vigil_doc *doc);
/* Sentence i as a span of vigil_doc_text. */
VIGIL_API vigil_span vigil_doc_sentence(const vigil_doc *doc, size_t i);
/* Invalid UTF-8 sequences repaired while reading this story. */
VIGIL_API unsigned vigil_doc_utf8_repairs(const vigil_doc *doc);

/* ----------------------------------------------------------- dictionaries */

typedef struct vigil_dict vigil_dict;

VIGIL_API vigil_dict *vigil_dict_new(void);
VIGIL_API void vigil_dict_set_diag(vigil_dict *d, vigil_diag_fn fn, void *userdata);
/* Loads one dictionary set: a folder of vigil's own files (*.actors,
 * *.agents, *.verbs, *.discards, ...; see docs/dictionaries.md), a folder
 * of PETRARCH files, or a single file of either kind. Later sets extend and
 * override earlier ones. On a syntax error the message (file:line: what)
 * is kept; see vigil_dict_errmsg. */
VIGIL_API vigil_status vigil_dict_load(vigil_dict *d, const char *path);
/* Loads one file in a named kind: "actors", "agents", "verbs", "discards",
 * "synsets", with PETRARCH syntax when petrarch != 0. */
VIGIL_API vigil_status vigil_dict_load_file(vigil_dict *d, const char *path, const char *kind,
                                            int petrarch);
/* Freezes the dictionary; after this it is read-only and thread-safe.
 * vigil_coder_new calls it when needed. */
VIGIL_API vigil_status vigil_dict_finish(vigil_dict *d);
VIGIL_API const char *vigil_dict_errmsg(const vigil_dict *d);
/* Counts for `vigil dict stats`: kind is one of the names above plus
 * "patterns" and "verbforms". */
VIGIL_API size_t vigil_dict_count(const vigil_dict *d, const char *kind);
VIGIL_API void vigil_dict_free(vigil_dict *d);

/* ----------------------------------------------------------------- events */

#define VIGIL_CODE_MAX 40 /* longest actor code, with NUL */

/* One coded event. Strings point into the coder or its doc and live until
 * the next vigil_coder_code call. Spans are byte offsets into `text`, the
 * sentence (not the whole story). */
typedef struct vigil_event {
    const char *story;
    unsigned sentence; /* 0-based index in the cleaned story */
    const char *date;
    char source[VIGIL_CODE_MAX];
    char target[VIGIL_CODE_MAX];
    char code[8]; /* CAMEO, with leading zero */
    char root[3];
    int quad;         /* 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict */
    double goldstein; /* -10 .. +10 */
    const char *plover; /* PLOVER event type or "" */
    int negated;
    int hypothetical;
    char speaker[VIGIL_CODE_MAX]; /* who said it, "" if not attributed */
    vigil_span ev_source;
    vigil_span ev_verb;
    vigil_span ev_target;
    const char *rule; /* the pattern that coded it, as written in its dictionary */
    const char *rule_where; /* "file:line" of that pattern */
    const char *text; /* the sentence */
    size_t text_len;
} vigil_event;

/* Coder options, as bit flags. */
enum {
    VIGIL_CODE_NEGATED = 1u << 0,   /* also emit negated events (flagged) */
    VIGIL_CODE_NO_DYAD = 1u << 1,   /* allow events with one actor missing */
    VIGIL_CODE_NO_COREF = 1u << 2,  /* do not resolve pronouns across sentences */
    VIGIL_CODE_EXPLAIN = 1u << 3,   /* keep explanations for vigil_coder_explain */
    VIGIL_CODE_DEBUG = 1u << 4      /* print the sentence analysis on stderr */
};

typedef struct vigil_coder vigil_coder;

/* Creates a coder over a dictionary (borrowed; must outlive the coder). */
VIGIL_API vigil_coder *vigil_coder_new(vigil_dict *dict, unsigned flags);
/* Codes every sentence of a doc. Events are available until the next call. */
VIGIL_API vigil_status vigil_coder_code(vigil_coder *c, const vigil_doc *doc);
VIGIL_API size_t vigil_coder_event_count(const vigil_coder *c);
VIGIL_API const vigil_event *vigil_coder_event(const vigil_coder *c, size_t i);
/* Verbs in the last doc that the dictionary does not know, for
 * `vigil code --unknown`: count and i-th lower-case word. */
VIGIL_API size_t vigil_coder_unknown_count(const vigil_coder *c);
VIGIL_API const char *vigil_coder_unknown(const vigil_coder *c, size_t i);
/* An explanation of event i: tokens and dictionary entries (file:line)
 * that produced it; needs VIGIL_CODE_EXPLAIN, else a one-line summary.
 * Caller frees. */
VIGIL_API char *vigil_coder_explain(const vigil_coder *c, size_t i);
VIGIL_API void vigil_coder_free(vigil_coder *c);

/* ---------------------------------------------------------- CAMEO tables */

typedef struct vigil_cameo {
    const char *code;
    const char *label;
    double goldstein;
    int quad;
    const char *plover; /* PLOVER event type, "" when PLOVER drops the code */
    const char *plover_mode;
} vigil_cameo;

/* Looks a CAMEO event code up ("072"); NULL if it is not a CAMEO code. */
VIGIL_API const vigil_cameo *vigil_cameo_lookup(const char *code);

/* ----------------------------------------------------------------- output */

typedef enum vigil_outfmt { VIGIL_OUT_JSONL = 0, VIGIL_OUT_TSV } vigil_outfmt;

/* Formats one event as a line (with trailing newline) into buf, like
 * snprintf: returns the length the full line needs; writes at most cap
 * bytes including the NUL. */
VIGIL_API size_t vigil_event_format(const vigil_event *e, vigil_outfmt fmt, char *buf,
                                    size_t cap);
/* The header line of the TSV format (with trailing newline). */
VIGIL_API const char *vigil_tsv_header(void);

#ifdef __cplusplus
}
#endif
#endif
