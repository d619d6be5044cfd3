#!/bin/sh
# make_binary_cases.sh — writes the golden cases whose input holds bytes that
# cannot be typed into a text editor safely (invalid UTF-8). The output is
# committed; run this script again only to change those cases.
#
#   sh tests/golden/make_binary_cases.sh
set -e
cd "$(dirname "$0")/cases"

# utf8_invalid: a Latin-1 e-acute (0xE9) and u-umlaut (0xFC) in place of UTF-8,
# a stray continuation byte (0x80), an overlong encoding of "/" (0xC0 0xAF),
# a UTF-8 sequence cut short (0xE2 0x80 before a space) and a valid curly
# apostrophe (U+2019) in "Rohan’s". None of the bad bytes is inside an actor
# or verb word, so every event is still coded.
printf 'Rohan\342\200\231s foreign minister criticized Mordor on Monday at the Caf\351 M\374ller in Edoras.\n' > utf8_invalid.txt
printf '\n' >> utf8_invalid.txt
printf 'Gondorian troops attacked Mordorian positions near the river \200 overnight, a spokesman said \300\257 in a statement.\n' >> utf8_invalid.txt
printf '\n' >> utf8_invalid.txt
printf 'Officials described the situation as tense \342\200 and unresolved.\n' >> utf8_invalid.txt
