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
PKGS     = libutf8proc libcjson libxml-2.0 sqlite3
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

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

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) include/vigil.h | $(BUILD)/obj
	$(CC) $(CFLAGS_ALL) -fPIC -c $< -o $@

# The CLI finds vigil's own dictionaries in this checkout unless --dict or
# $$VIGIL_DATA says otherwise.
$(BUILD)/obj/cli_%.o: cli/%.c cli/cli.h include/vigil.h | $(BUILD)/obj
	$(CC) $(CFLAGS_ALL) -DVIGIL_DATADIR='"$(CURDIR)/data"' -c $< -o $@

$(BUILD)/libvigil.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/libvigil.so: $(LIB_OBJ)
	$(CC) -shared -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/vigil: $(CLI_OBJ) $(BUILD)/libvigil.a
	$(CC) $(CFLAGS_ALL) -o $@ $(CLI_OBJ) $(BUILD)/libvigil.a $(LDLIBS_ALL)

# Unit tests may use internal headers (they test modules); they link the static library.
$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.h $(BUILD)/libvigil.a | $(BUILD)/tests
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(BUILD)/libvigil.a $(LDLIBS_ALL)

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

test: all $(TEST_BIN)
	VIGIL_BUILD=$(BUILD) sh tests/run.sh

# The main job on the bundled example stories (README's first command).
demo: all
	$(BUILD)/vigil code --date 2024-11-20 examples/stories.jsonl examples/brief.txt examples/article.html

# Evaluations against ../shared material (skip cleanly when it is absent).
eval: all
	sh tests/eval/seed.sh

asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" test

format:
	clang-format -i include/*.h src/*.[ch] cli/*.c tests/unit/*.[ch]

format-check:
	clang-format --dry-run --Werror include/*.h src/*.[ch] cli/*.c tests/unit/*.[ch]

tables: tools/gen_tables.py
	python3 tools/gen_tables.py ../shared/reference src/cameo_table.c

clean:
	rm -rf build build-asan

.PHONY: all demo test eval asan format format-check tables clean
