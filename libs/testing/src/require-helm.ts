// Jest globalSetup of the chart tests. Without helm every test would fail on its own, hundreds of
// times with the same message; this fails the run once, before any test, with that one message.
import { findHelm } from './helm';

export default function requireHelm(): void {
  try {
    findHelm();
  } catch (error) {
    // The message says what to do; a stack trace through Jest's internals would only bury it.
    (error as Error).stack = '';
    throw error;
  }
}
