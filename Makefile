# vigil — build, test and check.
#
#   make            library (build/libvigil.a, build/libvigil.so) and build/vigil
#   make demo       code the bundled example stories (examples/) and print the events
#   make test       every test: unit tests, golden cases through library and CLI
#   make asan       the whole test suite built with address+undefined sanitizers
#   make format     clang-format every C file in place (format-check: CI's check)
#   make eval       score the seed article against ../shared/seed/expected.md
#
# Sources are found by wildcard so a new module needs no Makefile edit.

CC      ?= cc
BUILD   ?= build
PKGS     = libutf8proc libcjson libxml-2.0 sqlite3 libmicrohttpd libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libpq and libmicrohttpd are loaded with dlopen when a PostgreSQL store is
# opened or `vigil serve` starts (src/dynload.h): only their headers here.
DLOPEN_PKGS = libmicrohttpd libpq
PKG_LIBS   := $(shell pkg-config --libs $(filter-out $(DLOPEN_PKGS),$(PKGS)) 2>/dev/null) -ldl

WARN    = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
          -Wmissing-prototypes -Wformat=2 -Wvla -Wno-unused-parameter
OPT    ?= -O2 -g
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) $(WERROR) \
             -fvisibility=hidden -Iinclude -Isrc $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lm -lpthread $(EXTRA_LDFLAGS)

