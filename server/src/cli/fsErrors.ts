/** File-system errors in words a CI log reader understands. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory (or it was removed while whfb-lint ran)';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'symbolic link loop';
    case 'EISDIR': return 'is a directory';
    case 'ENOTREGULAR': return 'not a regular file (a pipe, socket or device)';
    case 'ENOTDIR': return 'a path segment is not a directory';
    case 'EMFILE': case 'ENFILE': return 'too many open files';
    default: return error instanceof Error ? error.message : String(error);
  }
}
