// One line per namespace, in alphabetical order; the same names as the English index (a missing one is a type error).
export { app } from './app';
export { bigRange } from './bigRange';
export { certificates } from './certificates';
export { common } from './common';
export { dataFolder } from './dataFolder';
export { legacyCrypto } from './legacy-crypto';
export { loginChecks } from './login-checks';
export { settings } from './settings';
export { targetRoutes } from './targetRoutes';
export { trust } from './trust';
