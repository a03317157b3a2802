/**
 * Server-side scoring of the outcome questionnaires (rules: docs/instruments.md).
 * WHOQOL-BREF: WHO 1996 scoring manual, Harper & Power SPSS syntax, Purba et al. 2018.
 * URICA: URICA scoring key (VCU; Habits Lab, UMBC).
 */
export * from './urica';
export * from './whoqol-bref';
