/**
 * The shape a translation must have: the same keys as the English catalogue, nested the same way, every leaf a
 * string. `export const x = { … } satisfies Catalog<typeof en.x>` makes a missing or extra key a type error.
 */
export type Catalog<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> };
