// One line per namespace, in alphabetical order; the German index lists the same names.
export { addRoute } from './addRoute';
export { app } from './app';
export { bigRange } from './bigRange';
export { certificates } from './certificates';
export { common } from './common';
export { dataFolder } from './dataFolder';
export { errors } from './errors';
export { legacyCrypto } from './legacy-crypto';
export { log } from './log';
export { loginChecks } from './login-checks';
export { routes } from './routes';
export { server } from './server';
export { serviceErrors } from './serviceErrors';
export { settings } from './settings';
export { targetRoutes } from './targetRoutes';
export { targets } from './targets';
export { trust } from './trust';
