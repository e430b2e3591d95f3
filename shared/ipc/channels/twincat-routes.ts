import { z } from 'zod';
import { staticRouteEntrySchema } from './server-config';

/** The routes in this PC's own TwinCAT StaticRoutes.xml, or why there are none to show. */
export const twinCatRoutesSchema = z.object({
  /** A TwinCAT target folder was found on this PC. */
  found: z.boolean(),
  /** The StaticRoutes.xml path (also when the file does not exist yet). */
  path: z.string().nullable(),
  /** Folders looked in when none was found. */
  tried: z.array(z.string()),
  exists: z.boolean(),
  routes: z.array(staticRouteEntrySchema),
  /** The file exists but cannot be read or parsed: shown, never overwritten. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type TwinCatRoutes = z.infer<typeof twinCatRoutesSchema>;

export const twinCatRoutesRequests = {
  'twincat-routes:list': {
    request: z.object({}).strict(),
    response: twinCatRoutesSchema,
  },
  /** One of this PC's routes for use elsewhere: a StaticRoutes.xml entry and adstool / pyads lines (no secrets). */
  'twincat-routes:export': {
    request: z.object({ name: z.string().min(1) }).strict(),
    response: z.object({
      fragment: z.string(),
      adstool: z.string(),
      pyads: z.string(),
      plainOnly: z.boolean(),
      thisPc: z.object({ netId: z.string(), address: z.string(), hostname: z.string() }),
    }),
  },
} as const;

export const twinCatRoutesEvents = {
  /** This PC's StaticRoutes.xml was written (a new route was added to it). */
  'twincat-routes:changed': twinCatRoutesSchema,
} as const;
