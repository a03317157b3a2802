/**
 * Every schema of the API and the vocabulary they use, in one import, for the forms (web/).
 * Server code imports the one area module it needs (a Lambda bundle carries only those).
 */
export * from '../../domain/vocabulary';
export * from './audit';
export * from './clients';
export * from './common';
export * from './comparisons';
export * from './corrections';
export * from './enrollments';
export * from './imports';
export * from './officers';
export * from './periods';
export * from './records';
export * from './reports';
