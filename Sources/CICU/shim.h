// Debian's ICU (libicu-dev), as a system library: the headers and libraries of CLDR plural rules and
// MessageFormat. Only the C target CFolioICU includes it. Swift code must not: Foundation carries its
// own ICU (_FoundationICU) whose types have the same C names and clash with these.
#ifndef FOLIO_CICU_SHIM_H
#define FOLIO_CICU_SHIM_H
#include <unicode/uenum.h>
#include <unicode/umsg.h>
#include <unicode/upluralrules.h>
#endif
