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
    int body_checked;    /* the body is valid UTF-8 without NUL bytes, within
                            the story limit (the reader checks or repairs
                            every body so): vigil_doc_new does not check it
                            again. 0 has it checked and repaired. */
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
 * "patterns", "verbforms", "families", "words", "warnings", or "root:NN"
 * (verbs and patterns whose code has CAMEO root NN). */
VIGIL_API size_t vigil_dict_count(const vigil_dict *d, const char *kind);
/* How a phrase codes: every dictionary entry of every sub-phrase, with its
 * file:line, and for actors the code that holds on `date` (YYYY-MM-DD, or
 * NULL for today's open ranges) and all dated codes. Caller frees. */
VIGIL_API char *vigil_dict_explain(const vigil_dict *d, const char *phrase, const char *date);
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
    int quad;           /* 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict */
    double goldstein;   /* -10 .. +10 */
    const char *plover; /* PLOVER event type or "" */
    int negated;
    int hypothetical;
    char speaker[VIGIL_CODE_MAX]; /* who said it, "" if not attributed */
    vigil_span ev_source;
    vigil_span ev_verb;
    vigil_span ev_target;
    const char *rule;       /* the pattern that coded it, as written in its dictionary */
    const char *rule_where; /* "file:line" of that pattern */
    const char *text;       /* the sentence */
    size_t text_len;
} vigil_event;

/* Coder options, as bit flags. */
enum {
    VIGIL_CODE_NEGATED = 1u << 0,  /* also emit negated events (flagged) */
    VIGIL_CODE_NO_DYAD = 1u << 1,  /* allow events with one actor missing */
    VIGIL_CODE_NO_COREF = 1u << 2, /* do not resolve pronouns across sentences */
    VIGIL_CODE_EXPLAIN = 1u << 3,  /* keep explanations for vigil_coder_explain */
    VIGIL_CODE_DEBUG = 1u << 4,    /* print the sentence analysis on stderr */
    VIGIL_CODE_UNKNOWN = 1u << 5   /* list what the dictionary did not know */
};

typedef struct vigil_coder vigil_coder;

/* Creates a coder over a dictionary (borrowed; must outlive the coder). */
VIGIL_API vigil_coder *vigil_coder_new(vigil_dict *dict, unsigned flags);
/* Codes every sentence of a doc. Events are available until the next call. */
VIGIL_API vigil_status vigil_coder_code(vigil_coder *c, const vigil_doc *doc);
VIGIL_API size_t vigil_coder_event_count(const vigil_coder *c);
VIGIL_API const vigil_event *vigil_coder_event(const vigil_coder *c, size_t i);
/* What the dictionary did not know in the last doc, for `vigil code
 * --unknown`: count, and the i-th item as "verb WORD" (a word used as a
 * verb after a known actor, lower-cased) or "name PHRASE" (a run of
 * capitalised words inside a sentence that matched nothing). Kept only by
 * a coder made with VIGIL_CODE_UNKNOWN (the list costs about 2% of the
 * coding time); without it the count is 0. */
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
VIGIL_API size_t vigil_event_format(const vigil_event *e, vigil_outfmt fmt, char *buf, size_t cap);
/* The header line of the TSV format (with trailing newline). */
VIGIL_API const char *vigil_tsv_header(void);

/* =================================================================== store
 * The event store (issue 5; docs/store.md): coded stories kept in SQLite,
 * events deduplicated by (day, source, target, code) with every mention
 * kept, dyad trends, escalation alerts and exports. This section is
 * appended to the public header and owned by the store module.
 */

typedef struct vigil_store vigil_store;

/* Options of vigil_store_open, as bit flags. */
enum {
    VIGIL_STORE_READONLY = 1u << 0, /* open an existing store for queries only */
    VIGIL_STORE_NO_SYNC = 1u << 1   /* synchronous=OFF: faster, but a power cut (not a
                                       killed process) may lose the last commits */
};

