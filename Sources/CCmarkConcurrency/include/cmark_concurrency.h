#ifndef FOLIO_CMARK_CONCURRENCY_H
#define FOLIO_CMARK_CONCURRENCY_H

#include <stdbool.h>

/// Whether cmark-gfm called this module's `cmark_manage_extensions_special_characters` (see
/// cmark_concurrency.c): only then may parses run on several threads at once. False until the first
/// parse has finished, and forever false if the dynamic linker did not route the call here.
bool folio_cmark_special_characters_pinned(void);

#endif
