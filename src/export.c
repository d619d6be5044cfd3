/*
 * export.c — stored (deduplicated) events as lines: vigil's own JSON
 * lines, TSV and CSV, and the exchange formats GDELT 2.0 (event table),
 * Phoenix, ICEWS-style TSV and PLOVER JSON. docs/store.md lists every
 * column and says which ones vigil fills.
 *
 * Each format builds the line in a vg_buf and copies it out with
 * snprintf's contract, as vigil_event_format does (output.c). Numbers are
 * written by integer arithmetic so the C locale never changes them.
 * Actor codes are split the CAMEO way: a three-letter country (or region)
 * and then three-letter roles ("RUSGOVMIL" = RUS, GOV, MIL); codes
 * starting with an organisation prefix (IGO, NGO, NGM, MNC, IMG, UIS)
 * have no country, and their last three letters name the group
 * ("IGOEUREEC" -> EEC), as GDELT's KnownGroupCode does.
 */
#include "store.h"

#include "buf.h"
#include "vigil.h"

#include <string.h>

/* Generous bound on a line: the sentence text (bounded upstream by
 * VG_MAX_SENTENCE_BYTES) escaped at worst six-fold, plus fixed parts. */
#define EXPORT_LINE_MAX (1u << 20)

static const char *const org_prefixes[] = {"IGO", "NGO", "NGM", "MNC", "IMG", "UIS"};

static int is_org(const char *code)
{
    for (size_t i = 0; i < sizeof org_prefixes / sizeof org_prefixes[0]; i++)
        if (strncmp(code, org_prefixes[i], 3) == 0) return 1;
    return 0;
}

void vigil_primary_actor(const char *code, char *out, size_t cap)
{
    if (!cap) return;
    size_t n = strlen(code);
    size_t keep = is_org(code) ? (n < 9 ? n : 9) : (n < 3 ? n : 3);
    if (keep >= cap) keep = cap - 1;
    memcpy(out, code, keep);
    out[keep] = '\0';
}

/* The parts of an actor code: country, group and up to three roles. */
typedef struct actor_parts {
    char country[4], group[4], type[3][4];
} actor_parts;

static void split_actor(const char *code, actor_parts *p)
{
    memset(p, 0, sizeof *p);
    size_t n = strlen(code);
    if (is_org(code)) {
        if (n >= 6) memcpy(p->group, code + n - 3, 3);
        return;
    }
    if (n >= 3) memcpy(p->country, code, 3);
    for (size_t i = 0; i < 3 && 3 + 3 * i + 3 <= n; i++) memcpy(p->type[i], code + 3 + 3 * i, 3);
}

/* Number helpers: tenths (Goldstein) and ten-thousandths (fractions). */
static void put_fixed(vg_buf *b, double v, int decimals)
{
    if (!(v >= -1e12 && v <= 1e12)) return;
    long long scale = decimals == 1 ? 10 : decimals == 2 ? 100 : 10000;
    double t = v * (double)scale;
    long long x = (long long)(t < 0 ? t - 0.5 : t + 0.5);
    if (x < 0) {
        vg_buf_putc(b, '-');
        x = -x;
    }
    vg_buf_printf(b, "%lld.%0*lld", x / scale, decimals, x % scale);
}

static void json_str(vg_buf *b, const char *s)
{
    vg_buf_putc(b, '"');
    vg_buf_json_str(b, s ? s : "", s ? strlen(s) : 0);
    vg_buf_putc(b, '"');
}

static void json_span(vg_buf *b, vigil_span s)
{
    if (s.start == 0 && s.end == 0)
        vg_buf_puts(b, "null");
    else
        vg_buf_printf(b, "[%lu,%lu]", (unsigned long)s.start, (unsigned long)s.end);
}

/* A TSV field with tab, newline and carriage return made spaces. */
static void tsv(vg_buf *b, const char *s, size_t n, char sep)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        vg_buf_putc(b, c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
    }
    if (sep) vg_buf_putc(b, sep);
}

static void tsvs(vg_buf *b, const char *s, char sep)
{
    tsv(b, s ? s : "", s ? strlen(s) : 0, sep);
}

/* A CSV field, quoted (RFC 4180) when it holds a comma, quote or line
 * break. */