/* Opens (creating it when absent and not read-only) the store at `path`,
 * migrating its schema to the current version. `path` is an SQLite file,
 * or a PostgreSQL database: a postgresql:// or postgres:// URI, or "pg:"
 * and a libpq conninfo string (the database must exist). On failure *out is still
 * set when a handle exists, so vigil_store_errmsg can say why; the caller
 * closes it. */
VIGIL_API vigil_status vigil_store_open(const char *path, unsigned flags, vigil_store **out);
VIGIL_API const char *vigil_store_errmsg(const vigil_store *s);
/* The schema version (PRAGMA user_version) after migration. */
VIGIL_API int vigil_store_schema_version(const vigil_store *s);
/* Caps the database size in pages (of 4096 bytes); a write past it fails
 * like a full disk. For tests of that path; 0 removes the cap. */
VIGIL_API void vigil_store_set_max_pages(vigil_store *s, unsigned long pages);
VIGIL_API void vigil_store_close(vigil_store *s);

/* Stores one coded story: the doc, its sentences and the coder's events
 * for it (vigil_coder_code(c, doc) must have been the last call on c).
 * The whole story is one transaction: a story with the same id is
 * replaced, and on any error (a full disk included) nothing changes. */
VIGIL_API vigil_status vigil_store_put(vigil_store *s, const vigil_doc *doc, const vigil_coder *c);
/* Deletes a story and the mentions it gave; VIGIL_DONE if it is absent. */
VIGIL_API vigil_status vigil_store_delete(vigil_store *s, const char *story_id);

/* Runs PRAGMA integrity_check and foreign_key_check plus vigil's own
 * invariants (no event without a mention); on PostgreSQL, the checks
 * docs/store.md lists. VIGIL_OK when clean; otherwise
 * the problems are in vigil_store_errmsg. */
VIGIL_API vigil_status vigil_store_check(vigil_store *s);

/* One stored story, for listings and tests. */
typedef struct vigil_story_info {
    const char *id;
    const char *date;
    const char *source;
    unsigned sentences;
    unsigned mentions;
} vigil_story_info;
typedef void (*vigil_story_fn)(void *userdata, const vigil_story_info *info);
/* Calls fn for every stored story, in id order. */
VIGIL_API vigil_status vigil_store_stories(vigil_store *s, vigil_story_fn fn, void *userdata);

/* What to select. Zero / NULL fields select everything. Actor arguments
 * are code prefixes: "RUS" matches RUS, RUSGOV, RUSMIL. */
typedef struct vigil_filter {
    const char *from;     /* first day, YYYY-MM-DD, inclusive */
    const char *to;       /* last day, inclusive */
    const char *actor;    /* source or target */
    const char *source;   /* dyad: source side ... */
    const char *target;   /* ... and target side */
    int both_directions;  /* the dyad in either direction */
    const char *code;     /* exact CAMEO code */
    const char *root;     /* CAMEO root ("19") */
    int quad;             /* 1..4 */
    const char *story;    /* events with a mention in this story */
    unsigned window_days; /* deduplication window: 0 merges only the same day */
} vigil_filter;

/* A deduplicated event: the fields of its first mention (earliest day,
 * then story and sentence order) plus the counts over all its mentions. */
typedef struct vigil_stored_event {
    long long id;       /* the store's id of the first day's event */
    char date[11];      /* first day */
    char last_date[11]; /* last day (differs only with a window) */
    char source[VIGIL_CODE_MAX];
    char target[VIGIL_CODE_MAX];
    char code[8];
    char root[3];
    int quad;
    double goldstein;
    const char *plover;
    unsigned mentions; /* sentences reporting it */
    unsigned sources;  /* distinct publishers (stories without one count as one) */
    unsigned stories;  /* distinct stories */
    int hypothetical;  /* every mention is hypothetical */
    /* The first mention. */
    const char *story;
    unsigned sentence;
    const char *publisher;
    const char *url;
    const char *speaker;
    vigil_span ev_source, ev_verb, ev_target;
    const char *rule;
    const char *text; /* the sentence */
} vigil_stored_event;

typedef struct vigil_event_list vigil_event_list;

