import { Refusal } from '../../shared/domain/refusal';
import { refusalBody, refusalStatus } from '../../shared/http/refusals';

/** A refusal as a form sees it: status, code, Indonesian message, details. */
export interface SeenRefusal {
  status: number;
  code: string;
  message: string;
  details: Array<{ path: string; message: string }>;
}

function seen(refusal: Refusal): SeenRefusal {
  const { error } = refusalBody(refusal);
  return { status: refusalStatus(refusal), code: error.code, message: error.message, details: error.details };
}

/** The refusal `act` throws (as the API would answer it); fails the test when it throws nothing. */
export function thrownBy(act: () => unknown): SeenRefusal {
  const refusal = refusalOf(act);
  if (!refusal) throw new Error('expected a refusal, but nothing was thrown');
  return refusal;
}

/** The refusal `act` throws, or undefined when it returns; anything else thrown fails the test. */
export function refusalOf(act: () => unknown): SeenRefusal | undefined {
  try {
    act();
    return undefined;
  } catch (error) {
    if (error instanceof Refusal) return seen(error);
    throw error;
  }
}