static void csv(vg_buf *b, const char *s, char sep)
{
    if (!s) s = "";
    if (strpbrk(s, ",\"\r\n")) {
        vg_buf_putc(b, '"');
        for (; *s; s++) {
            if (*s == '"') vg_buf_putc(b, '"');
            vg_buf_putc(b, *s);
        }
        vg_buf_putc(b, '"');
    } else {
        vg_buf_puts(b, s);
    }
    if (sep) vg_buf_putc(b, sep);
}

/* The text an evidence span covers in the sentence, or "". */
static void span_text(const vigil_stored_event *e, vigil_span sp, char *out, size_t cap)
{
    out[0] = '\0';
    if (!e->text || (sp.start == 0 && sp.end == 0)) return;
    size_t len = strlen(e->text);
    if (sp.end > len || sp.start >= sp.end) return;
    size_t n = sp.end - sp.start;
    if (n >= cap) n = cap - 1;
    memcpy(out, e->text + sp.start, n);
    out[n] = '\0';
}

static void upper_ascii(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z') *s = (char)(*s - 'a' + 'A');
}

/* YYYYMMDD from YYYY-MM-DD. */
static void compact_date(const char *iso, char out[9])
{
    memset(out, 0, 9);
    if (strlen(iso) != 10) return;
    memcpy(out, iso, 4);
    memcpy(out + 4, iso + 5, 2);
    memcpy(out + 6, iso + 8, 2);
}

/* ------------------------------------------------------------ formats */

static void fmt_jsonl(vg_buf *b, const vigil_stored_event *e)
{
    vg_buf_printf(b, "{\"id\":%lld,\"date\":", e->id);
    json_str(b, e->date);
    vg_buf_puts(b, ",\"last_date\":");
    json_str(b, e->last_date);
    vg_buf_puts(b, ",\"source\":");
    json_str(b, e->source);
    vg_buf_puts(b, ",\"target\":");
    json_str(b, e->target);
    vg_buf_puts(b, ",\"code\":");
    json_str(b, e->code);
    vg_buf_puts(b, ",\"root\":");
    json_str(b, e->root);
    vg_buf_printf(b, ",\"quad\":%d,\"goldstein\":", e->quad);
    put_fixed(b, e->goldstein, 1);
    vg_buf_puts(b, ",\"plover\":");
    json_str(b, e->plover);
    vg_buf_printf(b, ",\"hypothetical\":%s,\"mentions\":%u,\"sources\":%u,\"stories\":%u",
                  e->hypothetical ? "true" : "false", e->mentions, e->sources, e->stories);
    vg_buf_puts(b, ",\"story\":");
    json_str(b, e->story);
    vg_buf_printf(b, ",\"sentence\":%u,\"publisher\":", e->sentence);
    json_str(b, e->publisher);
    vg_buf_puts(b, ",\"url\":");
    json_str(b, e->url);
    vg_buf_puts(b, ",\"speaker\":");
    if (e->speaker && *e->speaker)
        json_str(b, e->speaker);
    else
        vg_buf_puts(b, "null");
    vg_buf_puts(b, ",\"evidence\":{\"source\":");
    json_span(b, e->ev_source);
    vg_buf_puts(b, ",\"verb\":");
    json_span(b, e->ev_verb);
    vg_buf_puts(b, ",\"target\":");
    json_span(b, e->ev_target);
    vg_buf_puts(b, ",\"rule\":");
    json_str(b, e->rule);
    vg_buf_puts(b, "},\"text\":");
    json_str(b, e->text);
    vg_buf_puts(b, "}\n");
}