/* Selects and deduplicates events; the list is sorted by date, source,
 * target, code. The caller frees it with vigil_event_list_free. */
VIGIL_API vigil_status vigil_store_query(vigil_store *s, const vigil_filter *f,
                                         vigil_event_list **out);
VIGIL_API size_t vigil_event_list_count(const vigil_event_list *l);
VIGIL_API const vigil_stored_event *vigil_event_list_get(const vigil_event_list *l, size_t i);
VIGIL_API void vigil_event_list_free(vigil_event_list *l);

/* One mention of a stored event. */
typedef struct vigil_mention {
    const char *story;
    const char *date;
    const char *publisher;
    unsigned sentence;
    int hypothetical;
    const char *speaker;
    vigil_span ev_source, ev_verb, ev_target;
    const char *rule;
    const char *text;
} vigil_mention;
typedef void (*vigil_mention_fn)(void *userdata, const vigil_mention *m);
/* Calls fn for every mention of e (as the window that built it merged
 * them), in date, story, sentence order. */
VIGIL_API vigil_status vigil_store_mentions(vigil_store *s, const vigil_stored_event *e,
                                            vigil_mention_fn fn, void *userdata);

/* Output of stored events: vigil's own JSON lines, TSV and CSV, and the
 * exchange formats of docs/store.md. */
typedef enum vigil_export {
    VIGIL_EXPORT_JSONL = 0,
    VIGIL_EXPORT_TSV,
    VIGIL_EXPORT_CSV,
    VIGIL_EXPORT_GDELT,   /* GDELT 2.0 event table, 61 tab-separated columns */
    VIGIL_EXPORT_PHOENIX, /* Phoenix data set TSV */
    VIGIL_EXPORT_ICEWS,   /* ICEWS-style TSV */
    VIGIL_EXPORT_PLOVER   /* PLOVER JSON, one object per line */
} vigil_export;

/* Parses "jsonl", "tsv", "csv", "gdelt", "phoenix", "icews", "plover". */
VIGIL_API vigil_status vigil_export_parse(const char *name, vigil_export *out);
/* The header line of a format (with newline), "" for the JSON ones. */
VIGIL_API const char *vigil_export_header(vigil_export fmt);
/* Formats one stored event like vigil_event_format (snprintf contract). */
VIGIL_API size_t vigil_export_format(const vigil_stored_event *e, vigil_export fmt, char *buf,
                                     size_t cap);

/* Dyad / actor series (src/trend.c). */
typedef enum vigil_period {
    VIGIL_PERIOD_DAY = 0,
    VIGIL_PERIOD_WEEK,
    VIGIL_PERIOD_MONTH
} vigil_period;
VIGIL_API vigil_status vigil_period_parse(const char *name, vigil_period *out);

/* One bucket: `start` is its first day (weeks start on Monday). */
typedef struct vigil_trend_row {
    char start[11];
    unsigned events;
    unsigned quad[4]; /* events per quad class 1..4 (index 0..3) */
    unsigned mentions;
    double goldstein_sum;  /* over events */
    double goldstein_mean; /* goldstein_sum / events, 0 without events */
} vigil_trend_row;

/* Buckets the events of a list by period, every bucket from `from` (or the
 * first event) to `to` (or the last) present even when empty. Caller frees
 * *rows with vigil_free. */
VIGIL_API vigil_status vigil_trend(const vigil_event_list *l, vigil_period p, const char *from,
                                   const char *to, vigil_trend_row **rows, size_t *n);

/* Escalation alerts (src/alerts.c; the method is in docs/store.md). */
typedef struct vigil_alert_params {
    unsigned baseline_days; /* days of history before the day scored (28) */
    unsigned min_history;   /* days of data needed before a day is scored (7) */
    double z;               /* z-score threshold (3) */
    double sd_floor;        /* smallest standard deviation used (1) */
    unsigned min_mentions;  /* conflict mentions needed on the day (5) */
} vigil_alert_params;
VIGIL_API void vigil_alert_params_default(vigil_alert_params *p);

