import { readFileSync } from 'node:fs';

// Polling the *content* survives editors that save by renaming a new file into place (vim, many
// IDEs: an fs.watch on the old inode goes silent) and has no start-up window in which a save is
// missed (fs.watchFile takes its first stat asynchronously). The file is a few hundred bytes.
const POLL_MS = 100;
// Editors write a file in several steps; wait for the last one before reporting it.
const DEBOUNCE_MS = 150;

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Calls onChange once per settled change of the file's content; returns the function that stops it. */
export function onFileChange(file: string, onChange: () => void): () => void {
  let last = readOrEmpty(file);
  let pending: NodeJS.Timeout | undefined;
  const poller = setInterval(() => {
    const now = readOrEmpty(file);
    if (now === last) return;
    last = now;
    clearTimeout(pending);
    pending = setTimeout(onChange, DEBOUNCE_MS);
  }, POLL_MS);
  return () => {
    clearInterval(poller);
    clearTimeout(pending);
  };
}