/* TSV and CSV share the columns of the header below. */
static void fmt_table(vg_buf *b, const vigil_stored_event *e, int is_csv)
{
    char num[64], gold[32];
    vg_buf g;
    vg_buf_init(&g, sizeof gold - 1);
    put_fixed(&g, e->goldstein, 1);
    size_t gn = g.len < sizeof gold - 1 ? g.len : sizeof gold - 1;
    if (gn) memcpy(gold, g.ptr, gn);
    gold[gn] = '\0';
    vg_buf_free(&g);
    char sep = is_csv ? ',' : '\t';
    void (*put)(vg_buf *, const char *, char) = is_csv ? csv : tsvs;
    vg_buf n;
    vg_buf_init(&n, sizeof num - 1);
    vg_buf_printf(&n, "%lld", e->id);
    put(b, n.ptr, sep);
    put(b, e->date, sep);
    put(b, e->last_date, sep);
    put(b, e->source, sep);
    put(b, e->target, sep);
    put(b, e->code, sep);
    put(b, e->root, sep);
    vg_buf_reset(&n);
    vg_buf_printf(&n, "%d", e->quad);
    put(b, n.ptr, sep);
    put(b, gold, sep);
    put(b, e->plover, sep);
    put(b, e->hypothetical ? "1" : "0", sep);
    vg_buf_reset(&n);
    vg_buf_printf(&n, "%u%c%u%c%u", e->mentions, sep, e->sources, sep, e->stories);
    vg_buf_puts(b, n.ptr);
    vg_buf_putc(b, sep);
    put(b, e->story, sep);
    vg_buf_reset(&n);
    vg_buf_printf(&n, "%u", e->sentence);
    put(b, n.ptr, sep);
    put(b, e->speaker, sep);
    put(b, e->text, '\n');
    vg_buf_free(&n);
}

/* GDELT 2.0 event table, 61 columns (docs/store.md). */
static void gdelt_actor(vg_buf *b, const char *code, const char *name)
{
    actor_parts p;
    split_actor(code, &p);
    tsvs(b, code, '\t');
    tsvs(b, name, '\t');
    tsvs(b, p.country, '\t');
    tsvs(b, p.group, '\t');
    vg_buf_puts(b, "\t\t\t"); /* EthnicCode, Religion1Code, Religion2Code */
    for (int i = 0; i < 3; i++) tsvs(b, p.type[i], '\t');
}

static void fmt_gdelt(vg_buf *b, const vigil_stored_event *e)
{
    char ymd[9], name1[128], name2[128];
    compact_date(e->date, ymd);
    long day = 0, jan1 = 0;
    vg_day_parse(e->date, &day);
    char y0[11] = "0000-01-01";
    memcpy(y0, e->date, 4);
    vg_day_parse(y0, &jan1);
    vg_buf_printf(b, "%lld\t%s\t%.6s\t%.4s\t", e->id, ymd, ymd, ymd);
    long year = 0;
    for (int i = 0; i < 4; i++) year = year * 10 + (ymd[i] - '0');
    put_fixed(b, (double)year + (double)(day - jan1 + 1) / 365.0, 4);
    vg_buf_putc(b, '\t');
    span_text(e, e->ev_source, name1, sizeof name1);
    span_text(e, e->ev_target, name2, sizeof name2);
    upper_ascii(name1);
    upper_ascii(name2);
    gdelt_actor(b, e->source, name1);
    gdelt_actor(b, e->target, name2);
    char base[4] = {0};
    memcpy(base, e->code, strlen(e->code) < 3 ? strlen(e->code) : 3);
    vg_buf_printf(b, "%d\t%s\t%s\t%s\t%d\t", e->sentence == 0 ? 1 : 0, e->code, base, e->root,
                  e->quad);
    put_fixed(b, e->goldstein, 1);
    vg_buf_printf(b, "\t%u\t%u\t%u\t", e->mentions, e->sources, e->stories);
    /* AvgTone: vigil computes no tone. */
    vg_buf_putc(b, '\t');
    /* Three geography blocks of 8 columns; type 0 = no location. */
    for (int g = 0; g < 3; g++) vg_buf_puts(b, "0\t\t\t\t\t\t\t\t");
    vg_buf_printf(b, "%s000000\t", ymd);
    tsvs(b, e->url && *e->url ? e->url : e->story, '\n');
}