typedef struct vigil_alert {
    char a[VIGIL_CODE_MAX]; /* the dyad's actors (primary codes), a < b */
    char b[VIGIL_CODE_MAX];
    char date[11];          /* the day scored */
    char baseline_from[11]; /* the baseline window */
    char baseline_to[11];
    double intensity; /* the day's conflict intensity */
    double mean, sd;  /* the baseline's */
    double z;
    unsigned mentions;
    size_t nevents;
    size_t *events; /* indices into the list, largest contribution first */
} vigil_alert;

/* Scores every dyad day of the list; *out (caller frees with
 * vigil_alerts_free) holds the days over the thresholds, by date. */
VIGIL_API vigil_status vigil_alerts(const vigil_event_list *l, const vigil_alert_params *p,
                                    vigil_alert **out, size_t *n);
VIGIL_API void vigil_alerts_free(vigil_alert *a, size_t n);
/* The primary actor of a code, as alerts group dyads: a country's three
 * letters ("RUSGOV" -> "RUS"), or an organisation's code up to its
 * nine-letter name ("IGOEUREEC"). Writes at most cap bytes. */
VIGIL_API void vigil_primary_actor(const char *code, char *out, size_t cap);

/* ================================================================ end store */

/* ============================================================== validation
 * PETRARCH-style validation files (issue 4; docs/validate.md): records of
 * one sentence each with the events a correct coder gives, run through
 * vigil and compared as multisets of (source, target, code). This section
 * is appended to the public header and owned by the validate module
 * (src/validate.c).
 */

/* One expected or produced event of a validation record. Codes are kept as
 * written: "---" stands for a missing actor (a produced "" is shown as
 * "---"), "---GOV" for a role without a country, "###" for PETRARCH's
 * discard code, and a new actor made from an unknown noun phrase is the
 * phrase in capitals within double quotes ("\"INJURY TOLL\""). Longer
 * codes are cut to fit. */
typedef struct vigil_vevent {
    char source[VIGIL_CODE_MAX];
    char target[VIGIL_CODE_MAX];
    char code[8];
} vigil_vevent;

/* One <Sentence> record. Strings are never NULL ("" when absent). */
typedef struct vigil_vrecord {
    const char *id;
    const char *date;     /* YYYY-MM-DD from the YYYYMMDD attribute, or "" */
    const char *category; /* "DEMO", "COMPOUND", ... */
    const char *text;     /* the <Text>, runs of white space made one space */
    unsigned line;        /* input line of the <Sentence> element */
    int skip;             /* sentence="false" or valid="false": not run */
    int noevents;         /* noevents="True": no events expected */
    const char *error;    /* error="..." of an error record: no events expected */
    size_t nexpected;     /* the <EventCoding> events (0 for the two kinds above) */
    const vigil_vevent *expected;
    size_t nconfig; /* <Config> options before this record, in file order:
                       the options in effect are configs 0 .. nconfig-1 */
} vigil_vrecord;

typedef struct vigil_validation vigil_validation;

/* Reads a validation file from memory; `name` (copied) is used in
 * messages. On a syntax error *out is still set when the input could be
 * partly read, with the problem in vigil_validation_errmsg; the caller
 * frees it. Only <Text> is read, never <Parse>. */
VIGIL_API vigil_status vigil_validation_parse(const char *data, size_t len, const char *name,
                                              vigil_validation **out);
/* Reads a validation file; the same contract as vigil_validation_parse. */
VIGIL_API vigil_status vigil_validation_load(const char *path, vigil_validation **out);
VIGIL_API const char *vigil_validation_errmsg(const vigil_validation *v);
VIGIL_API void vigil_validation_free(vigil_validation *v);

VIGIL_API size_t vigil_validation_record_count(const vigil_validation *v);
/* Record i, or NULL past the end. Lives as long as v. */
VIGIL_API const vigil_vrecord *vigil_validation_record(const vigil_validation *v, size_t i);
/* The index of the record with this id, or (size_t)-1. */
VIGIL_API size_t vigil_validation_find(const vigil_validation *v, const char *id);
/* Problems in the file that did not stop the reading ("name:line: what"):
 * unknown <Config> options, records without a <Text> or an id, ids used
 * twice, <EventCoding> without codes. NULL past the end. */
