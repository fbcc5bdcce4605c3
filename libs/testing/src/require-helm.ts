// Jest globalSetup of the chart tests. Without helm every test would fail on its own, hundreds of
// times with the same message; this fails the run once, before any test, with that one message.
// Jest loads a globalSetup without the path aliases (moduleNameMapper applies to tests only), so
// this one file reaches libs/helm by its path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { findHelm, HELM_MISSING } from '../../helm/src/helm';

export default function requireHelm(): void {
  let error: Error;
  try {
    if (findHelm()) return;
    error = new Error(HELM_MISSING);
  } catch (invalid) {
    error = invalid as Error; // HELM_BIN names something that is not an executable
  }
  // The message says what to do; a stack trace through Jest's internals would only bury it.
  error.stack = '';
  throw error;
}