static void fmt_phoenix(vg_buf *b, const vigil_stored_event *e)
{
    char ymd[9];
    compact_date(e->date, ymd);
    vg_buf_printf(b, "%lld\t%s\t%.4s\t%.2s\t%.2s\t", e->id, ymd, ymd, ymd + 4, ymd + 6);
    const char *codes[2] = {e->source, e->target};
    for (int i = 0; i < 2; i++) {
        size_t n = strlen(codes[i]);
        tsvs(b, codes[i], '\t');
        /* Entity, role, attribute: the first three letters, the next
         * three, and whatever follows. */
        tsv(b, codes[i], n < 3 ? n : 3, '\t');
        tsv(b, n > 3 ? codes[i] + 3 : "", n > 6 ? 3 : n > 3 ? n - 3 : 0, '\t');
        tsvs(b, n > 6 ? codes[i] + 6 : "", '\t');
    }
    vg_buf_printf(b, "%s\t%s\t%d\t", e->code, e->root, e->quad);
    put_fixed(b, e->goldstein, 1);
    /* Issues, Lat, Lon, LocationName, StateName, CountryCode: empty. */
    vg_buf_puts(b, "\t\t\t\t\t\t\t");
    tsvs(b, e->story, 0);
    vg_buf_printf(b, "-%u\t", e->sentence);
    tsvs(b, e->url, '\t');
    tsvs(b, e->publisher, '\n');
}

static const char *sector_name(const char *role)
{
    static const char *const sectors[][2] = {{"GOV", "Government"},
                                             {"MIL", "Military"},
                                             {"COP", "Police"},
                                             {"REB", "Rebels"},
                                             {"OPP", "Opposition"},
                                             {"JUD", "Judiciary"},
                                             {"LEG", "Legislative"},
                                             {"BUS", "Business"},
                                             {"MED", "Media"},
                                             {"ELI", "Elites"},
                                             {"CVL", "Civilians"},
                                             {"EDU", "Education"},
                                             {"HLH", "Health"},
                                             {"LAB", "Labor"},
                                             {"REF", "Refugees"},
                                             {"SPY", "Intelligence"},
                                             {"IGO", "International Government Organization"},
                                             {"NGO", "Nongovernmental Organization"}};
    for (size_t i = 0; i < sizeof sectors / sizeof sectors[0]; i++)
        if (strcmp(role, sectors[i][0]) == 0) return sectors[i][1];
    return role;
}

static void icews_actor(vg_buf *b, const vigil_stored_event *e, const char *code, vigil_span sp)
{
    char name[128];
    span_text(e, sp, name, sizeof name);
    tsvs(b, *name ? name : code, '\t');
    actor_parts p;
    split_actor(code, &p);
    vg_buf g;
    vg_buf_init(&g, 256);
    if (is_org(code)) vg_buf_puts(&g, sector_name(strncmp(code, "NGO", 3) == 0 ? "NGO" : "IGO"));
    for (int i = 0; i < 3; i++)
        if (p.type[i][0]) vg_buf_printf(&g, "%s%s", g.len ? "," : "", sector_name(p.type[i]));
    tsvs(b, g.ptr ? g.ptr : "", '\t');
    vg_buf_free(&g);
    tsvs(b, p.country, '\t');
}

static void fmt_icews(vg_buf *b, const vigil_stored_event *e)
{
    const vigil_cameo *c = vigil_cameo_lookup(e->code);
    vg_buf_printf(b, "%lld\t%s\t", e->id, e->date);
    icews_actor(b, e, e->source, e->ev_source);
    tsvs(b, c ? c->label : "", '\t');
    vg_buf_printf(b, "%s\t", e->code);
    put_fixed(b, e->goldstein, 1);
    vg_buf_putc(b, '\t');
    icews_actor(b, e, e->target, e->ev_target);
    tsvs(b, e->story, '\t');
    vg_buf_printf(b, "%u\t", e->sentence + 1);
    tsvs(b, e->publisher, '\t');
    /* City, District, Province, Country, Latitude, Longitude: empty. */
    vg_buf_puts(b, "\t\t\t\t\t\n");
}

