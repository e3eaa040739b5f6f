/** Checks what the user typed on the re-verify page against the factors it asked for. */
import { verifyPassword } from '../users/password.js';
import type { UserRecord } from '../users/user-record.js';
import { isDevVerificationCode } from './dev-verification-code.js';
import type { FactorsToVerify } from './factors-to-verify.js';

/** Why a submission was refused: Clerk's form error codes, and the status the page answers with. */
export interface FactorProblem {
  status: 400 | 422;
  code: 'form_param_missing' | 'form_password_incorrect' | 'form_code_incorrect';
  message: string;
}

function field(form: URLSearchParams, name: string): string {
  return form.get(name) ?? '';
}

/** Null when every asked factor checks out, else the first problem. Nothing is written here. */
export async function checkFactors(
  factors: FactorsToVerify,
  user: UserRecord,
  form: URLSearchParams,
): Promise<FactorProblem | null> {
  if (factors.first === 'password') {
    const password = field(form, 'password');
    if (!password) return { status: 400, code: 'form_param_missing', message: 'Enter your password.' };
    if (!user.password_digest || !(await verifyPassword(password, user.password_digest))) {
      return { status: 422, code: 'form_password_incorrect', message: 'Password is incorrect. Try again.' };
    }
  }
  if (factors.first === 'code') {
    const code = field(form, 'code');
    if (!code) return { status: 400, code: 'form_param_missing', message: 'Enter the verification code.' };
    if (!isDevVerificationCode(code)) return { status: 422, code: 'form_code_incorrect', message: 'Incorrect code.' };
  }
  if (factors.second) {
    const code = field(form, 'second_factor_code');
    if (!code) return { status: 400, code: 'form_param_missing', message: 'Enter your second factor code.' };
    if (!isDevVerificationCode(code)) return { status: 422, code: 'form_code_incorrect', message: 'Incorrect code.' };
  }
  return null;
}
