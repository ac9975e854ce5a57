// Lets cmark-gfm parse on several threads at once although Debian builds it without CMARK_THREADING.
//
// The one piece of shared state a parse changes is the inline parser's table of special characters:
// at the start of its inline phase every parse adds its extensions' characters (`~` for strikethrough,
// `:` and `w` for autolinks, `|` for tables) and at the end it removes them. A parse that finishes
// while another is still in its inline phase takes those characters away from it: measured, 375 of
// 1,206 chapters rendered wrong with two threads. Every parse in folio attaches the same extensions,
// so the characters may as well stay: this definition replaces the library's (cmark-gfm calls it
// through its PLT, so the executable's definition wins), adds them on the first call, under a lock,
// and never removes them. Measured with the same corpus: 0 wrong of 6,030 parses on 2 and 4 threads.
//
// If the dynamic linker ever stops routing the call here (a library built with -Bsymbolic),
// `folio_cmark_special_characters_pinned` stays false and MarkdownParser keeps parsing under its lock.
#define _GNU_SOURCE
#include "cmark_concurrency.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>

typedef struct cmark_parser cmark_parser;
typedef void (*manage_special_characters)(cmark_parser *, int);

static pthread_mutex_t pin_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_bool pinned = false;

void cmark_manage_extensions_special_characters(cmark_parser *parser, int add) {
    if (!add) return;  // the characters stay for the next parse, which needs the same ones
    pthread_mutex_lock(&pin_lock);
    if (!atomic_load(&pinned)) {
        manage_special_characters library = (manage_special_characters)dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters");
        if (library) {
            library(parser, 1);
            atomic_store(&pinned, true);
        }
    }
    pthread_mutex_unlock(&pin_lock);
}

bool folio_cmark_special_characters_pinned(void) {
    return atomic_load(&pinned);
}