static void fmt_plover(vg_buf *b, const vigil_stored_event *e)
{
    const vigil_cameo *c = vigil_cameo_lookup(e->code);
    char name[128];
    vg_buf_printf(b, "{\"id\":\"vigil-%lld\",\"date\":", e->id);
    json_str(b, e->date);
    vg_buf_puts(b, ",\"event\":");
    json_str(b, e->plover);
    vg_buf_puts(b, ",\"mode\":");
    json_str(b, c ? c->plover_mode : "");
    vg_buf_puts(b, ",\"context\":[],\"actor\":");
    json_str(b, e->source);
    vg_buf_puts(b, ",\"actor_text\":");
    span_text(e, e->ev_source, name, sizeof name);
    json_str(b, name);
    vg_buf_puts(b, ",\"recipient\":");
    json_str(b, e->target);
    vg_buf_puts(b, ",\"recipient_text\":");
    span_text(e, e->ev_target, name, sizeof name);
    json_str(b, name);
    vg_buf_puts(b, ",\"cameo\":");
    json_str(b, e->code);
    vg_buf_printf(b,
                  ",\"quad\":%d,\"mentions\":%u,\"sources\":%u,\"stories\":%u,\"story\":", e->quad,
                  e->mentions, e->sources, e->stories);
    json_str(b, e->story);
    vg_buf_puts(b, ",\"url\":");
    json_str(b, e->url);
    vg_buf_puts(b, ",\"text\":");
    json_str(b, e->text);
    vg_buf_puts(b, "}\n");
}

/* -------------------------------------------------------------- public */

vigil_status vigil_export_parse(const char *name, vigil_export *out)
{
    static const char *const names[] = {"jsonl",   "tsv",   "csv",   "gdelt",
                                        "phoenix", "icews", "plover"};
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (vigil_export)i;
            return VIGIL_OK;
        }
    }
    return VIGIL_ERR_ARG;
}

const char *vigil_export_header(vigil_export fmt)
{
    switch (fmt) {
    case VIGIL_EXPORT_TSV:
        return "id\tdate\tlast_date\tsource\ttarget\tcode\troot\tquad\tgoldstein\tplover\t"
               "hypothetical\tmentions\tsources\tstories\tstory\tsentence\tspeaker\ttext\n";
    case VIGIL_EXPORT_CSV:
        return "id,date,last_date,source,target,code,root,quad,goldstein,plover,"
               "hypothetical,mentions,sources,stories,story,sentence,speaker,text\n";
    case VIGIL_EXPORT_PHOENIX:
        return "EventID\tDate\tYear\tMonth\tDay\tSourceActorFull\tSourceActorEntity\t"
               "SourceActorRole\tSourceActorAttribute\tTargetActorFull\tTargetActorEntity\t"
               "TargetActorRole\tTargetActorAttribute\tEventCode\tEventRootCode\tQuadClass\t"
               "GoldsteinScore\tIssues\tLat\tLon\tLocationName\tStateName\tCountryCode\t"
               "SentenceID\tURLs\tNewsSources\n";
    case VIGIL_EXPORT_ICEWS:
        return "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\t"
               "CAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\t"
               "Sentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\t"
               "Longitude\n";
    default:
        /* GDELT's files carry no header; the JSON formats need none. */
        return "";
    }
}

size_t vigil_export_format(const vigil_stored_event *e, vigil_export fmt, char *buf, size_t cap)
{
    if (cap && buf) buf[0] = '\0';
    if (!e) return 0;
    /* PLOVER drops some CAMEO codes (e->plover ""): nothing to export. */
    if (fmt == VIGIL_EXPORT_PLOVER && (!e->plover || !*e->plover)) return 0;
    vg_buf b;
    vg_buf_init(&b, EXPORT_LINE_MAX);
    switch (fmt) {
    case VIGIL_EXPORT_TSV:
        fmt_table(&b, e, 0);
        break;
    case VIGIL_EXPORT_CSV:
        fmt_table(&b, e, 1);
        break;
    case VIGIL_EXPORT_GDELT:
        fmt_gdelt(&b, e);
        break;
    case VIGIL_EXPORT_PHOENIX:
        fmt_phoenix(&b, e);
        break;
    case VIGIL_EXPORT_ICEWS:
        fmt_icews(&b, e);
        break;
    case VIGIL_EXPORT_PLOVER:
        fmt_plover(&b, e);
        break;
    default:
        fmt_jsonl(&b, e);
        break;
    }
    size_t need = b.len;
    if (cap && buf) {
        size_t n = need < cap - 1 ? need : cap - 1;
        if (n) memcpy(buf, b.ptr, n);
        buf[n] = '\0';
    }
    vg_buf_free(&b);
    return need;
}
