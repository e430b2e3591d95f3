import { z } from 'zod';

const empty = z.object({}).strict();

export const logEntrySchema = z.object({
  time: z.string(),
  level: z.enum(['debug', 'info', 'warn', 'error']),
  source: z.string(),
  /** The target system's address the line is about, or null. */
  target: z.string().nullable(),
  message: z.string(),
});

export const logRequests = {
  /** The log lines the services hold (also from earlier runs, read from disk), oldest first. */
  'log:recent': {
    request: empty,
    response: z.array(logEntrySchema),
  },
  /** Deletes every log line, in memory and the log files on disk. */
  'log:clear': {
    request: empty,
    response: z.object({ cleared: z.literal(true) }),
  },
} as const;

export const logEvents = {
  'log:entry': logEntrySchema,
  /** The log was cleared (by this or another window). */
  'log:cleared': empty,
} as const;
