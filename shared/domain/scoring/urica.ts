/**
 * URICA scoring (University of Rhode Island Change Assessment, 32 items, answers 1-5), exactly
 * per docs/instruments.md ("URICA").
 *
 * Source: the URICA scoring key (VCU; Habits Lab, UMBC), standard 28-item scoring: items 4, 9,
 * 20 and 31 are asked but not scored. The stage cut-offs are product policy (docs/instruments.md),
 * because the published cut-offs are loose.
 *
 * Pure domain code: no AWS import, no I/O, never throws for a wrong answer value (a wrong array
 * length is a caller bug and throws RangeError, because callers validate the length first).
 */
import {
  assertItemCount,
  type ItemResponse,
  isAnsweredItem,
  roundToScoreDecimals,
  type ScoringResult,
} from './whoqol-bref';

export const URICA_ITEM_COUNT = 32;

/** Asked on the form but not scored (URICA scoring key, 28-item scoring). */
export const URICA_UNSCORED_ITEMS: readonly number[] = [4, 9, 20, 31];

/** A subscale score needs at least 6 of its 7 items answered, else the form is rejected. */
export const URICA_SUBSCALE_MIN_ANSWERED = 6;

export type UricaSubscale = 'precontemplation' | 'contemplation' | 'action' | 'maintenance';

/** Item numbers (1-based, numbered like the printed form), per the URICA scoring key. */
export const URICA_SUBSCALES: Readonly<Record<UricaSubscale, readonly number[]>> = {
  precontemplation: [1, 5, 11, 13, 23, 26, 29],
  contemplation: [2, 8, 12, 15, 19, 21, 24],
  action: [3, 7, 10, 14, 17, 25, 30],
  maintenance: [6, 16, 18, 22, 27, 28, 32],
};

/** Product policy cut-offs on readiness (docs/instruments.md). */
export const URICA_STAGE_CUTOFFS = { precontemplationMax: 8, contemplationMax: 11 } as const;

export type UricaStage = 'precontemplation' | 'contemplation' | 'preparation_action';

export interface UricaScores {
  precontemplation: number;
  contemplation: number;
  action: number;
  maintenance: number;
  /** contemplation + action + maintenance - precontemplation; range -2..14. */
  readiness: number;
  stage: UricaStage;
}

/** readiness <= 8 precontemplation; 8 < readiness <= 11 contemplation; > 11 preparation_action. */
export function uricaStage(readiness: number): UricaStage {
  if (readiness <= URICA_STAGE_CUTOFFS.precontemplationMax) return 'precontemplation';
  if (readiness <= URICA_STAGE_CUTOFFS.contemplationMax) return 'contemplation';
  return 'preparation_action';
}

interface SubscaleResult {
  subscale: UricaSubscale;
  answered: number;
  /** Mean of the answered items, or null below the 6-of-7 minimum. */
  mean: number | null;
}

function scoreSubscale(responses: readonly ItemResponse[], subscale: UricaSubscale): SubscaleResult {
  const answered = URICA_SUBSCALES[subscale]
    .map((item) => responses[item - 1])
    .filter((value): value is number => isAnsweredItem(value));
  const mean =
    answered.length >= URICA_SUBSCALE_MIN_ANSWERED
      ? answered.reduce((sum, value) => sum + value, 0) / answered.length
      : null;
  return { subscale, answered: answered.length, mean };
}

/**
 * Scores a URICA form. `responses[0]` is item 1, `responses[31]` is item 32.
 * Not ok when any subscale has fewer than 6 of 7 answered; `missing` lists EVERY failing
 * subscale (scope = subscale name), so a form can show all of them at once.
 */
export function scoreUrica(responses: readonly ItemResponse[]): ScoringResult<UricaScores> {
  assertItemCount('URICA', responses, URICA_ITEM_COUNT);

  const pre = scoreSubscale(responses, 'precontemplation');
  const con = scoreSubscale(responses, 'contemplation');
  const act = scoreSubscale(responses, 'action');
  const mai = scoreSubscale(responses, 'maintenance');
  if (pre.mean === null || con.mean === null || act.mean === null || mai.mean === null) {
    return {
      ok: false,
      reason: 'too_many_missing',
      missing: [pre, con, act, mai]
        .filter((result) => result.mean === null)
        .map((result) => ({
          scope: result.subscale,
          answered: result.answered,
          required: URICA_SUBSCALE_MIN_ANSWERED,
        })),
    };
  }

  // Readiness is computed from the UNROUNDED subscale means and rounded once. Summing the
  // stored (rounded) means would double-round: in the public worked example the means are
  // 31/7, 27/7, 20/7 and 11/7, so readiness is 67/7 = 9.571429, while the rounded means sum
  // to 4.428571 + 3.857143 + 2.857143 - 1.571429 = 9.571428. The example holds only this way.
  const readiness = roundToScoreDecimals(con.mean + act.mean + mai.mean - pre.mean);

  return {
    ok: true,
    scores: {
      precontemplation: roundToScoreDecimals(pre.mean),
      contemplation: roundToScoreDecimals(con.mean),
      action: roundToScoreDecimals(act.mean),
      maintenance: roundToScoreDecimals(mai.mean),
      readiness,
      // The cut-offs apply to the ROUNDED stored readiness, so stored data is self-consistent
      // (anyone re-deriving the stage from the stored value gets the same stage), and a value
      // that is exactly 8 or 11 in exact arithmetic but 8.000000000000002 in binary floating
      // point lands on the inclusive side of the cut-off.
      stage: uricaStage(readiness),
    },
  };
}
