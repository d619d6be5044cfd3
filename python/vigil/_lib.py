"""vigil._lib — finds and loads libvigil.so with ctypes and declares the C
functions the binding calls (include/vigil.h is the reference).

Only opaque handles cross the boundary: readers, docs, dictionaries,
coders, stories and events are passed around as void pointers, and events
come back as the library's own JSON or TSV line (vigil_event_format), so
no C struct layout is mirrored here except vigil_removed (two strings).

Functions are loaded through ctypes.CDLL, which releases the GIL for the
duration of every call: a thread coding a story lets the other Python
threads run, and threads with their own coders code in parallel.
"""

import ctypes
import ctypes.util
import os
import threading

# Status codes (enum vigil_status).
OK = 0
DONE = 1

# Formats (enum vigil_format) and output formats (enum vigil_outfmt).
FORMATS = {"auto": 0, "text": 1, "jsonl": 2, "xml": 3, "html": 4}
OUT_JSONL = 0
OUT_TSV = 1

# Coder flags (VIGIL_CODE_*) and cleaning flags (VIGIL_CLEAN_*).
CODE_NEGATED = 1 << 0
CODE_NO_DYAD = 1 << 1
CODE_NO_COREF = 1 << 2
CODE_EXPLAIN = 1 << 3
CLEAN_KEEP_BOILERPLATE = 1 << 0

# The package lives in <repo>/python/vigil, so the checkout is two levels up.
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DIAG_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_char_p)


class Removed(ctypes.Structure):
    """struct vigil_removed: a block the cleaner dropped, and the rule."""

    _fields_ = [("text", ctypes.c_char_p), ("rule", ctypes.c_char_p)]


def library_path():
    """Where libvigil.so is taken from: $VIGIL_LIB, else build/libvigil.so
    of the checkout this package sits in, else the system's search path."""
    env = os.environ.get("VIGIL_LIB")
    if env:
        return env
    local = os.path.join(REPO, "build", "libvigil.so")
    if os.path.exists(local):
        return local
    found = ctypes.util.find_library("vigil")
    if found:
        return found
    raise OSError(
        "libvigil.so not found: build it with `make` in the vigil checkout, "
        "or set VIGIL_LIB to its path"
    )


_P = ctypes.c_void_p
_S = ctypes.c_char_p
_Z = ctypes.c_size_t
_I = ctypes.c_int
_U = ctypes.c_uint

# name: (restype, argtypes)
_SIGNATURES = {
    "vigil_strerror": (_S, [_I]),
    "vigil_free": (None, [_P]),
    "vigil_reader_new": (_P, [_I, _S, _S]),
    "vigil_reader_set_diag": (None, [_P, DIAG_FN, _P]),
    "vigil_reader_feed": (_I, [_P, _S, _Z]),
    "vigil_reader_finish": (_I, [_P]),
    "vigil_reader_next": (_I, [_P, ctypes.POINTER(_P)]),
    "vigil_reader_skipped": (_U, [_P]),
    "vigil_reader_free": (None, [_P]),
    "vigil_doc_new": (_P, [_P, _U]),
    "vigil_doc_free": (None, [_P]),
    "vigil_doc_id": (_S, [_P]),
    "vigil_doc_sentence_count": (_Z, [_P]),
    "vigil_doc_removed_count": (_Z, [_P]),
    "vigil_doc_removed": (ctypes.POINTER(Removed), [_P, _Z]),
    "vigil_doc_utf8_repairs": (_U, [_P]),
    "vigil_dict_new": (_P, []),
    "vigil_dict_set_diag": (None, [_P, DIAG_FN, _P]),
    "vigil_dict_load": (_I, [_P, _S]),
    "vigil_dict_finish": (_I, [_P]),
    "vigil_dict_errmsg": (_S, [_P]),
    "vigil_dict_count": (_Z, [_P, _S]),
    "vigil_dict_explain": (_P, [_P, _S, _S]),
    "vigil_dict_free": (None, [_P]),
    "vigil_coder_new": (_P, [_P, _U]),
    "vigil_coder_code": (_I, [_P, _P]),
    "vigil_coder_event_count": (_Z, [_P]),
    "vigil_coder_event": (_P, [_P, _Z]),
    "vigil_coder_explain": (_P, [_P, _Z]),
    "vigil_coder_free": (None, [_P]),
    "vigil_event_format": (_Z, [_P, _I, ctypes.c_void_p, _Z]),
    "vigil_tsv_header": (_S, []),
    "vigil_store_open": (_I, [_S, _U, ctypes.POINTER(_P)]),
    "vigil_store_errmsg": (_S, [_P]),
    "vigil_store_put": (_I, [_P, _P, _P]),
    "vigil_store_close": (None, [_P]),
}

_lib = None
_lock = threading.Lock()


def lib():
    """The loaded library (loaded on first use, once per process)."""
    global _lib
    with _lock:
        if _lib is None:
            so = ctypes.CDLL(library_path())
            for name, (res, args) in _SIGNATURES.items():
                f = getattr(so, name)
                f.restype = res
                f.argtypes = args
            # libxml2 must set up its globals once before threads may parse
            # HTML at the same time (the CLI's -j does the same). libvigil
            # links libxml2, so the symbol is found through its handle.
            so.xmlInitParser.restype = None
            so.xmlInitParser.argtypes = []
            so.xmlInitParser()
            _lib = so
        return _lib


def take_string(p):
    """A string the library returned with "caller frees", as str; freed."""
    if not p:
        return None
    try:
        return ctypes.string_at(p).decode("utf-8", "replace")
    finally:
        lib().vigil_free(p)
