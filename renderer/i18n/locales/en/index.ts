// One line per namespace, in alphabetical order; the German index lists the same names.
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