VIGIL_API size_t vigil_validation_warning_count(const vigil_validation *v);
VIGIL_API const char *vigil_validation_warning(const vigil_validation *v, size_t i);

/* The <Config option= value=> elements in file order (those inside
 * <Environment> first). Returns VIGIL_ERR_ARG past the end. */
VIGIL_API size_t vigil_validation_config_count(const vigil_validation *v);
VIGIL_API vigil_status vigil_validation_config(const vigil_validation *v, size_t i,
                                               const char **name, const char **value);

/* The dictionary files <Environment> names, as written: file i and its
 * kind ("verbs", "actors", "agents", "discards"); NULL past the end. */
VIGIL_API size_t vigil_validation_dict_count(const vigil_validation *v);
VIGIL_API const char *vigil_validation_dict(const vigil_validation *v, size_t i, const char **kind);
/* Loads every file of the environment into d in PETRARCH syntax, names
 * resolved against `dir` (NULL: the folder of the validation file; absolute
 * names as they are). On failure the message is in vigil_validation_errmsg
 * (it repeats the dictionary's own). */
VIGIL_API vigil_status vigil_validation_load_dicts(vigil_validation *v, vigil_dict *d,
                                                   const char *dir);

/* 1 when two lists hold the same events with the same multiplicities, in
 * any order. Actor codes compare without regard to case and "" equals
 * "---"; event codes compare exactly. */
VIGIL_API int vigil_vevents_equal(const vigil_vevent *a, size_t na, const vigil_vevent *b,
                                  size_t nb);

typedef enum vigil_voutcome { VIGIL_V_PASS = 0, VIGIL_V_FAIL, VIGIL_V_SKIP } vigil_voutcome;

/* What running one record gave. `got` holds the coder's events (negated
 * ones left out) sorted by source, target, code; it lives until the next
 * run on the same validation. */
typedef struct vigil_vresult {
    vigil_voutcome outcome;
    size_t ngot;
    const vigil_vevent *got;
} vigil_vresult;

/* Runs record i: codes its text as one story (id and date of the record)
 * and compares the events with the expected ones. Skipped records are not
 * coded. The validation keeps a coder over `d` (borrowed; it must outlive
 * v's runs) made with `flags` and the options in effect at the record:
 * require_dyad=false adds VIGIL_CODE_NO_DYAD, and every option is passed on
 * with vigil_coder_set_option. The coder is remade only when the flags
 * change. */
VIGIL_API vigil_status vigil_validation_run(vigil_validation *v, size_t i, vigil_dict *d,
                                            unsigned flags, vigil_vresult *out);
/* The coder of the last run (for vigil_coder_explain), or NULL. */
VIGIL_API const vigil_coder *vigil_validation_coder(const vigil_validation *v);

/* Coder options by name, as PETRARCH's configuration names them (values
 * are case-insensitive): require_dyad (true/false), new_actor_length
 * (words, 0 = off), comma_min, comma_max, comma_bmin, comma_bmax,
 * comma_emin, comma_emax (words, a max of 0 = off), stop_on_error
 * (accepted, no effect on coding). VIGIL_ERR_ARG for an unknown name or a
 * malformed value. docs/validate.md says what each means. */
VIGIL_API vigil_status vigil_coder_set_option(vigil_coder *c, const char *name, const char *value);
/* The value set for an option ("true"/"false" or a decimal number), or
 * NULL when it was never set on this coder (the coder's default holds).
 * Lives until the option is set again. */
VIGIL_API const char *vigil_coder_get_option(const vigil_coder *c, const char *name);

/* =========================================================== end validation */

/* ============================================================ dict snapshot
 * A frozen dictionary written to one file and mapped back (issue 3;
 * docs/dictionaries.md, "Snapshots"). vigil_dict_load recognises a
 * snapshot by its first bytes, so any path that takes a dictionary set
 * takes a snapshot too; a snapshot must then be the only set loaded.
 */

