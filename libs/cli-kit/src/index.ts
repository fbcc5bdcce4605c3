export { UsageError } from './usage-error';
export { parseGoDuration, formatGoDuration } from './go-duration';
export { booleanFromEnv, goFlagParser, rejectInvalidBooleans } from './go-flags';
export { parseInteger, parseDurationFlag, requireNonEmpty } from './flag-values';
export { parseListenAddress, type ListenAddress } from './listen-address';
export { runCli } from './run-cli';
