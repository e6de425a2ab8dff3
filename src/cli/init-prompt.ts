/**
 * The prompts of `escalate init`, the only init module that imports @inquirer/prompts;
 * loaded lazily, and only on a terminal. Ctrl-C rejects with ExitPromptError (exit 130).
 */
import { confirm, input, select } from '@inquirer/prompts';

export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
}

/** What init asks through; tests of the flow can pass their own. */
export interface InitPrompter {
  select<T extends string>(message: string, choices: Choice<T>[], initial?: T): Promise<T>;
  input(message: string, initial: string | undefined, validate: (value: string) => string | undefined): Promise<string>;
  confirm(message: string, initial: boolean): Promise<boolean>;
}

export const inquirerPrompter: InitPrompter = {
  select: (message, choices, initial) => select({ message, choices, ...(initial === undefined ? {} : { default: initial }), loop: false, pageSize: Math.max(7, choices.length) }),
  input: async (message, initial, validate) =>
    (await input({ message, ...(initial === undefined ? {} : { default: initial }), validate: (value) => validate(value.trim()) ?? true })).trim(),
  confirm: (message, initial) => confirm({ message, default: initial }),
};
