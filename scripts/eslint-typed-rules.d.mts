/** The type-aware rules the house runs, by rule id (see eslint-typed-rules.mjs). */
export declare const typedRules: Record<string, 'error' | ['error', ...unknown[]]>;
