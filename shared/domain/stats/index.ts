export type { PairedSummary, PairedWarningCode, PrePostPair, SignedRankResult } from './paired';
export {
  DIFFERENCE_DECIMALS,
  holm,
  PAIRED_WARNINGS,
  pairedSummary,
  SMALL_SAMPLE_PAIRS,
  WILCOXON_EXACT_MAX_N,
  wilcoxonSignedRank,
} from './paired';
