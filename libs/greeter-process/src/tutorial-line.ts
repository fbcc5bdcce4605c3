/** Go's log package prefix: local time as `2006/01/02 15:04:05`. */
export function goLogTimestamp(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}/${pad(date.getMonth() + 1)}/${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/**
 * The tutorial's line, `2024/02/07 14:37:14 Hello world from istio-grpc-server-v2-66d9b8847-276bd`:
 * what greeter-client prints per reply, and the lab per reply line it reads (`--lines`).
 */
export function replyLine(message: string, hostname: string, date?: Date): string {
  return `${goLogTimestamp(date)} ${message} from ${hostname}`;
}
