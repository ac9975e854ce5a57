#ifndef FOLIO_SYSTEM_H
#define FOLIO_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): the site folder and its
/// staging folder swap places in one step, so no reader or crash ever sees a missing or partial site.
/// Returns 0 on success, or the errno value (ENOSYS/EINVAL where the kernel or file system cannot).
int folio_exchange_paths(const char *first, const char *second);

#endif
