import { ProblemError, type Problem } from '@congress/contracts';

/** The problem a call was refused with; fails the test if it was not refused. */
export async function problemOf(promise: Promise<unknown>): Promise<Problem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemError) return error.problem;
    throw error;
  }
  throw new Error('expected the call to be refused with a problem, but it succeeded');
}
