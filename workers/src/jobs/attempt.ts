/** Which try of a BullMQ job this is: tries made before it, and tries the job is allowed. */
export type Attempt = { made: number; allowed: number };

/** Whether this try is the job's last: failing it fails the job for good. */
export function isLastAttempt(attempt: Attempt): boolean {
  return attempt.made + 1 >= attempt.allowed;
}
