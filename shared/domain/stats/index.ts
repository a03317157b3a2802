export type { PairedSummary, PairedWarningCode, PrePostPair, SignedRankResult } from './paired';
export {
  DIFFERENCE_DECIMALS,
  holm,
  PAIRED_WARNINGS,
  pairedSummary,
  RANK_TIE_TOLERANCE,
  SMALL_SAMPLE_PAIRS,
  tieTolerantDifferences,
  tieTolerantValues,
  WILCOXON_EXACT_MAX_N,
  wilcoxonSignedRank,
} from './paired';
