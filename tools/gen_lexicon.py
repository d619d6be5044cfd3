#!/usr/bin/env python3
# tools/gen_lexicon.py — writes src/lexicon_table.inc, the closed-class word table of src/lexicon.c.
# The word lists below are the source of truth; run `python3 tools/gen_lexicon.py > src/lexicon_table.inc`.
# Generates the lexicon hash table for src/lexicon.c (the words are facts of English grammar).
F = {}
def add(flag, words):
    for w in words.split():
        F.setdefault(w, set()).add(flag)
add('L_DET', 'the a an this these those some any every each another both all several many other such either neither few no')
add('L_POSS', 'its their his her our my your whose')
add('L_DET', 'its their his her our my your')
add('L_PRON', 'he she it they we i you him them us me himself herself itself themselves ourselves')
add('L_P_PERSON', 'he she him her himself herself')
add('L_P_PLURAL', 'they them their themselves')
add('L_P_IT', 'it its itself')
add('L_P_WE', 'we us our ourselves i me my')
add('L_PREP', 'of to in on at by with from for against about into over under between among amongst through during after before without within toward towards across despite amid amidst near since until upon via per including following regarding concerning like onto off beyond behind above below around along outside inside throughout than besides except alongside')
add('L_CONJ', 'and or but nor yet')
add('L_SUB', 'if unless because although though while whereas when whenever where whether once until after before since as lest')
add('L_COND', 'if unless whether lest')
add('L_REL', 'who which whom whose that')
add('L_THAT', 'that')
add('L_BE', 'be is are was were been being am')
add('L_HAVE', 'have has had having')
add('L_DO', 'do does did')
add('L_MODAL', 'would could might may should must will shall can cannot wo ca')
add('L_HYPO', 'would could might may should')
add('L_NEG', 'not never no n\'t')
add('L_ADV', 'almost nearly roughly approximately also already repeatedly reportedly allegedly now then later recently previously again still just even further jointly publicly formally officially swiftly immediately quickly strongly sharply firmly openly directly effectively finally initially currently apparently reportedly subsequently eventually soon once twice largely mostly partly fully briefly separately unilaterally personally privately secretly quietly angrily reluctantly increasingly generally actually really only always often sometimes usually ever so too very')
add('L_TIME', 'monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow morning afternoon evening night week weekend month year earlier last next overnight january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec')
for lem, forms in [('say','say says said saying'),('add','add adds added adding'),('tell','tell tells told telling'),
                   ('state','stated'),('announce','announce announces announced announcing'),
                   ('report','report reports reported reporting'),('claim','claim claims claimed claiming'),
                   ('note','note notes noted noting'),('insist','insist insists insisted insisting'),
                   ('stress','stress stresses stressed stressing'),('write','write writes wrote written writing'),
                   ('tweet','tweet tweets tweeted'),('explain','explain explains explained explaining'),
                   ('reiterate','reiterate reiterates reiterated'),('acknowledge','acknowledge acknowledges acknowledged'),
                   ('argue','argue argues argued arguing'),('quote','quoted'),('suggest','suggest suggests suggested'),
                   ('believe','believe believes believed'),('think','think thinks thought'),('confirm','confirm confirms confirmed'),
                   ('indicate','indicated indicates'),('recall','recalled'),('remark','remarked'),('observe','observed'),
                   ('post','posted'),('predict','predicted'),('allege','alleged alleges')]:
    add('L_SPEECH', forms)
add('L_TRANSP', 'ally allies partner partners counterpart counterparts neighbor neighbors neighbour neighbours nation nations country countries side sides member members states')
add('L_REFUSE', 'refuse refuses refused refusing decline declines declined declining fail fails failed failing')
add('L_IRREAL', 'threaten threatens threatened threatening plan plans planned planning intend intends intended intending consider considers considered considering prepared ready willing eager propose proposes proposed proposing seek seeks sought seeking want wants wanted hope hopes hoped aim aims aimed expected expect expects')
add('L_GET', 'get gets got gotten getting')
add('L_TO', 'to')
add('L_BY', 'by')
add('L_AND', 'and')
add('L_OR', 'or nor')
add('L_ACCORDING', 'according')
add('L_DENY', 'deny denies denied denying')
add('L_NUMW', 'one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred hundreds thousand thousands million millions billion billions dozen dozens')
add('L_NAMEPREF', 'mr mrs ms dr prof gen lt col maj capt adm sgt sen rep gov pres amb sir lord lady sheikh king queen prince princess president minister')
flags = sorted({f for s in F.values() for f in s})
# The table is an open-addressing hash table with linear probing, at most
# half full, so src/lexicon.c finds a word with one hash and usually one
# comparison, instead of a binary search of about nine strcmp calls
# (profiled: vg_lex was 5% of coding). A word is keyed as 16 bytes: its
# lower-cased bytes, 0x01 bytes up to 15, a NUL; read as two little-endian
# 64-bit numbers k0, k1, its slot is the top bits of k0*C1 + k1*C2 (mod
# 2^64). src/lexicon.c builds the same key eight bytes at a time. Entries
# are placed in sorted order, so the output is deterministic.
C1, C2 = 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F
def padded(w):
    b = w.encode()
    return b + b'\x01' * (15 - len(b)) + b'\x00'
slots, bits = 1, 0
while slots < 2 * len(F):
    slots *= 2
    bits += 1
def slot(w):
    b = padded(w)
    k0, k1 = int.from_bytes(b[:8], 'little'), int.from_bytes(b[8:], 'little')
    return ((k0 * C1 + k1 * C2) & 0xFFFFFFFFFFFFFFFF) >> (64 - bits)
table = [None] * slots
for w in sorted(F, key=lambda s: s.encode()):
    i = slot(w)
    while table[i] is not None:
        i = (i + 1) & (slots - 1)
    table[i] = w
out = []
for i, w in enumerate(table):
    if w is None:
        continue
    # The word is padded with 0x01 bytes to 15 (the 16th is the NUL), as
    # src/lexicon.c pads the word it looks up, so a probe compares two
    # 64-bit words instead of calling memcmp.
    lit = w.replace('\\','\\\\').replace('"','\\"') + '\\001' * (15 - len(w.encode()))
    out.append('    [%d] = {"%s", %d, %s},' % (i, lit, len(w.encode()), ' | '.join(sorted(F[w]))))
print("/* generated by tools/gen_lexicon.py; do not edit */")
print("#define LEX_SLOTS %d" % slots)
print("#define LEX_SLOT_BITS %d" % bits)
assert max(len(w.encode()) for w in F) <= 15
print("#define LEX_MAX_LEN %d" % max(len(w.encode()) for w in F))
print("static const lexent table[LEX_SLOTS] = {")
print("\n".join(out))
print("};")
import sys; print(len(F), file=sys.stderr); print(flags, file=sys.stderr)
