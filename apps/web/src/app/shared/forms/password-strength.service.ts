import { Injectable } from '@angular/core';

export type PasswordStrengthScore = 0 | 1 | 2 | 3 | 4;
export type PasswordStrengthLabel = 'Weak' | 'Fair' | 'Good' | 'Strong';

export interface PasswordStrength {
  score: PasswordStrengthScore;
  label: PasswordStrengthLabel;
}

type Estimator = (password: string, userInputs?: (string | number)[]) => { score: PasswordStrengthScore };

const LABELS: Record<PasswordStrengthScore, PasswordStrengthLabel> = {
  0: 'Weak',
  1: 'Weak',
  2: 'Fair',
  3: 'Good',
  4: 'Strong',
};

/** "Ada Rutherford", "ada.r@example.com" → the whole values and each word in them, so that parts count too. */
function personalWords(userInputs: string[]): string[] {
  const words = userInputs.flatMap((input) => [input, ...input.split(/[\s@._+-]+/)]);
  return [...new Set(words.map((word) => word.trim().toLowerCase()).filter((word) => word.length >= 3))];
}

/**
 * zxcvbn's estimate of how guessable a password is. The estimator and its dictionaries (several hundred KB)
 * are loaded with a dynamic import() on first use, so they stay out of the initial bundle and only visitors
 * who type a new password download them.
 */
@Injectable({ providedIn: 'root' })
export class PasswordStrengthService {
  private estimator: Promise<Estimator> | null = null;

  async estimate(password: string, userInputs: string[] = []): Promise<PasswordStrength> {
    const zxcvbn = await this.loadEstimator();
    const { score } = zxcvbn(password, personalWords(userInputs));
    return { score, label: LABELS[score] };
  }

  private loadEstimator(): Promise<Estimator> {
    this.estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')])
      .then(([core, common]) => {
        core.zxcvbnOptions.setOptions({
          dictionary: { ...common.dictionary },
          graphs: common.adjacencyGraphs,
        });
        return core.zxcvbn as Estimator;
      })
      .catch((error: unknown) => {
        // A failed chunk download (flaky network) must not poison every later attempt.
        this.estimator = null;
        throw error;
      });
    return this.estimator;
  }
}
