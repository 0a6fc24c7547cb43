import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { dictionary } from '@zxcvbn-ts/language-common';
import { passwordRuleViolations, PASSWORD_RULE_MESSAGES, PasswordRule } from '@hh/contracts';

let commonPasswords: Set<string> | undefined;

/** True when the password (case-insensitively) is in zxcvbn's list of ~50,000 commonly used passwords. */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary.passwords.map((word) => word.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/** Every rule of the password policy the password breaks, plus the common-password check. */
export function passwordPolicyViolations(password: string): PasswordRule[] {
  const broken: PasswordRule[] = passwordRuleViolations(password);
  if (broken.length === 0 && isCommonPassword(password)) broken.push('common');
  return broken;
}

/** DTO decorator: the 400 names each rule that failed ("must contain a digit", "is too common…"). */
export function IsAcceptablePassword(options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    registerDecorator({
      name: 'isAcceptablePassword',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && passwordPolicyViolations(value).length === 0,
        defaultMessage: (args: ValidationArguments) =>
          typeof args.value === 'string'
            ? passwordPolicyViolations(args.value)
                .map((rule) => PASSWORD_RULE_MESSAGES[rule])
                .join(', ')
            : 'must be a string',
      },
    });
  };
}
