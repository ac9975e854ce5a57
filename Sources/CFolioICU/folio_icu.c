#include "CFolioICU.h"
#include <string.h>
#include <unicode/uenum.h>
#include <unicode/umsg.h>
#include <unicode/upluralrules.h>
#include <unicode/unum.h>
#include <unicode/ucol.h>

void *folio_plural_open(const char *locale, int ordinal, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_openForType(locale, ordinal ? UPLURAL_TYPE_ORDINAL : UPLURAL_TYPE_CARDINAL, &code);
    *status = code;
    return rules;
}

void folio_plural_close(void *rules) { uplrules_close((UPluralRules *)rules); }

int32_t folio_plural_select(const void *rules, double number, uint16_t *keyword, int32_t capacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t length = uplrules_select((const UPluralRules *)rules, number, (UChar *)keyword, capacity, &code);
    *status = code;
    return length;
}

int32_t folio_plural_keywords(const void *rules, char *buffer, int32_t capacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UEnumeration *keywords = uplrules_getKeywords((const UPluralRules *)rules, &code);
    int32_t used = 0;
    if (capacity > 0) buffer[0] = 0;
    if (U_SUCCESS(code)) {
        int32_t length = 0;
        const char *keyword;
        while ((keyword = uenum_next(keywords, &length, &code)) != NULL && U_SUCCESS(code)) {
            if (used + length + 2 > capacity) { code = U_BUFFER_OVERFLOW_ERROR; break; }
            if (used > 0) buffer[used++] = ' ';
            memcpy(buffer + used, keyword, (size_t)length);
            used += length;
            buffer[used] = 0;
        }
    }
    uenum_close(keywords);
    *status = code;
    return used;
}

void *folio_message_open(const uint16_t *pattern, int32_t length, const char *locale, int32_t *errorOffset,
                         int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UParseError parseError;
    memset(&parseError, 0, sizeof parseError);
    UMessageFormat *format = umsg_open((const UChar *)pattern, length, locale, &parseError, &code);
    *status = code;
    *errorOffset = parseError.offset;
    return format;
}

void folio_message_close(void *format) { umsg_close((UMessageFormat *)format); }

int32_t folio_message_vformat(const void *format, uint16_t *result, int32_t capacity, va_list arguments,
                              int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t length = umsg_vformat((const UMessageFormat *)format, (UChar *)result, capacity, arguments, &code);
    *status = code;
    return length;
}

const char *folio_icu_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

int32_t folio_format_roman(int32_t value, uint16_t *result, int32_t capacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UNumberFormat *format = unum_open(UNUM_DEFAULT, NULL, 0, "en@numbers=roman", NULL, &code);
    int32_t length = 0;
    if (U_SUCCESS(code)) length = unum_format(format, value, (UChar *)result, capacity, NULL, &code);
    if (format) unum_close(format);
    *status = code;
    return length;
}

void *folio_collator_open(const char *locale, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UCollator *collator = ucol_open(locale, &code);
    *status = code;
    return collator;
}

void folio_collator_close(void *collator) { ucol_close((UCollator *)collator); }

int32_t folio_collate(const void *collator, const char *a, int32_t aLength, const char *b, int32_t bLength, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UCollationResult result = ucol_strcollUTF8((const UCollator *)collator, a, aLength, b, bLength, &code);
    *status = code;
    return result == UCOL_LESS ? -1 : result == UCOL_GREATER ? 1 : 0;
}