LIB_SRC  = $(wildcard src/*.c)
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_SRC  = $(wildcard cli/*.c)
CLI_OBJ  = $(CLI_SRC:cli/%.c=$(BUILD)/obj/cli_%.o)
TEST_SRC = $(wildcard tests/unit/test_*.c)
TEST_BIN = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

all: $(BUILD)/libvigil.a $(BUILD)/libvigil.so $(BUILD)/vigil

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h src/*.inc) include/vigil.h | $(BUILD)/obj
	$(CC) $(CFLAGS_ALL) -fPIC -c $< -o $@

# The CLI finds vigil's own dictionaries in this checkout unless --dict or
# $$VIGIL_DATA says otherwise.
$(BUILD)/obj/cli_%.o: cli/%.c $(wildcard cli/*.h) include/vigil.h | $(BUILD)/obj
	$(CC) $(CFLAGS_ALL) -DVIGIL_DATADIR='"$(CURDIR)/data"' -c $< -o $@

$(BUILD)/libvigil.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/libvigil.so: $(LIB_OBJ)
	$(CC) -shared -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/vigil: $(CLI_OBJ) $(BUILD)/libvigil.a
	$(CC) $(CFLAGS_ALL) -o $@ $(CLI_OBJ) $(BUILD)/libvigil.a $(LDLIBS_ALL)

# Unit tests may use internal headers (they test modules); they link the static library.
$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/libvigil.a | $(BUILD)/tests
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(BUILD)/libvigil.a $(LDLIBS_ALL)

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

test: all $(TEST_BIN)
	VIGIL_BUILD=$(BUILD) sh tests/run.sh

# The main job on the bundled example stories (README's first command).
demo: all
	$(BUILD)/vigil code --date 2024-11-20 examples/stories.jsonl examples/brief.txt examples/article.html

# Evaluations against ../shared material (skip cleanly when it is absent).
PHOENIX ?= ../shared/third_party/petrarch2/dictionaries
eval: all
	sh tests/eval/seed.sh
	@if [ -d $(PHOENIX) ]; then echo "with the Phoenix set on top:"; \
	  SEED_DICTS="--dict data --dict $(PHOENIX)" sh tests/eval/seed.sh; fi
	sh tests/eval/validate.sh

asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" test

FORMAT_FILES = include/*.h src/*.[ch] cli/*.[ch] tests/unit/*.[ch] fuzz/*.[ch]

format:
	clang-format -i $(FORMAT_FILES)

format-check:
	clang-format --dry-run --Werror $(FORMAT_FILES)

tables: tools/gen_tables.py
	python3 tools/gen_tables.py ../shared/reference src/cameo_table.c

clean:
	rm -rf build build-asan

.PHONY: all demo test eval asan format format-check tables clean

# ------------------------------------------------------------- hardening
# Fuzzing (issue 8; fuzz/README in fuzz/run.sh): libvigil built with clang
# and fuzzer instrumentation in build-fuzz/, one binary per target from
# fuzz/fuzz_main.c. `make fuzz` runs each target FUZZ_SECONDS (60) with
# seeds from tests/; FUZZ_JOBS=2 runs two at a time. `make fuzz-regress`
# replays the saved crashers (tests/fuzz-regress/) through the fuzz
# binaries; `make test` replays them too, via tests/unit/test_fuzz_regress.c.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 1
FUZZ_BUILD    = build-fuzz
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_TARGETS  = read_text read_jsonl read_xml read_html read_auto doc coder \
                dict_actors dict_agents dict_verbs dict_discards dict_synsets \
                pdict_actors pdict_agents pdict_verbs pdict_discards validate \
                snapshot http jsonl front
FUZZ_BINS     = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz/fuzz_%)

# The library itself is built by a sub-make with BUILD=$(FUZZ_BUILD), where
# the ordinary $(BUILD)/libvigil.a rule applies (hence the guard).
ifneq ($(BUILD),$(FUZZ_BUILD))
$(FUZZ_BUILD)/libvigil.a: $(LIB_SRC) $(wildcard src/*.h src/*.inc) include/vigil.h
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" EXTRA_LDFLAGS="$(FUZZ_SAN)" \
	  $(FUZZ_BUILD)/libvigil.a
endif

$(FUZZ_BUILD)/fuzz/fuzz_%: fuzz/fuzz_main.c fuzz/fuzz_entries.h $(FUZZ_BUILD)/libvigil.a
	@mkdir -p $(FUZZ_BUILD)/fuzz
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fno-omit-frame-pointer $(WARN) \
	  -Iinclude -Isrc -DVG_FUZZ_TARGET='"$*"' -DVG_FUZZ_DICT='"$(CURDIR)/tests/golden/dict"' \
	  -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< $(FUZZ_BUILD)/libvigil.a $(LDLIBS_ALL) $(FUZZ_SAN)

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_JOBS=$(FUZZ_JOBS) sh fuzz/run.sh $(FUZZ_SECONDS)

# Each saved input of tests/fuzz-regress/TARGET/ run once by its target.
fuzz-regress: fuzz-build
	@st=0; for t in $(FUZZ_TARGETS); do \
	  set -- tests/fuzz-regress/$$t/*; [ -f "$$1" ] || continue; \
	  $(FUZZ_BUILD)/fuzz/fuzz_$$t -runs=1 "$$@" >$(FUZZ_BUILD)/regress-$$t.log 2>&1 \
	    && echo "fuzz-regress $$t: $$# inputs ok" \
	    || { echo "fuzz-regress $$t: FAILED (see $(FUZZ_BUILD)/regress-$$t.log)"; st=1; }; \
	done; exit $$st

# The replay test includes the fuzz entries: rebuild it when they change.
$(BUILD)/tests/test_fuzz_regress: fuzz/fuzz_entries.h

# The unit tests under valgrind's memcheck: any error or leak fails.
valgrind: all $(TEST_BIN)
	@st=0; for t in $(TEST_BIN); do \
	  valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
	    --errors-for-leak-kinds=definite,indirect,possible $$t >$(BUILD)/valgrind-$$(basename $$t).log 2>&1; \
	  rc=$$?; if [ $$rc -eq 0 ]; then echo "valgrind $$(basename $$t): clean"; \
	  else echo "valgrind $$(basename $$t): FAILED (exit $$rc)"; tail -n 30 $(BUILD)/valgrind-$$(basename $$t).log; st=1; fi; \
	done; exit $$st

.PHONY: fuzz fuzz-build fuzz-regress valgrind

# ---------------------------------------------------------------- bench
# Throughput of `vigil code` (issue 6; bench/run.sh says what it measures):
# BENCH_MB (100) of VOA stories, BENCH_RUNS (5) timed runs, -j BENCH_JOBS (2).
# Results in build/bench/results.txt; skips cleanly without ../shared.
bench: all
	VIGIL_BUILD=$(BUILD) sh bench/run.sh

.PHONY: bench

# ---------------------------------------------------------------- python
# The Python binding and Dask (issue 9; docs/python.md): stories/s of the
# binding and of 1 and 2 Dask workers next to the CLI. Skips cleanly
# without ../shared or python3-distributed.
bench-python: all
	VIGIL_BUILD=$(BUILD) sh bench/python.sh

.PHONY: bench-python

# ---------------------------------------------------------------- serve
# Load test of `vigil serve` (issue 7; bench/serve.sh): wrk on loopback
# against /api/events and POST /api/code, SERVE_SECONDS (10) each, 32
# connections; requests/s and p99 latency in build/bench/serve.txt.
bench-serve: all
	VIGIL_BUILD=$(BUILD) sh bench/serve.sh

.PHONY: bench-serve
