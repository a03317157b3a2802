/**
 * Cohort comparisons (pure): `buildComparison(input)` -> comparison.json object,
 * `renderComparisonHtml(summary)` -> comparison.html. No I/O here: the caller reads each
 * period's records (or folds them with `buildSummary`) and writes the files. Contract:
 * docs/reports.md, "Cohort comparisons".
 */
export type {
  CohortData,
  CohortSummary,
  ComparisonInput,
  ComparisonSummariesInput,
} from './build';
export {
  buildComparison,
  buildComparisonFromSummaries,
  ComparisonInputError,
  compareBinary,
  compareScores,
  MAX_COMPARED,
  summarizeCohort,
} from './build';
export { changeChart, comparisonEvidence, differenceInWords, renderComparisonHtml } from './render';
export * from './types';
