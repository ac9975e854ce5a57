// ICU's plural rules (uplrules_*) and MessageFormat (umsg_*) behind plain C types, for Swift.
// ICU renames every function with its version (uplrules_select → uplrules_select_72) by macros, which
// Swift does not import, and its types clash with Foundation's own ICU: the calls are made in C.
#ifndef FOLIO_CFOLIOICU_H
#define FOLIO_CFOLIOICU_H
#include <stdarg.h>
#include <stdint.h>

/// Cardinal (ordinal = 0) or ordinal plural rules of `locale`; NULL and *status > 0 on failure.
void *folio_plural_open(const char *locale, int ordinal, int32_t *status);
void folio_plural_close(void *rules);
/// The category of `number` (UTF-16, without terminator); its length.
int32_t folio_plural_select(const void *rules, double number, uint16_t *keyword, int32_t capacity, int32_t *status);
/// The categories of the rules, separated by spaces, NUL-terminated in `buffer`; their length.
int32_t folio_plural_keywords(const void *rules, char *buffer, int32_t capacity, int32_t *status);

/// A MessageFormat with numbered arguments; on a syntax error, NULL, *status > 0 and the offset.
void *folio_message_open(const uint16_t *pattern, int32_t length, const char *locale, int32_t *errorOffset,
                         int32_t *status);
void folio_message_close(void *format);
/// Formats with the arguments in `arguments` (doubles for numeric arguments, UTF-16 strings otherwise).
int32_t folio_message_vformat(const void *format, uint16_t *result, int32_t capacity, va_list arguments,
                              int32_t *status);
/// `value` in upper-case roman numerals (ICU's algorithmic "roman" numbering system), UTF-16 without
/// terminator; its length. Annexes of United Nations publications are numbered I, II, III in every language.
int32_t folio_format_roman(int32_t value, uint16_t *result, int32_t capacity, int32_t *status);
/// A collator for `locale` (ICU's CLDR collation: each alphabet in its own order); NULL on failure.
void *folio_collator_open(const char *locale, int32_t *status);
void folio_collator_close(void *collator);
/// -1, 0 or 1 as `a` sorts before, with or after `b` (UTF-8 strings with their lengths).
int32_t folio_collate(const void *collator, const char *a, int32_t aLength, const char *b, int32_t bLength, int32_t *status);
/// ICU's name of an error code ("U_DEFAULT_KEYWORD_MISSING").
const char *folio_icu_error_name(int32_t status);

#endif
