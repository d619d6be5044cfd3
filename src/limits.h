/*
 * limits.h — every bound the library enforces, in one place (Lua's
 * llimits.h habit). Exceeding one is reported through the diagnostic
 * callback with the limit's name; the unit concerned (story, sentence,
 * dictionary line) is truncated or skipped and the run goes on.
 * docs/limits.md lists them for users; keep the two in step.
 */
#ifndef VG_LIMITS_H
#define VG_LIMITS_H

/* Bytes of one story body (text or HTML) as read. */
#define VG_MAX_STORY_BYTES (16u * 1024 * 1024)
/* Bytes of one input line in JSON lines (a record) or one XML input. */
#define VG_MAX_RECORD_BYTES (32u * 1024 * 1024)
/* Bytes of a story id, date, source or url field. */
#define VG_MAX_FIELD_BYTES 4096u
/* Element depth of an HTML page that is read: text nested deeper is
 * ignored. libxml2 bounds its own tree too; this keeps the recursion of
 * html.c bounded independently of it. */
#define VG_MAX_HTML_DEPTH 256
/* Sentences kept per story. */
#define VG_MAX_SENTENCES 20000u
/* Bytes of one sentence; longer ones are cut at a token boundary. */
#define VG_MAX_SENTENCE_BYTES 8192u
/* Tokens coded per sentence; the rest of a longer sentence is not coded. */
#define VG_MAX_TOKENS 512u
/* Events emitted per sentence. */
#define VG_MAX_EVENTS_PER_SENTENCE 16u
/* Words in one dictionary phrase (actor name, verb phrase, pattern side). */
#define VG_MAX_PHRASE_WORDS 12u
/* Bytes of one word (token) as the dictionary compares it, lower-cased;
 * longer tokens are never dictionary words. */
#define VG_MAX_WORD_BYTES 256u
/* Bytes of one dictionary line. */
#define VG_MAX_DICT_LINE 4096u
/* Codes (with date ranges) attached to one actor entry. */
#define VG_MAX_ACTOR_CODES 64u
/* Bytes of an actor code, with NUL (also VIGIL_CODE_MAX). */
#define VG_MAX_CODE 40u

/* Bytes of one validation file (vigil validate; PETRARCH's unit-test file
 * is about 300 KB). */
#define VG_MAX_VALIDATION_BYTES (64u * 1024 * 1024)
/* Coder options held by the interim option table of src/validate.c. */
#define VG_MAX_CODER_OPTIONS 256u

#endif