/* Writes d (finishing it first when needed) as a snapshot at `path`,
 * replacing any file there only once the new one is complete. File:line
 * of every entry is kept, so explanations read the same. VIGIL_ERR_IO with
 * the message on d when it cannot be written. */
VIGIL_API vigil_status vigil_dict_save(vigil_dict *d, const char *path);

/* ======================================================== end dict snapshot */

/* ================================================================== serve
 * What `vigil serve` (issue 7; docs/serve.md) needs beyond the store
 * section: one story as stored, the dashboard's dyad ranking, and two
 * pure helpers for text from the network (src/httpq.c; fuzz target
 * "http"). This section is appended to the public header and owned by
 * the server's modules (src/httpq.c, src/dyads.c, vigil_store_story in
 * src/store.c).
 */

/* One mention of a stored story with the event it reports. */
typedef struct vigil_story_event {
    long long event; /* the store's event id (the mention's day) */
    const char *source, *target, *code, *plover;
    int quad;
    double goldstein;
    const char *rule_where; /* "file:line" of the pattern that coded it */
    vigil_mention m;        /* the mention: sentence, spans, rule, text */
} vigil_story_event;
typedef void (*vigil_sentence_fn)(void *userdata, unsigned idx, const char *text);
typedef void (*vigil_story_event_fn)(void *userdata, const vigil_story_event *e);
/* Reads story `id`: info_fn once (its date, publisher and counts), then
 * sentence_fn for each sentence in order, then event_fn for each mention
 * it gave, in sentence order. Any callback may be NULL. Strings live
 * during the callback only. VIGIL_DONE when no story has that id. */
VIGIL_API vigil_status vigil_store_story(vigil_store *s, const char *id, vigil_story_fn info_fn,
                                         vigil_sentence_fn sentence_fn,
                                         vigil_story_event_fn event_fn, void *userdata);

/* A dyad of an event list, as alerts group them: an unordered pair of
 * primary actors (a < b). Conflict intensity is mentions x -goldstein
 * over conflict events with a negative score; `recent` is its daily mean
 * over the last `days` days of the list (to its last day), `previous`
 * over the `days` before, escalation = recent - previous. */
typedef struct vigil_dyad {
    char a[VIGIL_CODE_MAX];
    char b[VIGIL_CODE_MAX];
    char last_date[11];
    unsigned events, mentions, conflict_mentions;
    double goldstein_sum;
    double recent, previous, escalation;
} vigil_dyad;
/* Every dyad of the list, most mentioned first. Caller frees *out with
 * vigil_free. VIGIL_ERR_ARG when days is 0. */
VIGIL_API vigil_status vigil_dyads(const vigil_event_list *l, unsigned days, vigil_dyad **out,
                                   size_t *n);

/* Sets one field of a filter from a query parameter (the value already
 * percent-decoded): from, to (YYYY-MM-DD), actor, source, target (codes
 * in capitals), both (1/0), code (2-4 digits), root (2 digits), quad
 * (1-4), story, window (0-3650 days). The value is borrowed: it must
 * outlive the filter. VIGIL_OK when set; VIGIL_DONE when `name` is no
 * filter parameter; VIGIL_ERR_ARG for a bad value, with a message in err
 * (at most errcap bytes, which may be 0). */
VIGIL_API vigil_status vigil_filter_param(vigil_filter *f, const char *name, const char *value,
                                          char *err, size_t errcap);

/* Checks the path of a static file request (already percent-decoded)
 * and writes it, without leading slashes, into out. Only letters, digits
 * and . _ - / are accepted, no segment may start with a dot or be empty,
 * and it may not end with a slash: "app.js" and "css/main.css" pass;
 * "..", "../x", ".git/config", "a//b", "a\\b", "%2e" do not.
 * VIGIL_ERR_ARG when refused or longer than cap - 1. */
VIGIL_API vigil_status vigil_http_path(const char *path, char *out, size_t cap);

/* ============================================================== end serve */

#ifdef __cplusplus
}
#endif
#endif
